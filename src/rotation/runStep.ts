// One run of a step: marked running by this window (and saved) before its first call to Okta, kept alive by a
// heartbeat while it runs, then its end recorded: done, back to pending awaiting the person, or failed with the
// error. A write that may have reached Okta without its answer (cancelled after it left, its result unknown) is
// never taken for "nothing happened": Okta is read back first (the step's recheck, within a deadline of its own,
// since the step's signal may be the cancelled one), and when even that fails the step is 'uncertain' until Okta
// has been read.
// A step is one operation: every call it makes to Okta shares one deadline and one budget (the caller's when its
// signal is an operation's, as the VS Code commands' are; otherwise one made here). Its deadline is a failure to
// retry, not a cancel.
import { OktaError, isOktaError } from '../okta/errors.ts';
import { abortedByCancel, OperationBudget } from '../okta/http/operationBudget.ts';
import { requestMayHaveReachedOkta } from '../okta/requestReach.ts';
import { stepCancelled, stepOutcomeUnknown } from '../presentation/rotationErrors.ts';
import { stepTitle } from '../presentation/stories/titles.ts';
import type { ActionOutcome } from './deps.ts';
import { isRotationError, JournalStoreFailure, toStepError } from './errors.ts';
import type { StepError, StepRecord } from './model/journal.ts';
import type { StepId } from './model/steps.ts';
import type { StepContext, StepEnd } from './steps/context.ts';
import { stepModule } from './steps/registry.ts';

/** Who runs steps here, and how often it says it still does (the heartbeat another window reads). */
export interface StepRunner {
  window: string;
  heartbeatMs: number;
}

/** Reading Okta back after a write of unknown outcome: bounded on its own, whatever the step's deadline left. */
const RECHECK_DEADLINE_MS = 60_000;

export async function runStep(
  ctx: StepContext,
  step: StepId,
  runner: StepRunner,
  body: (ctx: StepContext) => Promise<StepEnd>,
): Promise<ActionOutcome> {
  await ctx.update((j) => {
    const { error: _e, endedAt: _x, owner: _o, ...rest } = j.steps[step];
    j.steps[step] = {
      ...rest,
      state: 'running',
      startedAt: ctx.now(),
      owner: { window: runner.window, beatAt: ctx.now() },
    };
  });
  const stopBeating = heartbeat(ctx, step, runner);
  const own = OperationBudget.of(ctx.signal)
    ? undefined
    : new OperationBudget({ ...ctx.operation, signal: ctx.signal });
  const budget = own ?? OperationBudget.of(ctx.signal);
  try {
    if (abortedByCancel(ctx.signal))
      throw new OktaError({ kind: 'cancelled', operation: stepTitle(step), org: ctx.journal.org.host });
    if (budget?.expired()) throw budget.deadlineError(stepTitle(step), ctx.journal.org.host);
    const end = await body(own ? withSignal(ctx, own.signal) : ctx);
    stopBeating();
    await settle(ctx, step, end);
    return { ok: true };
  } catch (e) {
    stopBeating();
    if (e instanceof JournalStoreFailure) throw e;
    return await afterFailure(ctx, step, e);
  } finally {
    stopBeating();
    own?.dispose();
  }
}

/**
 * The person's "Check again" on an uncertain step: Okta is read back (the step's recheck) and the step settles as
 * what Okta shows: done, or pending (nothing happened), or still uncertain when Okta could not be read.
 */
export async function recheckStep(ctx: StepContext, step: StepId): Promise<ActionOutcome> {
  const found = await readBack(ctx, step);
  if (found.kind === 'failed') {
    await ctx.update((j) => {
      j.steps[step] = { ...withoutOwner(j.steps[step]), state: 'uncertain', error: found.error };
    });
    return { ok: false, error: found.error };
  }
  await settle(ctx, step, found.end ?? { state: 'pending' });
  return { ok: true };
}

