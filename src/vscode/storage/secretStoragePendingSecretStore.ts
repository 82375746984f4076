// The new secret's value between its creation and the end of its rotation, in SecretStorage (the OS keychain),
// keyed by rotation id. Only the engine writes it; the checklist's Copy New Secret reads it in the host.
import type * as vscode from 'vscode';
import type { PendingSecretStore } from '../../rotation/stores.ts';

const PREFIX = 'oktaWorkflows.pendingSecret/';

export class SecretStoragePendingSecretStore implements PendingSecretStore {
  private readonly secrets: vscode.SecretStorage;

  constructor(secrets: vscode.SecretStorage) {
    this.secrets = secrets;
  }

  async store(rotationId: string, value: string): Promise<void> {
    await this.secrets.store(PREFIX + rotationId, value);
  }

  async get(rotationId: string): Promise<string | undefined> {
    return this.secrets.get(PREFIX + rotationId);
  }

  async delete(rotationId: string): Promise<void> {
    await this.secrets.delete(PREFIX + rotationId);
  }
}
