// The rotation engine: sequences the steps of the registry (steps/registry.ts) against Okta through the
// RotationOkta port, records every transition in the journal before anything else can happen, and resumes from
// the journal after a crash (recovery.ts). This file only guards, dispatches, saves and emits.
//
// Rules that hold everywhere:
// - The journal is saved after every transition; a step is marked running (and saved) before its first call.
// - Every save names the revision it read (compare-and-swap): an engine that fell behind another window's is
//   refused, performs nothing more, and never reaches Okta.
// - A mutating step first reads Okta's state and acts only on what still needs doing, so running it again, or
//   resuming it after a crash, never deactivates, deletes or creates twice.
// - The new secret's value goes to the PendingSecretStore the moment the create returns, before the journal
//   says the step is done. It never enters the journal, a snapshot, a result or a message.
import { describeIssues } from '../okta/schemaIssues.ts';
import { redact } from '../redact.ts';
import { acknowledge, chooseMode, confirmStep, overrideUnverified } from './decisions.ts';
import type { ActionOutcome, RotationDeps, SnapshotListener, StartRotation } from './deps.ts';
import { abandon, endRotation, rollback } from './endings.ts';
import { isRotationError, JournalStoreFailure, RotationError, staleJournalError } from './errors.ts';
import { actionTitle } from '../presentation/actions.ts';
import { stepTitle } from '../presentation/stories/titles.ts';
import { isOffered, RotationActionSchema, type RotationAction } from './model/actions.ts';
import { productionGuardPending } from './model/guards.ts';
import { cloneJournal, parseJournal, revisionOf, type RotationJournal } from './model/journal.ts';
import type { RotationSnapshot } from './model/snapshot.ts';
import type { StepId } from './model/steps.ts';
import { claimNewJournal } from './journalStart.ts';
import { systemClock, type Clock } from './port.ts';
import { reconcileAfterLoad } from './recovery.ts';
import { runStep } from './runStep.ts';
import { checkPreviewSoak } from './soak.ts';
import { buildSnapshot, computeNextActions } from './snapshot.ts';
import { identifyInUse, retire } from './steps/preflight.ts';
import { stepModule } from './steps/registry.ts';
import type { StepContext } from './steps/context.ts';

export type { ActionOutcome, RotationDeps, SnapshotListener, StartRotation } from './deps.ts';

export class RotationEngine {
  #journal: RotationJournal;
  readonly #deps: RotationDeps;
  readonly #clock: Clock;
  readonly #listeners = new Set<SnapshotListener>();
  #busy = false;
  /** Set when a save was refused as stale: this engine performs nothing more (another window drives it). */
  #stale: RotationError | undefined;

  private constructor(journal: RotationJournal, deps: RotationDeps) {
    this.#journal = journal;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
  }

  /**
   * Starts a rotation of `params.app`. Throws RotationError 'alreadyRunning' (naming the other rotation) when a
   * rotation of the same app in the same org is still in progress, in this window or another sharing the store.
   */
  static async start(params: StartRotation, deps: RotationDeps): Promise<RotationEngine> {
    return new RotationEngine(await claimNewJournal(params, deps), deps);
  }

