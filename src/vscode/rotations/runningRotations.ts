// The running rotations of this window: one engine per rotation, its checklist panel, and the journals (for the
// tree's "in use"/"new" markers and Resume Rotation). It adapts the engine to VS Code and decides nothing the
// engine decides: steps, guards and locks are the engine's.
import * as vscode from 'vscode';
import { RotationEngine, type ActionOutcome, type RotationDeps } from '../../rotation/engine.ts';
import { isFinished, type RotationJournal } from '../../rotation/journal.ts';
import { buildSnapshot, type RotationSnapshot } from '../../rotation/snapshot.ts';
import { resolvePairs } from '../../fleet/campaign/pairing.ts';
import type { KnownOrgStore } from '../storage/knownOrgStore.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { Log } from '../platform/log.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import { Disposable } from '../platform/disposable.ts';
import { GlobalStateJournalStore } from '../storage/globalStateJournalStore.ts';
import { SecretStoragePendingSecretStore } from '../storage/secretStoragePendingSecretStore.ts';
import type { SecretMarkers } from '../../fleet/tree/presentation.ts';
import {
  CHECKLIST_VIEW_TYPE,
  RotationChecklistPanel,
  webviewOptions,
  type RotationBinding,
} from './rotationChecklistPanel.ts';
import { PageStateSchema } from './checklistProtocol.ts';
import { rotationDepsFor } from './rotationDeps.ts';
import { oktaChanged } from './oktaChanges.ts';
import { endLine } from './rotationLog.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { RotationHistory } from '../history/rotationHistory.ts';

export class RunningRotations extends Disposable {
  private readonly journals: GlobalStateJournalStore;
  private readonly pending: SecretStoragePendingSecretStore;
  private readonly engines = new Map<string, RotationEngine>();
  /** Engines refused as stale (another window drove their rotation since): they refuse everything, so Resume drops them. */
  private readonly stale = new WeakSet<RotationEngine>();
  private readonly panels = new Map<string, RotationChecklistPanel>();
  private cache: RotationJournal[] = [];
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly oktaChangedIn = this.register(new vscode.EventEmitter<OrgConfig>());
  /** A rotation step that changes Okta ended (createSecret, deactivateOld, deleteOld, preflight, retire, rollback). */
  readonly onDidChangeOkta = this.oktaChangedIn.event;
  private readonly context: vscode.ExtensionContext;
  private readonly log: Log;
  private readonly settings: OrgSettings;
  private readonly clients: OktaClients;
  private readonly history: RotationHistory | undefined;
  private readonly known: KnownOrgStore;

  constructor(
    context: vscode.ExtensionContext,
    globalState: vscode.Memento,
    log: Log,
    settings: OrgSettings,
    clients: OktaClients,
    history: RotationHistory | undefined,
    known: KnownOrgStore,
  ) {
    super();
    this.context = context;
    this.log = log;
    this.settings = settings;
    this.clients = clients;
    this.history = history;
    this.known = known;
    // Claims lock across windows in the extension's global storage folder (created on first claim).
    this.journals = new GlobalStateJournalStore(globalState, (m) => log.warn(m), {
      lockDir: vscode.Uri.joinPath(context.globalStorageUri, 'rotation-locks').fsPath,
    });
    this.pending = new SecretStoragePendingSecretStore(context.secrets);
    void this.reloadJournals();
  }

  /** "in use" and "new" for an app, from its unfinished rotation's journal (or its latest one). */
  markers(orgKey: string, appId: string): SecretMarkers {
    const j = this.cache.filter((x) => x.org.host === orgKey && x.app.id === appId && !isFinished(x)).at(-1);
    return j
      ? { ...(j.inUse ? { journalInUseId: j.inUse.id } : {}), ...(j.newSecret ? { newId: j.newSecret.id } : {}) }
      : {};
  }

  hasUnfinished(): boolean {
    return this.cache.some((j) => !isFinished(j));
  }

  unfinished(): RotationJournal[] {
    return this.cache.filter((j) => !isFinished(j));
  }

  /** Every journal kept, finished ones included (the rotation history is backfilled from them). */
  listJournals(): Promise<RotationJournal[]> {
    return this.journals.list();
  }

  /** Starts a rotation of the org's Workflows app and opens its checklist. */
  async start(org: OrgConfig): Promise<void> {
    const engine = await withOktaProgress(
      this.clients,
      { title: `${org.label}: finding the Okta Workflows OAuth app…`, orgs: [org] },
      (signal) => this.startEngine(org, this.pairingOf(org), signal),
    );
    this.open(engine, org);
  }

