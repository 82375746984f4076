// Activation registers and wires; it makes no network call. Okta is first contacted when the Orgs view asks for
// its children or a command runs.
import * as vscode from 'vscode';
import { Log } from './log.ts';
import { OrgSettings } from './orgs/OrgSettings.ts';
import { ApiTokenStore } from './storage/ApiTokenStore.ts';
import { OktaClients } from './clients.ts';
import { SecretsTreeProvider } from './tree/SecretsTreeProvider.ts';
import { Rotations } from './checklist/Rotations.ts';
import { registerCommands } from './commands/registerCommands.ts';
import { setContextKey } from './contextKeys.ts';
import type { Services } from './services.ts';
import { PracticeOrgs } from './practice/PracticeOrgs.ts';
import { startPracticeOrgsIfConfigured } from './practice/startPracticeOrgs.ts';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const settings = new OrgSettings();
  const tokens = new ApiTokenStore(context.secrets);
  const clients = new OktaClients(tokens, log, () => settings.number('requestTimeoutSeconds', 30) * 1000);
  const rotations = new Rotations(context, log, settings, clients);
  const tree = new SecretsTreeProvider({ settings, tokens, clients, log, markers: (org, app) => rotations.markers(org, app) });
  const practice = new PracticeOrgs({ log, tokens, clients, rotations });
  context.subscriptions.push(log, settings, tokens, clients, rotations, tree, practice);

  const services: Services = { extension: context, log, settings, tokens, clients, tree, rotations, practice };
  context.subscriptions.push(
    vscode.window.createTreeView('oktaWorkflows.orgs', { treeDataProvider: tree, showCollapseAll: true }),
    ...registerCommands(services),
    rotations.registerSerializer(),
    rotations.onDidChange(() => {
      tree.redraw();
      void updateContextKeys();
    }),
    settings.onDidChange(() => void updateContextKeys()),
    tokens.onDidChange((org) => {
      clients.forget(org);
      void updateContextKeys();
    }),
  );

  async function updateContextKeys(): Promise<void> {
    const { orgs } = settings.read();
    const withToken = await Promise.all(orgs.map((o) => tokens.has(o.key)));
    await Promise.all([
      setContextKey('oktaWorkflows.hasOrgs', orgs.length > 0),
      setContextKey('oktaWorkflows.anyOrgHasToken', withToken.some(Boolean)),
      setContextKey('oktaWorkflows.hasRotations', rotations.hasUnfinished()),
    ]);
  }
  void updateContextKeys().catch((e: unknown) => log.error('Setting context keys', e));
  // Opt-in (npm run demo sets it): a loopback simulator, no network beyond 127.0.0.1.
  startPracticeOrgsIfConfigured(services);
}

export function deactivate(): void {
  // Everything is in context.subscriptions and disposed by VS Code.
}
