// The watches left running: every little while, the unfinished rotations whose current step is the watch of the old
// secret and whose next look is due (src/rotation/watchDue.ts) get that look, through the rotation's own engine (the
// one its checklist shows, or one resumed from its journal; no checklist is opened). A look is a step like any other:
// one that runs in another window is that window's, and is skipped here. A status bar item says where the watches
// stand (a catch first) and opens the most urgent rotation's checklist. The watch's state is in the journals, so a
// reload loses nothing: the next tick looks again.
import * as vscode from 'vscode';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import { watchStatus } from '../../presentation/watch.ts';
import type { RotationJournal } from '../../rotation/model/journal.ts';
import { watchLookDue } from '../../rotation/watchDue.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { rotationRef } from '../tree/treeRotations.ts';
import type { RunningRotations } from './runningRotations.ts';

/** How often the due watches are looked for (a look itself is due every few minutes, or at the watch's end). */
const TICK_MS = 20_000;

export interface WatchParts {
  rotations: RunningRotations;
  settings: OrgSettings;
  clients: OktaClients;
  log: Log;
}

export class OldSecretWatches extends Disposable {
  private readonly parts: WatchParts;
  private readonly item: vscode.StatusBarItem;
  private looking = false;
  /** Aborts a look in flight when the window closes. */
  private readonly stopped = new AbortController();

  constructor(parts: WatchParts) {
    super();
    this.parts = parts;
    this.item = this.register(
      vscode.window.createStatusBarItem('oktaWorkflows.oldSecretWatch', vscode.StatusBarAlignment.Left),
    );
    this.item.name = 'Okta Workflows: watch of the old secret';
    this.register(parts.rotations.onDidChange(() => this.show()));
    const timer = setInterval(() => parts.log.background('Watching the old secrets', this.tick()), TICK_MS).unref();
    this.register({ dispose: () => clearInterval(timer) });
    this.register({ dispose: () => this.stopped.abort() });
    this.show();
  }

  /** One look at every watch that is due, at most maxConcurrentOrgs orgs at once (each has its own rate limits). */
  async tick(): Promise<void> {
    if (this.looking || this.isDisposed) return;
    this.looking = true;
    try {
      const now = new Date();
      const due = this.parts.rotations.unfinished().filter((j) => watchLookDue(j, now));
      await forEachBounded(
        due,
        this.parts.settings.maxConcurrentOrgs(),
        (journal) => this.look(journal),
        (journal, e) => this.parts.log.error(`Watching the old secret of ${journal.org.host}`, e),
        this.stopped.signal,
      );
    } finally {
      this.looking = false;
      this.show();
    }
  }

  /** One look, through the rotation's engine, unless a step of it runs (here or in another window). */
  private async look(journal: RotationJournal): Promise<void> {
    const org = this.parts.settings.find(journal.org.host);
    if (!org) return;
    const budget = this.parts.clients.operation(this.stopped.signal);
    try {
      const engine = await this.parts.rotations.engineOf(journal.rotationId, org, budget.signal);
      const snap = engine.snapshot();
      if (snap.busy || snap.runningElsewhere || snap.currentStep !== 'watchOld') return;
      const outcome = await engine.perform({ type: 'run', step: 'watchOld' }, budget.signal);
      const watch = engine.journal().watch;
      this.parts.log.info(
        `Watch of the old secret in ${org.key} (rotation ${journal.rotationId}): ${outcome.ok ? `looked, ${watch?.status ?? 'not watched'}` : `the look did not complete (${outcome.error.kind})`}`,
      );
    } finally {
      budget.dispose();
    }
  }

  private show(): void {
    if (this.isDisposed) return;
    const entries = this.parts.rotations
      .unfinished()
      .map((journal) => ({ label: this.parts.settings.find(journal.org.host)?.label ?? journal.org.host, journal }));
    const status = watchStatus(entries, new Date());
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.command = {
      command: 'oktaWorkflows.resumeRotation',
      title: 'Open Checklist',
      arguments: [rotationRef(status.rotationId)],
    };
    this.item.show();
  }
}
