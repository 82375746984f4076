// The rotation engine: sequences the steps of the registry (steps/registry.ts) against Okta through the
// RotationOkta port, records every transition in the journal before anything else can happen, and resumes from
// the journal after a crash (recovery.ts). This file only guards, saves and emits; each action is carried out by
// actionDispatch.ts.
//
// Rules that hold everywhere:
// - The journal is saved after every transition; a step is marked running by this window (and saved) before its
//   first call, and keeps a heartbeat while it runs.
// - Every save names the revision it read (compare-and-swap). Before acting, the engine reads the stored journal:
//   when another window changed it, the engine takes that journal and refuses the action (the person sees where the
//   rotation stands now); when another window runs a step, nothing is done here until it ends.
// - A mutating step first reads Okta's state and acts only on what still needs doing, so running it again, or
//   resuming it after a crash, never deactivates, deletes or creates twice. A write whose answer never came is
//   read back from Okta before the journal says anything about it (runStep.ts).
// - The new secret's value goes to the PendingSecretStore the moment the create returns, before the journal
//   says the step is done. It never enters the journal, a snapshot, a result or a message.
import { randomUUID } from 'node:crypto';
import { describeIssues } from '../okta/schemaIssues.ts';
import { actionTitle } from '../presentation/actions.ts';
import {
  actionNotPossible,
  actionNotUnderstood,
  journalNotFound,
  oldSecretsChangedSinceShown,
  rotationWhere,
  runsInAnotherWindow,
  stepAlreadyRunning,
} from '../presentation/rotationErrors.ts';
import { dispatchAction, refused } from './actionDispatch.ts';
import type { ActionOutcome, RotationDeps, SnapshotListener, StartRotation } from './deps.ts';
import { endRotation } from './endings.ts';
import { isRotationError, JournalStoreFailure, RotationError, staleJournalError } from './errors.ts';
import { isOffered, RotationActionSchema, type NextAction, type RotationAction } from './model/actions.ts';
import { cloneJournal, revisionOf, type RotationJournal } from './model/journal.ts';
import { runningElsewhere, runsAStep } from './model/ownership.ts';
import type { RotationSnapshot } from './model/snapshot.ts';
import { claimNewJournal } from './journalStart.ts';
import { seenSecretsDiffer } from './offersSeen.ts';
import { systemClock, type Clock } from './port.ts';
import { reconcileAfterLoad } from './recovery.ts';
import type { StepRunner } from './runStep.ts';
import { buildSnapshot, computeNextActions } from './snapshot.ts';
import type { StepContext } from './steps/context.ts';
import { UpdateQueue } from './updateQueue.ts';

export type { ActionOutcome, RotationDeps, SnapshotListener, StartRotation } from './deps.ts';

/**
 * How long the watch must see no failed sign-in of the old secret, by default: an org authorization server's access
 * token lives an hour, so a connection still on the old secret refreshes, and fails, within it; a quarter of an hour
 * more for Okta publishing the event late and a refresh a little behind.
 */
const DEFAULT_WATCH_MINUTES = 75;

/** This process among the windows sharing the journals, when the deps name none. */
const THIS_PROCESS = randomUUID();

export class RotationEngine {
  #journal: RotationJournal;
  readonly #deps: RotationDeps;
  readonly #clock: Clock;
  readonly #listeners = new Set<SnapshotListener>();
  readonly #updates: UpdateQueue;
  readonly #runner: StepRunner;
  readonly #staleAfterMs: number;
  #busy = false;

