// Activation registers and wires; it makes no network call. Okta is first contacted when the Orgs view asks for
// its children or a command runs.
import * as vscode from 'vscode';
import { Log } from './platform/log.ts';
import { OrgSettings } from './orgs/orgSettings.ts';
import { OrgCredentialStore } from './storage/orgCredentialStore.ts';
import { OktaClients } from './connection/oktaClients.ts';
import { SecretsTreeProvider } from './tree/secretsTreeProvider.ts';
import { beforeLifecycleActionOf, rotationMarkers } from './tree/treeRotations.ts';
import { RunningRotations } from './rotations/runningRotations.ts';
import { registerCommands } from './commands/registerCommands.ts';
import { setContextKey } from './platform/contextKeys.ts';
import type { Services } from './platform/services.ts';
import { PracticeOrgs } from './practice/practiceOrgs.ts';
import { NetworkSettings } from './connection/networkSettings.ts';
import { KnownOrgStore } from './storage/knownOrgStore.ts';
import { OrgState } from './orgs/orgState.ts';
import { RunningCampaign } from './campaign/runningCampaign.ts';
import { RotationHistory } from './history/rotationHistory.ts';
import { SecretReminders } from './reminders/secretReminders.ts';
import { SerialMemento } from './storage/serialMemento.ts';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  const settings = new OrgSettings();
  const credentials = new OrgCredentialStore(context.secrets, (m) => log.warn(m));
  const network = new NetworkSettings(log);
  const clients = new OktaClients(credentials, log, () => ({
    timeoutMs: settings.number('requestTimeoutSeconds', 30) * 1000,
    maxRateLimitWaitMs: settings.number('maxRateLimitWaitSeconds', 65, { allowZero: true }) * 1000,
    operationTimeoutMs: settings.number('operationTimeoutSeconds', 180) * 1000,
    network: network.read(),
  }));
  // Every store in globalState writes through one SerialMemento: concurrent writes would lose each other's keys.
  const globalState = new SerialMemento(context.globalState);
  // One state of the orgs: what is known of each, and the one refresher the tree, the reminders and the commands use.
  const known = new KnownOrgStore(globalState, (m) => log.warn(m));
  const orgState = new OrgState({ settings, credentials, clients, log, known });
  const history = new RotationHistory(context, { log, settings, credentials, clients });
  const rotations = new RunningRotations(context, globalState, log, settings, clients, history, known);
  const reminders = new SecretReminders(globalState, { log, settings, credentials, orgState });
  const tree = new SecretsTreeProvider({
    settings,
    credentials,
    clients,
    log,
    orgState,
    markers: (org, app) => rotationMarkers(rotations, org, app),
  });
  const practice = new PracticeOrgs({ log, credentials, clients, rotations });
  const campaigns = new RunningCampaign({ context, globalState, log, settings, rotations, clients });
  context.subscriptions.push(
    log,
    settings,
    credentials,
    clients,
    known,
    orgState,
    rotations,
    reminders,
    tree,
    practice,
    campaigns,
  );

  const services: Services = {
    extension: context,
    log,
    settings,
    credentials,
    clients,
    orgState,
    rotations,
    practice,
    campaigns,
    history,
    reminders,
    beforeLifecycleAction: beforeLifecycleActionOf(rotations, log),
  };
  for (const command of registerCommands(services)) context.subscriptions.push(command);
  context.subscriptions.push(
    vscode.window.createTreeView('oktaWorkflows.orgs', { treeDataProvider: tree, showCollapseAll: true }),
    rotations.registerSerializer(),
    campaigns.registerSerializer(),
    rotations.onDidChange(() => {
      tree.redraw();
      log.background('Setting context keys', updateContextKeys());
    }),
    // A rotation step that changed Okta ended: reload that org's secrets (the new one, the deleted old one).
    rotations.onDidChangeOkta((org) => {
      if (tree.hasStarted) log.background(`Reloading ${org.key}`, orgState.refresh([org]));
    }),
    settings.onDidChange(() => log.background('Setting context keys', updateContextKeys())),
    credentials.onDidChange(() => log.background('Setting context keys', updateContextKeys())),
    // A proxy or certificate setting changed: new clients take the new route, and the tree reloads through them.
    network.onDidChange(() => {
      for (const org of settings.read().orgs) clients.forget(org.key);
      if (tree.hasStarted) log.background('Reloading the orgs', orgState.refresh());
    }),
  );

  async function updateContextKeys(): Promise<void> {
    const { orgs } = settings.read();
    const withToken = await Promise.all(orgs.map((o) => credentials.has(o.key)));
    await Promise.all([
      setContextKey('oktaWorkflows.hasOrgs', orgs.length > 0),
      setContextKey('oktaWorkflows.anyOrgHasToken', withToken.some(Boolean)),
      setContextKey('oktaWorkflows.hasRotations', rotations.hasUnfinished()),
    ]);
  }
  log.background('Setting context keys', updateContextKeys());
  // Opt-in (npm run demo sets it): a loopback simulator, no network beyond 127.0.0.1.
  practice.startIfConfigured();
}

export function deactivate(): void {
  // Everything is in context.subscriptions and disposed by VS Code.
}
