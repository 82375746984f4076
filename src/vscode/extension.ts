// Activation registers and wires; it makes no network call. Okta is first contacted when the Orgs view asks for
// its children or a command runs.
import * as vscode from 'vscode';
import { Log } from './platform/log.ts';
import { OrgSettings } from './orgs/orgSettings.ts';
import { OrgCredentialStore } from './storage/orgCredentialStore.ts';
import { OktaClients } from './connection/oktaClients.ts';
import { SecretsTreeProvider } from './tree/secretsTreeProvider.ts';
import { changeSecretOf, rotationMarkers, rotationWatchNote } from './tree/treeRotations.ts';
import { RunningRotations } from './rotations/runningRotations.ts';
import { registerChecklistSerializer } from './rotations/checklistSerializer.ts';
import { OldSecretWatches } from './rotations/oldSecretWatches.ts';
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
import { oktaChanged } from '../rotation/oktaChanges.ts';
import { endLogLine } from '../presentation/endings.ts';

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
  const rotations = new RunningRotations(context, globalState, {
    log,
    settings,
    clients,
    // The app as remembered for the org (a refresh found it), else found in Okta.
    appOf: async (org, signal) =>
      known.app(org.key, org.appId) ??
      (await clients.get(org)).findWorkflowsApp(org.appId ? { appId: org.appId } : {}, signal),
  });
  const reminders = new SecretReminders(globalState, { log, settings, credentials, orgState });
  const tree = new SecretsTreeProvider({
    settings,
    credentials,
    clients,
    log,
    orgState,
    markers: (org, app) => rotationMarkers(rotations, org, app),
    watchNote: (org, app) => rotationWatchNote(rotations, org, app),
  });
  // The watches of old secrets left running: looked at again while this window is open, said in the status bar.
  const watches = new OldSecretWatches({ rotations, settings, clients, log });
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
    watches,
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
    changeSecret: changeSecretOf(rotations),
  };
  for (const command of registerCommands(services)) context.subscriptions.push(command);
  context.subscriptions.push(
    vscode.window.createTreeView('oktaWorkflows.orgs', { treeDataProvider: tree, showCollapseAll: true }),
    registerChecklistSerializer(rotations, log),
    campaigns.registerSerializer(),
    rotations.onDidChange(() => {
      tree.redraw();
      log.background('Setting context keys', updateContextKeys());
    }),
    // What follows a rotation of this window: its history record, the log's line when it ends, and the orgs'
    // state, which refreshes the org when a step that changes Okta ended (the new secret, the deleted old one).
    rotations.onDidChangeRotation(({ org, previous, snapshot }) => {
      history.record(org, snapshot.journal);
      const ended = previous && endLogLine(previous, snapshot.journal, org.key, new Date());
      if (ended) log.info(ended);
      if (oktaChanged(previous, snapshot) && tree.hasStarted)
        log.background(`Reloading ${org.key}`, orgState.refresh([org]));
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
