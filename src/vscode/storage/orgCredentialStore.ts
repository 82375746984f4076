// Each org's credential (an API token or an OAuth service app's key) in VS Code's SecretStorage (the OS
// keychain), one entry per org host, as tagged JSON (see orgCredential.ts; older entries are the bare token and
// still read). SecretStorage is shared by every window, and its onDidChange tells the others: our own
// onDidChange re-emits it per org so trees and clients stay in step.
import * as vscode from 'vscode';
import { parseStoredCredential, serializeCredential, type OrgCredential } from '../../orgs/orgCredential.ts';

// The key predates service apps; kept so the credentials stored by earlier versions are found.
const PREFIX = 'oktaWorkflows.apiToken/';

export class OrgCredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the org key whose credential was stored or deleted, in this window or another. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly secrets: vscode.SecretStorage;
  private readonly onProblem: (message: string) => void;

  constructor(secrets: vscode.SecretStorage, onProblem: (message: string) => void = () => undefined) {
    this.secrets = secrets;
    this.onProblem = onProblem;
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  /** The org's credential; undefined when there is none or the stored one cannot be read (reported). */
  async get(orgKey: string): Promise<OrgCredential | undefined> {
    const raw = await this.secrets.get(PREFIX + orgKey);
    if (raw === undefined) return undefined;
    const parsed = parseStoredCredential(raw);
    if (parsed.ok) return parsed.credential;
    this.onProblem(`The stored credentials of ${orgKey} cannot be used (${parsed.reason}); set them again.`);
    return undefined;
  }

  async has(orgKey: string): Promise<boolean> {
    return (await this.get(orgKey)) !== undefined;
  }

  store(orgKey: string, credential: OrgCredential): Thenable<void> {
    return this.secrets.store(PREFIX + orgKey, serializeCredential(credential));
  }

  delete(orgKey: string): Thenable<void> {
    return this.secrets.delete(PREFIX + orgKey);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