  /**
   * Starts a rotation without opening its checklist (a campaign drives it): the Workflows app as remembered, or
   * found. RotationError 'alreadyRunning' when the app has a rotation in progress.
   */
  async startEngine(
    org: OrgConfig,
    pairing: { previewOrg: string; soakHours: number } | undefined,
    signal?: AbortSignal,
  ): Promise<RotationEngine> {
    const remembered = this.known.app(org.key, org.appId);
    const app =
      remembered ??
      (await (await this.clients.get(org)).findWorkflowsApp(org.appId ? { appId: org.appId } : {}, signal));
    const started = {
      org: { host: org.key, baseUrl: org.address.baseUrl },
      environment: org.environment,
      app,
      ...(pairing ? { pairing } : {}),
    };
    const engine = await RotationEngine.start(started, this.deps(org));
    this.log.info(`Started rotation ${engine.rotationId} of ${org.key}`);
    this.adopt(engine, org);
    return engine;
  }

  /** A production org's pairing from the settings (its previewOrg's key), with the soak setting. */
  pairingOf(org: OrgConfig): { previewOrg: string; soakHours: number } | undefined {
    const previewOrg = resolvePairs(this.settings.read().orgs).previewOf.get(org.key);
    return previewOrg
      ? { previewOrg, soakHours: this.settings.number('soakHours', 24, { allowZero: true }) }
      : undefined;
  }

  /** The rotation's engine: running in this window, or resumed from its journal (no checklist opened). */
  async engineOf(rotationId: string, org: OrgConfig, signal?: AbortSignal): Promise<RotationEngine> {
    const running = this.engines.get(rotationId);
    if (running && !this.stale.has(running)) return running;
    if (running) this.drop(rotationId);
    const engine = await RotationEngine.resume(rotationId, this.deps(org), signal);
    this.adopt(engine, org);
    return engine;
  }

  /** The rotation as it stands (its engine's, else its journal's), without resuming it. */
  snapshotOf(rotationId: string): RotationSnapshot | undefined {
    const engine = this.engines.get(rotationId);
    if (engine) return engine.snapshot();
    const journal = this.cache.find((j) => j.rotationId === rotationId);
    return journal ? buildSnapshot(journal, false, new Date()) : undefined;
  }

  /** The org's rotation in progress, if any (to adopt when a campaign finds one started from a checklist). */
  unfinishedOf(orgKey: string): RotationJournal | undefined {
    return this.cache.find((j) => j.org.host === orgKey && !isFinished(j));
  }

  /** Every journal kept (the campaign's soak reads the preview orgs' completed rotations). */
  allJournals(): RotationJournal[] {
    return [...this.cache];
  }

  /** The new secret's value of a rotation in progress, for Copy New Secret (in the host, never to a page). */
  newSecretValue(rotationId: string): Promise<string | undefined> {
    return this.engines.get(rotationId)?.newSecretValue() ?? this.pending.get(rotationId);
  }

  /** Reads the journals again now (a campaign needs them current before it reads a rotation's state). */
  refreshJournals(): Promise<void> {
    return this.reloadJournals();
  }

  /** Reopens a rotation from its journal: its panel when open, otherwise a new engine from the journal. */
  async resume(journal: RotationJournal, panel?: vscode.WebviewPanel): Promise<void> {
    const current = this.engines.get(journal.rotationId);
    if (current && this.stale.has(current)) this.drop(journal.rotationId);
    const existing = this.panels.get(journal.rotationId);
    if (existing && !panel) {
      existing.reveal();
      return;
    }
    const org = this.settings.find(journal.org.host);
    if (!org) {
      panel?.dispose();
      throw new Error(
        `The rotation ${journal.rotationId} is of ${journal.org.host}, which is no longer in the setting oktaWorkflows.orgs. Add the org again (Add Org), then Resume Rotation.`,
      );
    }
    let engine = this.engines.get(journal.rotationId);
    if (!engine) {
      try {
        engine = await withOktaProgress(
          this.clients,
          { title: `${org.label}: resuming the rotation…`, orgs: [org] },
          (signal) => RotationEngine.resume(journal.rotationId, this.deps(org), signal),
        );
      } catch (e) {
        panel?.dispose();
        throw e;
      }
      this.adopt(engine, org);
    }
    this.open(engine, org, panel);
  }

  /**
   * Forgets every rotation of an org that no longer exists (Stop Practice Orgs): closes its checklist, drops its
   * engine, deletes its journal and its pending secret value. Returns the journals forgotten, for the log.
   */
  async forgetOrg(orgKey: string): Promise<RotationJournal[]> {
    const forgotten = (await this.journals.list()).filter((j) => j.org.host === orgKey);
    for (const j of forgotten) {
      this.panels.get(j.rotationId)?.dispose();
      this.panels.delete(j.rotationId);
      this.engines.delete(j.rotationId);
      await this.pending.delete(j.rotationId);
      await this.journals.delete(j.rotationId);
    }
    if (forgotten.length > 0) await this.reloadJournals();
    return forgotten;
  }

  /** Closes a rotation's checklist and forgets its engine; the journal stays. */
  private drop(rotationId: string): void {
    const panel = this.panels.get(rotationId);
    this.panels.delete(rotationId);
    this.engines.delete(rotationId);
    panel?.dispose();
  }

