// The window's one state of its orgs: what is known of each (storage/knownOrgStore.ts, in globalState) and the one
// refresher that keeps it current (fleet/orgStateRefresher.ts), wired to VS Code: each org's client from its
// credential, the setting maxConcurrentOrgs, a notification when a refresh nobody waits on waits long, and one
// event that the tree and the reminders listen to. A credential set or removed (in any window) or a changed
// setting takes the orgs concerned back to "not refreshed yet"; orgs gone from the settings are forgotten.
import * as vscode from 'vscode';
import type { ClientSecret, WorkflowsApp } from '../../okta/schemas.ts';
import { OrgStateRefresher, type OrgStatus } from '../../fleet/orgStateRefresher.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { announceLongWaits } from '../platform/oktaProgress.ts';
import type { KnownOrgStore } from '../storage/knownOrgStore.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type { OrgSettings } from './orgSettings.ts';

export interface OrgStateParts {
  settings: OrgSettings;
  credentials: OrgCredentialStore;
  clients: OktaClients;
  log: Log;
  known: KnownOrgStore;
}

export class OrgState extends Disposable {
  /** What is known of each org: shown while it refreshes, read by the campaign's selection and the reminders. */
  readonly known: KnownOrgStore;
  private readonly settings: OrgSettings;
  private readonly refresher: OrgStateRefresher<OrgConfig>;
  private readonly changed = this.register(new vscode.EventEmitter<ReadonlySet<string>>());
  /** The keys of the orgs whose state changed (refreshing, refreshed, failed, forgotten), gathered. */
  readonly onDidChange = this.changed.event;

  constructor(parts: OrgStateParts) {
    super();
    const { settings, credentials, clients, log, known } = parts;
    this.known = known;
    this.settings = settings;
    this.refresher = new OrgStateRefresher<OrgConfig>({
      client: (org) => clients.get(org),
      operation: (signal) => clients.operation(signal),
      known,
      concurrency: () => settings.maxConcurrentOrgs(),
      onFailure: (org, e) => log.error(`Loading ${org.key}`, e),
      watch: (org, cancel, done) => announceLongWaits(clients, org, `Loading ${org.label}`, cancel, done),
    });
    this.register({ dispose: () => this.refresher.dispose() });
    this.register(this.refresher.onDidChange((keys) => this.changed.fire(keys)));
    this.register(credentials.onDidChange((key) => this.refresher.forget(key)));
    this.register(
      settings.onDidChange(() => {
        this.refresher.forget();
        known.keepOnly(new Set(settings.read().orgs.map((o) => o.key)));
      }),
    );
  }

  status(key: string): OrgStatus {
    return this.refresher.status(key);
  }

  /** Whether any org is refreshing now (work that can wait for the refreshes waits for this to end). */
  get busy(): boolean {
    return this.refresher.busy;
  }

  /** Refreshes the given orgs (every configured one when omitted), cancelled by `signal`. */
  refresh(orgs: readonly OrgConfig[] = this.settings.read().orgs, signal?: AbortSignal): Promise<void> {
    return this.refresher.refresh(orgs, signal);
  }

  /** The org's app and secrets as refreshed in this session, refreshing it first if needed (palette pickers). */
  refreshed(org: OrgConfig, signal?: AbortSignal): Promise<{ app: WorkflowsApp; secrets: readonly ClientSecret[] }> {
    return this.refresher.refreshed(org, signal);
  }

  /** The plaintext of a secret listed in this session, for Verify Secret only. */
  secretValue(orgKey: string, secretId: string): string | undefined {
    const status = this.refresher.status(orgKey);
    return status.state === 'refreshed' ? status.secrets.find((s) => s.id === secretId)?.client_secret : undefined;
  }
}
