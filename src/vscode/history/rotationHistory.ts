// The rotation history in VS Code: records as files in the extension's global storage folder (shared by every
// window), kept to `oktaWorkflows.historyMaxRecords`, rebuilt after every change of a rotation of this window
// (record(), which the running rotations' event calls) without the rotation ever waiting on it. Who acts is asked
// once per org and credential in a session (the org's credential, the admin behind an API token by Okta's
// users/me, the operating-system user), within its own deadline. The store and the recorder are loaded with the
// first record or read (historyParts.ts), not at activation.
import * as vscode from 'vscode';
import { actorFor } from '../../history/actor.ts';
import type { RecordContext } from '../../history/fromJournal.ts';
import type { HistoryRecord } from '../../history/record.ts';
import type { HistoryRecorder } from '../../history/recording.ts';
import type { FileHistoryStore } from '../../history/store.ts';
import type { RotationJournal } from '../../rotation/model/journal.ts';
import type { OktaClient } from '../../okta/client.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { Log } from '../platform/log.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type * as HistoryParts from './historyParts.ts';

/** How long naming who acts (Okta's users/me) may take before the record goes without it. */
const WHO_ACTS_TIMEOUT_MS = 30_000;

interface Loaded {
  parts: typeof HistoryParts;
  store: FileHistoryStore;
  recorder: HistoryRecorder;
}

export class RotationHistory {
  private readonly folder: string;
  private loaded: Promise<Loaded> | undefined;
  private readonly log: Log;
  private readonly settings: OrgSettings;
  private readonly credentials: OrgCredentialStore;
  private readonly clients: OktaClients;
  /** Who acts, per org, for the credential it was asked with (a new credential asks again). */
  private readonly acting = new Map<string, { client: OktaClient | undefined; context: Promise<RecordContext> }>();

  constructor(
    context: vscode.ExtensionContext,
    parts: { log: Log; settings: OrgSettings; credentials: OrgCredentialStore; clients: OktaClients },
  ) {
    this.log = parts.log;
    this.settings = parts.settings;
    this.credentials = parts.credentials;
    this.clients = parts.clients;
    this.folder = vscode.Uri.joinPath(context.globalStorageUri, 'rotation-history').fsPath;
  }

  /** The store and the recorder, built the first time the history is written or read. */
  private load(): Promise<Loaded> {
    this.loaded ??= import('./historyParts.ts').then((parts) => {
      const store = new parts.FileHistoryStore(this.folder, {
        maxRecords: () => this.settings.number('historyMaxRecords', 1000),
        onProblem: (m) => this.log.warn(m),
      });
      return { parts, store, recorder: new parts.HistoryRecorder(store, (what, e) => this.log.error(what, e)) };
    });
    return this.loaded;
  }

  /** The history's file store (the export keeps the System Log it read beside each record). */
  async store(): Promise<FileHistoryStore> {
    return (await this.load()).store;
  }

  /** Queues the record of `journal`, a rotation of `org`, as it is now (in the order the calls came). */
  record(org: OrgConfig, journal: RotationJournal): void {
    this.log.background(
      'Recording the rotation history',
      this.load().then(({ recorder }) => recorder.record(journal, () => this.actingContext(org))),
    );
  }

  /** Every record, after adding those of journals kept before the history was (oldest first). */
  async records(journals: readonly RotationJournal[]): Promise<HistoryRecord[]> {
    const { parts, store, recorder } = await this.load();
    await recorder.idle();
    const added = await parts.backfillHistory(store, journals, (j) => {
      const org = this.settings.find(j.org.host);
      return { orgLabel: org?.label ?? j.org.host, practice: org?.practice === true, labelOf: this.labelOf };
    });
    if (added > 0) this.log.info(`Rotation history: ${added} record(s) added from the rotation journals`);
    return store.list();
  }

  private readonly labelOf = (host: string): string => this.settings.find(host)?.label ?? host;

  private async actingContext(org: OrgConfig): Promise<RecordContext> {
    // The org's client stands for its credential: a new credential makes a new client (OktaClients).
    const client = (await this.credentials.has(org.key)) ? await this.clients.get(org) : undefined;
    const known = this.acting.get(org.key);
    if (known && known.client === client) return known.context;
    const context = this.askWhoActs(org, client);
    this.acting.set(org.key, { client, context });
    return context;
  }

  private async askWhoActs(org: OrgConfig, client: OktaClient | undefined): Promise<RecordContext> {
    const signal = AbortSignal.timeout(WHO_ACTS_TIMEOUT_MS);
    const actor = await actorFor(client && { whoAmI: () => client.whoAmI(signal) }, new Date().toISOString());
    if (actor.note) this.log.info(`Rotation history of ${org.key}: ${actor.note}`);
    return { orgLabel: org.label, practice: org.practice === true, actor, labelOf: this.labelOf };
  }
}