  /**
   * Rebuilds an engine from a journal (or its id). A step found running was interrupted: it is re-checked
   * against Okta (never redone blindly) and ends done when its effect is there, pending otherwise.
   */
  static async resume(
    journalOrId: RotationJournal | string,
    deps: RotationDeps,
    signal?: AbortSignal,
  ): Promise<RotationEngine> {
    const loaded = typeof journalOrId === 'string' ? await deps.journals.load(journalOrId) : cloneJournal(journalOrId);
    if (!loaded)
      throw new RotationError('journalNotFound', `No rotation journal with id ${String(journalOrId)} was found.`);
    const engine = new RotationEngine(loaded, deps);
    await reconcileAfterLoad(engine.#context(signal));
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
    return buildSnapshot(this.#journal, this.#busy);
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
   * Performs one of the snapshot's nextActions. Resolves to an outcome (refusals and step failures included);
   * rejects only when the journal store fails, since then no state can be recorded.
   */
  async perform(input: unknown, signal?: AbortSignal): Promise<ActionOutcome> {
    const parsed = RotationActionSchema.safeParse(input);
    if (!parsed.success) {
      return refused(
        'invalidAction',
        `The action is not one the rotation understands (${describeIssues(parsed.error.issues, 1)}).`,
      );
    }
    const action = parsed.data;
    if (this.#stale) return refused('staleJournal', this.#stale.message);
    if (this.#busy) return refused('busy', `${this.#where()}: a step is running; wait for it or cancel it.`);
    this.#busy = true;
    let started = false;
    try {
      // Another window may have driven this rotation since this engine read it: refuse before touching Okta.
      const stale = await this.#savedElsewhere();
      if (stale) return refused('staleJournal', stale.message);
      const offered = computeNextActions(this.#journal);
      if (!isOffered(action, offered)) {
        return refused(
          'actionNotAvailable',
          `${this.#where()}: "${actionTitle(action, this.#journal)}" is not possible now. Possible: ${offered.map((o) => actionTitle(o, this.#journal)).join(', ') || 'nothing'}.`,
        );
      }
      started = true;
      this.#emit();
      return await this.#dispatch(action, this.#context(signal));
    } catch (e) {
      if (e instanceof JournalStoreFailure) {
        // A save refused as stale changed nothing here: this engine stops, the other window drives the rotation.
        if (isRotationError(e.cause, 'staleJournal')) return refused('staleJournal', e.cause.message);
        throw e.cause;
      }
      throw e;
    } finally {
      this.#busy = false;
      if (started) this.#emit();
    }
  }

  /** The stale error (and this engine stopped) when the stored journal has moved past the one this engine holds. */
  async #savedElsewhere(): Promise<RotationError | undefined> {
    let stored: RotationJournal | undefined;
    try {
      stored = await this.#deps.journals.load(this.#journal.rotationId);
    } catch {
      return undefined; // an early courtesy check only: the save's compare-and-swap is the guard
    }
    if (stored === undefined || revisionOf(stored) === revisionOf(this.#journal)) return undefined;
    this.#stale = staleJournalError(this.#journal);
    return this.#stale;
  }

  async #dispatch(action: RotationAction, ctx: StepContext): Promise<ActionOutcome> {
    switch (action.type) {
      case 'acknowledge':
        // What the preview org had done when the person went ahead is recorded with the decision.
        if (action.guard === 'previewSoak') await checkPreviewSoak(ctx, () => this.#deps.previewHistory());
        await acknowledge(ctx, action.guard);
        return { ok: true };
      case 'override':
        await overrideUnverified(ctx);
        return { ok: true };
      case 'chooseMode':
        await chooseMode(ctx, action.mode);
        return { ok: true };
      case 'confirm':
        await confirmStep(ctx, action.step);
        return { ok: true };
      case 'run':
        return this.#run(action.step, ctx);
      case 'retire':
        return runStep(ctx, 'preflight', (c) => retire(c, action.secretId));
      case 'identifyInUse':
        return runStep(ctx, 'preflight', (c) => identifyInUse(c, action.value));
      case 'rollback':
        return rollback(ctx);
      case 'abandon':
        return abandon(ctx);
    }
  }

  async #run(step: StepId, ctx: StepContext): Promise<ActionOutcome> {
    if (productionGuardPending(this.#journal))
      return refused('guard', `${ctx.where}: this production org needs the preview warning acknowledged first.`);
    const module = stepModule(step);
    if (module.kind === 'manual')
      return refused('actionNotAvailable', `"${stepTitle(step)}" is done by a person and confirmed.`);
    const refusal = module.refusal?.(this.#journal);
    if (refusal !== undefined) return refused('guard', `${ctx.where}: ${refusal}`);
    if (step === 'createSecret') {
      const wait = await checkPreviewSoak(ctx, () => this.#deps.previewHistory());
      if (wait !== undefined) return refused('guard', wait);
    }
    return runStep(ctx, step, (c) => module.run(c));
  }

  /** What a step (or ending) is given: the journal as saved, a compare-and-swap update, the ports, the signal. */
  #context(signal: AbortSignal | undefined): StepContext {
    const read = (): RotationJournal => this.#journal;
    const ctx: StepContext = {
      get journal() {
        return read();
      },
      update: (change) => this.#update(change),
      okta: this.#deps.okta,
      secrets: this.#deps.secrets,
      now: () => this.#now(),
      signal,
      operation: this.#deps.operation,
      where: this.#where(),
      end: (outcome) => endRotation(ctx, (j) => this.#deps.journals.release(j), outcome),
    };
    return ctx;
  }

  #where(): string {
    return `Rotation of app ${this.#journal.app.id} in ${this.#journal.org.host}`;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  /** Applies a change to the journal, saves it (compare-and-swap on the revision), then tells the listeners. */
  async #update(change: (journal: RotationJournal) => void): Promise<void> {
    const read = revisionOf(this.#journal);
    const next = cloneJournal(this.#journal);
    change(next);
    next.updatedAt = this.#now();
    next.revision = read + 1;
    const checked = parseJournal(next);
    try {
      await this.#deps.journals.save(checked, read);
    } catch (e) {
      if (isRotationError(e, 'staleJournal')) this.#stale = e;
      throw new JournalStoreFailure(e);
    }
    this.#journal = checked;
    this.#emit();
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

function refused(kind: string, message: string): ActionOutcome {
  return { ok: false, error: { kind, message: redact(message) } };
}

/** The default report: a process warning naming what failed, never the error's text (it may quote anything). */
function warnListenerFailed(e: unknown): void {
  const what = e instanceof Error ? e.name : typeof e;
  process.emitWarning(`A rotation snapshot listener (or its error report) threw (${what}); the rotation goes on.`, {
    type: 'RotationListenerWarning',
    code: 'OWSR_ROTATION_LISTENER_FAILED',
  });
}