  private constructor(journal: RotationJournal, deps: RotationDeps) {
    this.#journal = journal;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#runner = { window: deps.windowId ?? THIS_PROCESS, heartbeatMs: deps.heartbeatMs ?? 10_000 };
    this.#staleAfterMs = deps.staleAfterMs ?? 45_000;
    this.#updates = new UpdateQueue({
      read: () => this.#journal,
      load: () => deps.journals.load(journal.rotationId),
      save: (next, expected) => deps.journals.save(next, expected),
      now: () => this.#now(),
      saved: (next, quiet) => {
        this.#journal = next;
        if (!quiet) this.#emit();
      },
    });
  }

  /**
   * Starts a rotation of `params.app`. Throws RotationError 'alreadyRunning' (naming the other rotation) when a
   * rotation of the same app in the same org is still in progress, in this window or another sharing the store.
   */
  static async start(params: StartRotation, deps: RotationDeps): Promise<RotationEngine> {
    return new RotationEngine(await claimNewJournal(params, deps), deps);
  }

  /**
   * Rebuilds an engine from a journal (or its id). A step found running was interrupted, unless another window
   * runs it now (its heartbeat is fresh): it is re-checked against Okta (never redone blindly) and ends done when
   * its effect is there, pending otherwise.
   */
  static async resume(
    journalOrId: RotationJournal | string,
    deps: RotationDeps,
    signal?: AbortSignal,
  ): Promise<RotationEngine> {
    const loaded = typeof journalOrId === 'string' ? await deps.journals.load(journalOrId) : cloneJournal(journalOrId);
    if (!loaded) throw new RotationError('journalNotFound', journalNotFound(String(journalOrId)));
    const engine = new RotationEngine(loaded, deps);
    if (!engine.#elsewhere()) await reconcileAfterLoad(engine.#context(signal));
    return engine;
  }

  get rotationId(): string {
    return this.#journal.rotationId;
  }

  /** A copy of the journal (plain data, no secret). */
  journal(): RotationJournal {
    return cloneJournal(this.#journal);
  }

  snapshot(): RotationSnapshot {
    const elsewhere = this.#busy ? undefined : this.#elsewhere();
    return buildSnapshot(this.#journal, this.#busy, elsewhere);
  }

  /** Calls `listener` with a fresh snapshot after every change. Returns the function that unsubscribes. */
  onDidChange(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The new secret's value, for a "copy to clipboard" command only. Undefined once the rotation ended. */
  async newSecretValue(): Promise<string | undefined> {
    return this.#journal.newSecret ? this.#deps.secrets.get(this.#journal.rotationId) : undefined;
  }

  /**
   * Reads the stored journal again: when another window moved the rotation on (or ended a step it ran), this engine
   * takes that state and tells its listeners. Nothing while this engine runs a step. True when it changed.
   */
  async refresh(): Promise<boolean> {
    if (this.#busy) return false;
    const stored = await this.#deps.journals.load(this.#journal.rotationId);
    if (!stored || revisionOf(stored) === revisionOf(this.#journal)) return false;
    this.#journal = stored;
    this.#emit();
    return true;
  }

  /**
   * A step (or the rollback) another window ran and went quiet on (closed or crashed: its heartbeat is stale) is
   * recovered as a resume would recover it: read back from Okta, never redone. True when there was one to recover.
   */
  async recoverAbandoned(signal?: AbortSignal): Promise<boolean> {
    if (this.#busy || !runsAStep(this.#journal) || this.#elsewhere()) return false;
    this.#busy = true;
    try {
      await reconcileAfterLoad(this.#context(signal));
    } catch (e) {
      // Another window recovered it first: its record stands.
      if (!isRotationError(e, 'staleJournal')) throw e;
      await this.#refreshQuietly();
    } finally {
      this.#busy = false;
      this.#emit();
    }
    return true;
  }

  /**
   * Performs one of the snapshot's nextActions. Resolves to an outcome (refusals and step failures included);
   * rejects only when the journal store fails, since then no state can be recorded.
   */
  async perform(input: unknown, signal?: AbortSignal): Promise<ActionOutcome> {
    const parsed = RotationActionSchema.safeParse(input);
    if (!parsed.success) {
      return refused('invalidAction', actionNotUnderstood(describeIssues(parsed.error.issues, 1)));
    }
    const action = parsed.data;
    if (this.#busy) return refused('busy', stepAlreadyRunning(this.#where()));
    this.#busy = true;
    let started = false;
    try {
      // Another window may have moved this rotation on since this engine read it: take its state, act on nothing.
      if (await this.#refreshQuietly()) {
        started = true; // the listeners see the state taken, once this engine is no longer busy
        return refused('staleJournal', staleJournalError(this.#journal).message);
      }
      const elsewhere = this.#elsewhere();
      if (elsewhere) return refused('runningElsewhere', runsInAnotherWindow(this.#where(), elsewhere.what));
      const offered = computeNextActions(this.#journal);
      if (!isOffered(action, offered)) {
        const title = (a: RotationAction | NextAction): string => actionTitle(a, this.#journal);
        return refused('actionNotAvailable', actionNotPossible(this.#where(), title(action), offered.map(title)));
      }
      if (seenSecretsDiffer(action, this.#journal))
        return refused('staleJournal', oldSecretsChangedSinceShown(this.#where()));
      started = true;
      this.#emit();
      return await dispatchAction(action, this.#context(signal), {
        runner: this.#runner,
        previewHistory: () => this.#deps.previewHistory(),
      });
    } catch (e) {
      if (e instanceof JournalStoreFailure) {
        // A save refused because another window saved first changed nothing here: read that window's state.
        if (isRotationError(e.cause, 'staleJournal')) {
          started = (await this.#refreshQuietly().catch(() => false)) || started;
          return refused('staleJournal', e.cause.message);
        }
        throw e.cause;
      }
      throw e;
    } finally {
      this.#busy = false;
      if (started) this.#emit();
    }
  }

  /** Takes the stored journal when it moved on; true when it did (listeners told by the caller). */
  async #refreshQuietly(): Promise<boolean> {
    const stored = await this.#deps.journals.load(this.#journal.rotationId);
    if (!stored || revisionOf(stored) === revisionOf(this.#journal)) return false;
    this.#journal = stored;
    return true;
  }

  /** What a step (or ending) is given: the journal as saved, a compare-and-swap update, the ports, the signal. */
  #context(signal: AbortSignal | undefined): StepContext {
    const read = (): RotationJournal => this.#journal;
    const ctx: StepContext = {
      get journal() {
        return read();
      },
      update: (change, options) => this.#updates.update(change, options),
      okta: this.#deps.okta,
      secrets: this.#deps.secrets,
      now: () => this.#now(),
      signal,
      operation: this.#deps.operation,
      watchMinutes: this.#deps.deactivationWatchMinutes ?? DEFAULT_WATCH_MINUTES,
      where: this.#where(),
      end: (outcome) => endRotation(ctx, (j) => this.#deps.journals.release(j), outcome),
    };
    return ctx;
  }

  #elsewhere() {
    return runningElsewhere(this.#journal, this.#runner.window, this.#clock.now(), this.#staleAfterMs);
  }

  #where(): string {
    return rotationWhere(this.#journal.app.id, this.#journal.org.host);
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch (e) {
        // A broken listener must not break the rotation, nor go unnoticed.
        this.#reportListenerError(e);
      }
    }
  }

  #reportListenerError(e: unknown): void {
    const report = this.#deps.onListenerError;
    if (!report) return warnListenerFailed(e);
    try {
      report(e);
    } catch (reportError) {
      warnListenerFailed(e);
      warnListenerFailed(reportError);
    }
  }
}

/** The default report: a process warning naming what failed, never the error's text (it may quote anything). */
function warnListenerFailed(e: unknown): void {
  const what = e instanceof Error ? e.name : typeof e;
  process.emitWarning(`A rotation snapshot listener (or its error report) threw (${what}); the rotation goes on.`, {
    type: 'RotationListenerWarning',
    code: 'OWSR_ROTATION_LISTENER_FAILED',
  });
}
