// The rotation history in VS Code: records as files in the extension's global storage folder (shared by every
// window), kept to `oktaWorkflows.historyMaxRecords`, written by the engine's journal store after each save. Who
// acts is asked once per rotation start or resume: the org's credential, the admin behind an API token (Okta's
// users/me), the operating-system user.
import * as vscode from 'vscode';
import { actorFor } from '../../history/actor.ts';
import type { RecordContext } from '../../history/fromJournal.ts';
import type { HistoryRecord } from '../../history/record.ts';
import { backfillHistory, historyRecorder, type HistoryRecorder } from '../../history/recording.ts';
import { FileHistoryStore } from '../../history/store.ts';
import type { RotationJournal } from '../../rotation/journal.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { Log } from '../platform/log.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';

export class RotationHistory {
  readonly store: FileHistoryStore;
  private readonly log: Log;
  private readonly settings: OrgSettings;
  private readonly credentials: OrgCredentialStore;
  private readonly clients: OktaClients;

  constructor(
    context: vscode.ExtensionContext,
    parts: { log: Log; settings: OrgSettings; credentials: OrgCredentialStore; clients: OktaClients },
  ) {
    this.log = parts.log;
    this.settings = parts.settings;
    this.credentials = parts.credentials;
    this.clients = parts.clients;
    this.store = new FileHistoryStore(vscode.Uri.joinPath(context.globalStorageUri, 'rotation-history').fsPath, {
      maxRecords: () => this.settings.number('historyMaxRecords', 1000),
      onProblem: (m) => this.log.warn(m),
    });
  }

  /** The recorder of one rotation start or resume: who acts is asked once, on the first save. */
  recorderFor(org: OrgConfig): HistoryRecorder {
    let context: Promise<RecordContext> | undefined;
    return historyRecorder(this.store, () => {
      context ??= this.actingContext(org);
      return context;
    });
  }

  /** Every record, after adding those of journals kept before the history was (oldest first). */
  async records(journals: readonly RotationJournal[]): Promise<HistoryRecord[]> {
    const added = await backfillHistory(this.store, journals, (j) => {
      const org = this.settings.find(j.org.host);
      return { orgLabel: org?.label ?? j.org.host, practice: org?.practice === true };
    });
    if (added > 0) this.log.info(`Rotation history: ${added} record(s) added from the rotation journals`);
    return this.store.list();
  }

  private async actingContext(org: OrgConfig): Promise<RecordContext> {
    const client = (await this.credentials.has(org.key)) ? await this.clients.get(org) : undefined;
    const actor = await actorFor(client, new Date().toISOString());
    if (actor.note) this.log.info(`Rotation history of ${org.key}: ${actor.note}`);
    return { orgLabel: org.label, practice: org.practice === true, actor };
  }
}