async function afterFailure(ctx: StepContext, step: StepId, e: unknown): Promise<ActionOutcome> {
  const error = toStepError(e, ctx.where);
  const cancelled = abortedByCancel(ctx.signal) || isOktaError(e, 'cancelled');
  if (mayHaveChangedOkta(e)) {
    // Okta may have carried the write out: what it shows decides, never the fact that no answer came.
    const found = await readBack(ctx, step);
    if (found.kind === 'read' && found.end?.state === 'done') {
      await settle(ctx, step, found.end);
      return { ok: true };
    }
    if (found.kind === 'failed') {
      const unknown: StepError = {
        kind: 'outcomeUnknown',
        message: stepOutcomeUnknown(step, found.error.message),
        ...(found.error.errorId ? { errorId: found.error.errorId } : {}),
      };
      await ctx.update((j) => {
        j.steps[step] = { ...withoutOwner(j.steps[step]), state: 'uncertain', error: unknown };
      });
      return { ok: false, error: unknown };
    }
    // Okta shows nothing done: as if the request never left.
  }
  // A refusal during a wait for the person (a wrong pasted value) leaves the step pending, not failed.
  const backToPending = cancelled || isRotationError(e, 'secretMismatch');
  await ctx.update((j) => {
    const { startedAt, result } = j.steps[step];
    j.steps[step] = backToPending
      ? { state: 'pending', ...(result ? { result } : {}) }
      : {
          state: 'failed',
          ...(startedAt ? { startedAt } : {}),
          endedAt: ctx.now(),
          ...(result ? { result } : {}),
          error,
        };
  });
  return cancelled
    ? {
        ok: false,
        cancelled: true,
        error: {
          kind: 'cancelled',
          message: stepCancelled(step, mayHaveChangedOkta(e)),
        },
      }
    : { ok: false, error };
}

/** Errors after which the write may have happened in Okta although its answer never came. */
export function mayHaveChangedOkta(e: unknown): boolean {
  return isOktaError(e, 'outcomeUnknown') || (isOktaError(e, 'cancelled') && requestMayHaveReachedOkta(e));
}

type ReadBack = { kind: 'read'; end: StepEnd | undefined } | { kind: 'failed'; error: StepError };

/** The step's recheck against Okta, under a budget of its own (the step's signal may be the cancelled one). */
async function readBack(ctx: StepContext, step: StepId): Promise<ReadBack> {
  const module = stepModule(step);
  if (module.kind !== 'api' || !module.recheck) return { kind: 'read', end: undefined };
  const budget = new OperationBudget({ ...ctx.operation, deadlineMs: RECHECK_DEADLINE_MS });
  try {
    return { kind: 'read', end: await module.recheck(withSignal(ctx, budget.signal)) };
  } catch (e) {
    if (e instanceof JournalStoreFailure) throw e;
    return { kind: 'failed', error: toStepError(e, ctx.where) };
  } finally {
    budget.dispose();
  }
}

async function settle(ctx: StepContext, step: StepId, end: StepEnd): Promise<void> {
  await ctx.update((j) => {
    const { startedAt, result } = j.steps[step];
    j.steps[step] = {
      state: end.state,
      ...(startedAt ? { startedAt } : {}),
      ...(end.state === 'done' ? { endedAt: ctx.now() } : {}),
      ...(end.result ? { result: end.result } : result ? { result } : {}),
    };
  });
}

function withoutOwner(record: StepRecord): StepRecord {
  const { owner: _o, ...rest } = record;
  return rest;
}

/** Renews this window's claim on the running step until stopped; a failed beat is left to the step's next save. */
function heartbeat(ctx: StepContext, step: StepId, runner: StepRunner): () => void {
  const timer = setInterval(() => {
    ctx
      .update(
        (j) => {
          const owner = j.steps[step].owner;
          if (j.steps[step].state === 'running' && owner?.window === runner.window) owner.beatAt = ctx.now();
        },
        { quiet: true },
      )
      .catch(() => undefined);
  }, runner.heartbeatMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** `ctx` with the step's own operation signal; the journal and the rest stay live (read through `ctx`). */
function withSignal(ctx: StepContext, signal: AbortSignal): StepContext {
  return {
    get journal() {
      return ctx.journal;
    },
    update: (change, options) => ctx.update(change, options),
    okta: ctx.okta,
    secrets: ctx.secrets,
    now: () => ctx.now(),
    signal,
    operation: ctx.operation,
    watchMinutes: ctx.watchMinutes,
    where: ctx.where,
    end: (outcome) => ctx.end(outcome),
  };
}
