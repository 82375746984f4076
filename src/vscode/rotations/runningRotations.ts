// The running rotations of this window: one engine per rotation (WindowEngines), its checklist panel, and the
// journals as last read (JournalsAsRead, for the tree's markers and Resume Rotation). It adapts the engine to VS Code
// and decides nothing the engine decides: steps, guards, locks and who runs a step are the engine's. The journals are
// files in the extension's global storage, shared by every window (journals of 0.2 move there from globalState
// once). What else follows a rotation (the history, the tree, the log) subscribes to onDidChangeRotation: nothing of
// it is woven into running one. The engine and the checklist panels are loaded with the first rotation this window
// starts, resumes or reads (engineParts.ts); until then only the journals are read, for the tree's markers.
import * as vscode from 'vscode';
import type { WorkflowsApp } from '../../okta/schemas.ts';
import type { RotationDeps, RotationEngine } from '../../rotation/engine.ts';
import { cloneJournal, type OutsideChange, type RotationJournal } from '../../rotation/model/journal.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import { changeBesideRotation } from '../../rotation/outsideChanges.ts';
import { JournalsAsRead } from '../../rotation/journalsAsRead.ts';
import type { RotationJournalStore } from '../../rotation/stores.ts';
import { WindowEngines } from '../../rotation/windowEngines.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import { SecretClipboard } from '../platform/secretClipboard.ts';
import { SecretStoragePendingSecretStore } from '../storage/secretStoragePendingSecretStore.ts';
import type { ChecklistPanels } from './checklistPanels.ts';
import type * as EngineParts from './engineParts.ts';
import { openJournalFiles } from './journalsAfterReady.ts';
import { pairingFromSettings, rotationDepsFromSettings } from './rotationSettings.ts';

/** One change of a rotation run in this window: its org, the snapshot before (none at its start) and after. */
export interface RotationChange {
  readonly org: OrgConfig;
  readonly previous: RotationSnapshot | undefined;
  readonly snapshot: RotationSnapshot;
}

/** Where a rotation's Workflows app comes from: remembered for the org, or found in Okta. */
export type AppFinder = (org: OrgConfig, signal?: AbortSignal) => Promise<WorkflowsApp>;

export class RunningRotations extends Disposable {
  private readonly journals: RotationJournalStore;
  private readonly pending: SecretStoragePendingSecretStore;
  /** One engine per rotation in this window, however many ask for it at once (a restored checklist, the palette). */
  private readonly engines: WindowEngines<OrgConfig>;
  private panels: ChecklistPanels | undefined;
  private loaded: Promise<typeof EngineParts> | undefined;
  private readonly extensionUri: vscode.Uri;
  /** The journals as last read, for the tree's markers, Resume Rotation and the campaign. */
  private readonly read: JournalsAsRead;
  /** This window among those sharing the journals: a step it runs is its own until it ends (set with the journals). */
  private windowId = '';
  /** This window's id is known (it comes with the journals' part, loaded just after activation). */
  private readonly windowReady: Promise<void>;
  /** Where a new secret is copied for the person: cleared again after a minute. */
  readonly clipboard = new SecretClipboard(vscode.env.clipboard);
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** The journals (their markers, the unfinished ones) changed. */
  readonly onDidChange = this.changed.event;
  private readonly rotationChanged = this.register(new vscode.EventEmitter<RotationChange>());
  /** A rotation of this window started or changed (every engine save, with the snapshot before it). */
  readonly onDidChangeRotation = this.rotationChanged.event;
  private readonly log: Log;
  private readonly settings: OrgSettings;
  private readonly clients: OktaClients;
  private readonly appOf: AppFinder;