  /** The checklist's Resume Rotation after a stale refusal: the journal as stored now, in a fresh engine and checklist. */
  private async reopen(rotationId: string): Promise<void> {
    const journal = await this.journals.load(rotationId);
    if (!journal || isFinished(journal)) {
      this.drop(rotationId);
      await this.reloadJournals();
      void vscode.window.showInformationMessage(
        `The rotation ${rotationId} ${journal ? `of ${journal.org.host} ended in the other window (${journal.outcome})` : 'is no longer recorded'}; there is nothing to resume.`,
      );
      return;
    }
    await this.resume(journal);
  }

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(CHECKLIST_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const parsed = PageStateSchema.safeParse(state);
        const journal = parsed.success ? await this.journals.load(parsed.data.rotationId) : undefined;
        if (!journal || isFinished(journal)) {
          this.log.info(
            `Not restoring a checklist panel: ${parsed.success ? `rotation ${parsed.data.rotationId} is ${journal ? 'finished' : 'unknown'}` : 'no rotation id in its state'}`,
          );
          panel.dispose();
          return;
        }
        try {
          await this.resume(journal, panel);
        } catch (e) {
          this.log.error(`Restoring the checklist of rotation ${journal.rotationId}`, e);
          const choice = await vscode.window.showErrorMessage(
            `The checklist of the rotation in ${journal.org.host} could not be restored: ${e instanceof Error ? e.message : String(e)}`,
            'Show Log',
          );
          if (choice === 'Show Log') this.log.show();
        }
      },
    });
  }

  private deps(org: OrgConfig): RotationDeps {
    return rotationDepsFor({
      org,
      journals: this.journals,
      secrets: this.pending,
      client: () => this.clients.get(org),
      previewRecencyDays: this.settings.number('previewRecencyDays', 30),
      log: this.log,
      ...(this.history ? { recordHistory: this.history.recorderFor(org) } : {}),
    });
  }

  private adopt(engine: RotationEngine, org: OrgConfig): void {
    this.engines.set(engine.rotationId, engine);
    let previous = engine.snapshot();
    const unsubscribe = engine.onDidChange((snap) => {
      const ended = endLine(previous, snap, org.key);
      if (ended) this.log.info(ended);
      const changedOkta = oktaChanged(previous, snap);
      previous = snap;
      if (changedOkta && !this.isDisposed) this.oktaChangedIn.fire(org);
      void this.reloadJournals();
    });
    this.register({ dispose: unsubscribe });
    void this.reloadJournals();
  }

  private open(engine: RotationEngine, org: OrgConfig, restored?: vscode.WebviewPanel): void {
    const existing = this.panels.get(engine.rotationId);
    if (existing && !restored) {
      existing.reveal();
      return;
    }
    const panel =
      restored ??
      vscode.window.createWebviewPanel(
        CHECKLIST_VIEW_TYPE,
        `Rotate: ${org.label}`,
        vscode.ViewColumn.Active,
        webviewOptions(this.context.extensionUri),
      );
    const binding: RotationBinding = {
      rotationId: engine.rotationId,
      orgLabel: org.label,
      snapshot: () => engine.snapshot(),
      onDidChange: (listener) => engine.onDidChange(() => listener()),
      perform: async (action, signal): Promise<ActionOutcome> => {
        const outcome = await engine.perform(action, signal);
        if (!outcome.ok && outcome.error.kind === 'staleJournal') this.stale.add(engine);
        return outcome;
      },
      newSecretValue: () => engine.newSecretValue(),
      withProgress: (title, work, alsoAbortedBy) =>
        withOktaProgress(this.clients, { title, orgs: [org], alsoAbortedBy }, work),
      reopen: () => this.reopen(engine.rotationId),
      onWait: (listener) => {
        const subscription = this.clients.onWait((orgKey, reason, ms) => {
          if (orgKey === org.key) listener(reason, ms);
        });
        return () => subscription.dispose();
      },
    };
    const view = new RotationChecklistPanel(panel, binding, this.context.extensionUri, this.log);
    this.panels.set(engine.rotationId, view);
    this.register(
      view.onDidClose(() => {
        // Only this view's entries: after a reopen the rotation id names a new checklist and engine.
        if (this.panels.get(engine.rotationId) === view) this.panels.delete(engine.rotationId);
        // The journal keeps the rotation; a finished or closed one needs no engine in memory.
        if (
          this.engines.get(engine.rotationId) === engine &&
          (engine.snapshot().outcome !== 'inProgress' || !engine.snapshot().busy)
        )
          this.engines.delete(engine.rotationId);
      }),
    );
    this.register(view);
  }

  private async reloadJournals(): Promise<void> {
    try {
      this.cache = (await this.journals.list()).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    } catch (e) {
      this.log.error('Reading the rotation journals', e);
    }
    if (!this.isDisposed) this.changed.fire();
  }
}
