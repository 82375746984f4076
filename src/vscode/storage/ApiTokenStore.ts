// API tokens in VS Code's SecretStorage (the OS keychain), one per org host. SecretStorage is shared by every
// window, and its onDidChange tells the others: our own onDidChange re-emits it per org so trees and clients
// stay in step.
import * as vscode from 'vscode';

const PREFIX = 'oktaWorkflows.apiToken/';

export class ApiTokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the org key whose token was stored or deleted, in this window or another. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly secrets: vscode.SecretStorage;

  constructor(secrets: vscode.SecretStorage) {
    this.secrets = secrets;
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  get(orgKey: string): Thenable<string | undefined> {
    return this.secrets.get(PREFIX + orgKey);
  }

  async has(orgKey: string): Promise<boolean> {
    return (await this.get(orgKey)) !== undefined;
  }

  store(orgKey: string, token: string): Thenable<void> {
    return this.secrets.store(PREFIX + orgKey, token);
  }

  delete(orgKey: string): Thenable<void> {
    return this.secrets.delete(PREFIX + orgKey);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