  constructor(
    context: vscode.ExtensionContext,
    globalState: vscode.Memento,
    parts: { log: Log; settings: OrgSettings; clients: OktaClients; appOf: AppFinder },
  ) {
    super();
    this.log = parts.log;
    this.settings = parts.settings;
    this.clients = parts.clients;
    this.appOf = parts.appOf;
    this.engines = new WindowEngines<OrgConfig>({
      changed: (org, previous, snapshot) => {
        // The tree's markers have the new state before the org reloads for it (the new secret shows as new).
        this.read.saved(cloneJournal(snapshot.journal));
        if (!this.isDisposed) this.rotationChanged.fire({ org, previous, snapshot });
        this.read.reloadSoon();
      },
      followFailed: (e) => parts.log.error('Following a rotation', e),
    });
    this.read = new JournalsAsRead({
      list: () => this.journals.list(),
      read: () => {
        if (!this.isDisposed) this.changed.fire();
      },
      failed: (e) => parts.log.error('Reading the rotation journals', e),
    });
    const folder = vscode.Uri.joinPath(context.globalStorageUri, 'rotations').fsPath;
    const files = openJournalFiles(folder, globalState, parts.log);
    this.journals = files.journals;
    this.windowReady = files.windowId.then((id) => {
      this.windowId = id;
    });
    this.pending = new SecretStoragePendingSecretStore(context.secrets);
    this.extensionUri = context.extensionUri;
    this.register({ dispose: () => this.stopTimers() });
    this.register({ dispose: () => void this.clipboard.dispose() });
    void this.read.reload();
  }

  private readonly labelOf = (host: string): string => this.settings.find(host)?.label ?? host;

  /** The engine and the checklist panels: loaded once, the first time a rotation is started, resumed or read. */
  private parts(): Promise<typeof EngineParts> {
    // The journals' part first: a rotation's dependencies name this window (its id comes with the journals).
    this.loaded ??= this.windowReady
      .then(() => import('./engineParts.ts'))
      .then((parts) => {
        if (!this.panels && !this.isDisposed)
          this.panels = this.register(
            new parts.ChecklistPanels({
              extensionUri: this.extensionUri,
              log: this.log,
              clients: this.clients,
              labelOf: this.labelOf,
              clipboard: this.clipboard,
            }),
          );
        return parts;
      });
    return this.loaded;
  }

  /** Opens (or reveals) the rotation's checklist, in `restored` when VS Code hands a panel back after a reload. */
  private async openPanel(engine: RotationEngine, org: OrgConfig, restored?: vscode.WebviewPanel): Promise<void> {
    await this.parts();
    if (this.panels) this.panels.open(engine, org, restored);
    else restored?.dispose(); // the window is closing
  }

  hasUnfinished(): boolean {
    return this.read.unfinished().length > 0;
  }

