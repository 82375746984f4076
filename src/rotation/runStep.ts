// One run of a step: marked running (and saved) before its first call to Okta, then its end recorded: done, back
// to pending awaiting the person, failed with the error, or back to pending when cancelled (nothing is lost).
import { isOktaError } from '../okta/errors.ts';
import type { ActionOutcome } from './deps.ts';
import { isRotationError, JournalStoreFailure, toStepError } from './errors.ts';
import { STEP_INFO, type StepId } from './steps.ts';
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
  try {
    ctx.signal?.throwIfAborted();
    const end = await body(ctx);
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
    const cancelled = ctx.signal?.aborted === true || isOktaError(e, 'cancelled');
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
            message: `${STEP_INFO[step].label}: cancelled. Nothing is lost; run it again when ready.`,
          },
        }
      : { ok: false, error };
  }
}
