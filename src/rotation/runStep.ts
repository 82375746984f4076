// One run of a step: marked running (and saved) before its first call to Okta, then its end recorded: done, back
// to pending awaiting the person, failed with the error, or back to pending when cancelled (nothing is lost).
// A step is one operation: every call it makes to Okta shares one deadline and one budget (the caller's when its
// signal is an operation's, as the VS Code commands' are; otherwise one made here). Its deadline is a failure to
// retry, not a cancel.
import { OktaError, isOktaError } from '../okta/errors.ts';
import { abortedByCancel, OperationBudget } from '../okta/http/operationBudget.ts';
import type { ActionOutcome } from './deps.ts';
import { isRotationError, JournalStoreFailure, toStepError } from './errors.ts';
import { stepTitle } from '../presentation/stories/titles.ts';
import type { StepId } from './model/steps.ts';
import type { StepContext, StepEnd } from './steps/context.ts';

export async function runStep(
  ctx: StepContext,
  step: StepId,
  body: (ctx: StepContext) => Promise<StepEnd>,
): Promise<ActionOutcome> {
  await ctx.update((j) => {
    const { error: _e, endedAt: _x, ...rest } = j.steps[step];
    j.steps[step] = { ...rest, state: 'running', startedAt: ctx.now() };
  });
  const own = OperationBudget.of(ctx.signal)
    ? undefined
    : new OperationBudget({ ...ctx.operation, signal: ctx.signal });
  const budget = own ?? OperationBudget.of(ctx.signal);
  try {
    if (abortedByCancel(ctx.signal))
      throw new OktaError({ kind: 'cancelled', operation: stepTitle(step), org: ctx.journal.org.host });
    if (budget?.expired()) throw budget.deadlineError(stepTitle(step), ctx.journal.org.host);
    const end = await body(own ? withSignal(ctx, own.signal) : ctx);
    await ctx.update((j) => {
      const { startedAt, result } = j.steps[step];
      j.steps[step] = {
        state: end.state,
        ...(startedAt ? { startedAt } : {}),
        ...(end.state === 'done' ? { endedAt: ctx.now() } : {}),
        ...(end.result ? { result: end.result } : result ? { result } : {}),
      };
    });
    return { ok: true };
  } catch (e) {
    if (e instanceof JournalStoreFailure) throw e;
    const error = toStepError(e, ctx.where);
    const cancelled = abortedByCancel(ctx.signal) || isOktaError(e, 'cancelled');
    // A refusal during a wait for the person (a wrong pasted value) leaves the preflight pending, not failed.
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
            message: `${stepTitle(step)}: cancelled. Nothing is lost; run it again when ready.`,
          },
        }
      : { ok: false, error };
  } finally {
    own?.dispose();
  }
}

/** `ctx` with the step's own operation signal; the journal and the rest stay live (read through `ctx`). */
function withSignal(ctx: StepContext, signal: AbortSignal): StepContext {
  return {
    get journal() {
      return ctx.journal;
    },
    update: (change) => ctx.update(change),
    okta: ctx.okta,
    secrets: ctx.secrets,
    now: () => ctx.now(),
    signal,
    operation: ctx.operation,
    where: ctx.where,
    end: (outcome) => ctx.end(outcome),
  };
}