  unfinished(): RotationJournal[] {
    return this.read.unfinished();
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
      (signal) => this.startEngine(org, pairingFromSettings(this.settings, org), signal),
    );
    await this.openPanel(engine, org);
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
    const app = await this.appOf(org, signal);
    const started = {
      org: { host: org.key, baseUrl: org.address.baseUrl },
      environment: org.environment,
      app,
      ...(pairing ? { pairing } : {}),
    };
    const { RotationEngine } = await this.parts();
    const engine = await RotationEngine.start(started, this.deps(org));
    this.log.info(`Started rotation ${engine.rotationId} of ${org.key}`);
    this.engines.adopt(engine, org);
    return engine;
  }

  /** The rotation's engine: running in this window, or resumed from its journal (no checklist opened). */
  async engineOf(rotationId: string, org: OrgConfig, signal?: AbortSignal): Promise<RotationEngine> {
    return this.engines.getOrLoad(rotationId, org, async () => {
      const { RotationEngine } = await this.parts();
      return RotationEngine.resume(rotationId, this.deps(org), signal);
    });
  }

  /** The rotation as it stands (its engine's, else its journal's), without resuming it. */
  async snapshotOf(rotationId: string): Promise<RotationSnapshot | undefined> {
    const engine = this.engines.get(rotationId);
    if (engine) return engine.snapshot();
    const journal = this.read.find(rotationId);
    return journal ? (await this.parts()).buildSnapshot(journal, false) : undefined;
  }

  /** The org's rotation in progress (of `appId` when given), if any. */
  unfinishedOf(orgKey: string, appId?: string): RotationJournal | undefined {
    return this.read.unfinishedOf(orgKey, appId);
  }

  /** Every journal kept (the campaign's soak reads the preview orgs' completed rotations). */
  allJournals(): RotationJournal[] {
    return this.read.all();
  }

  /** The new secret's value of a rotation in progress, for Copy New Secret (in the host, never to a page). */
  newSecretValue(rotationId: string): Promise<string | undefined> {
    return this.engines.get(rotationId)?.newSecretValue() ?? this.pending.get(rotationId);
  }

  /** Reads the journals again now (a campaign needs them current before it reads a rotation's state). */
  async refreshJournals(): Promise<void> {
    await this.engines.refreshAll();
    await this.read.reload();
  }

  /**
   * Runs a change of an app's secret made from the Orgs tree: refused while a step of the app's rotation runs
   * (in any window), then recorded in that rotation's journal, so its checklist and Roll back know of it.
   */
  async outsideChange(
    org: OrgConfig,
    appId: string,
    change: Omit<OutsideChange, 'at' | 'source'>,
    run: () => Promise<void>,
  ): Promise<void> {
    await this.read.reload();
    const rotation = this.unfinishedOf(org.key, appId);
    const recorded = await changeBesideRotation(this.journals, rotation, {
      orgLabel: org.label,
      recorded: change,
      run,
    });
    if (recorded) await this.refreshJournals();
  }

  /** Reopens a rotation from its journal: its panel when open, otherwise a new engine from the journal. */
  async resume(journal: RotationJournal, panel?: vscode.WebviewPanel): Promise<void> {
    if (!panel && this.panels?.reveal(journal.rotationId)) return;
    const org = this.settings.find(journal.org.host);
    if (!org) {
      panel?.dispose();
      throw new Error(
        `The rotation ${journal.rotationId} is of ${journal.org.host}, which is no longer in the setting oktaWorkflows.orgs. Add the org again (Add Org), then Resume Rotation.`,
      );
    }
    let engine: RotationEngine;
    try {
      engine = await this.engines.getOrLoad(journal.rotationId, org, async () => {
        const { RotationEngine } = await this.parts();
        return withOktaProgress(
          this.clients,
          { title: `${org.label}: resuming the rotation…`, orgs: [org] },
          (signal) => RotationEngine.resume(journal.rotationId, this.deps(org), signal),
        );
      });
    } catch (e) {
      panel?.dispose();
      throw e;
    }
    await this.openPanel(engine, org, panel);
  }

  /**
   * Forgets every rotation of an org that no longer exists (Stop Practice Orgs): closes its checklist, drops its
   * engine, deletes its journal and its pending secret value. Returns the journals forgotten, for the log.
   */
  async forgetOrg(orgKey: string): Promise<RotationJournal[]> {
    const forgotten = (await this.journals.list()).filter((j) => j.org.host === orgKey);
    for (const j of forgotten) {
      this.panels?.close(j.rotationId);
      this.engines.forget(j.rotationId);
      await this.pending.delete(j.rotationId);
      await this.journals.delete(j.rotationId);
    }
    if (forgotten.length > 0) await this.read.reload();
    return forgotten;
  }

  /** The stored journal of a rotation (a restored checklist names it). */
  loadJournal(rotationId: string): Promise<RotationJournal | undefined> {
    return this.journals.load(rotationId);
  }

  private deps(org: OrgConfig): RotationDeps {
    const { journals, pending: secrets, clients, log, windowId } = this;
    return rotationDepsFromSettings(this.settings, org, { journals, secrets, clients, log, windowId });
  }

  private stopTimers(): void {
    this.read.dispose();
    this.engines.dispose();
  }
}
