// Crash recovery: a journal loaded with a step (or the rollback) still running was interrupted there. What Okta
// says decides, never a blind redo: the step's recheck (steps/*.ts) ends it done when its effect is there, or back
// to pending; a running rollback completes when every old secret is active again, or is dropped to be started again.
import { readAfterInterruptionFailed } from '../presentation/rotationErrors.ts';
import { JournalStoreFailure, toStepError } from './errors.ts';
import { completeRollback } from './endings.ts';
import { STEP_IDS } from './model/steps.ts';
import { stepModule } from './steps/registry.ts';
import type { StepContext, StepEnd } from './steps/context.ts';

export async function reconcileAfterLoad(ctx: StepContext): Promise<void> {
  const j = ctx.journal;
  // An ending saved just before a crash may have left the new secret's value behind: it goes now.
  if (j.outcome !== 'inProgress') return ctx.secrets.delete(j.rotationId);
  try {
    if (j.rollback?.state === 'running') {
      await reconcileRollback(ctx);
      return;
    }
    const running = STEP_IDS.find((id) => j.steps[id].state === 'running');
    if (running === undefined) return;
    const module = stepModule(running);
    const end: StepEnd | undefined = module.kind === 'api' && module.recheck ? await module.recheck(ctx) : undefined;
    await ctx.update((jj) => {
      const { startedAt, result } = jj.steps[running];
      const keep = {
        ...(startedAt ? { startedAt } : {}),
        ...((end?.result ?? result) ? { result: end?.result ?? result } : {}),
      };
      jj.steps[running] =
        end?.state === 'done' ? { state: 'done', ...keep, endedAt: ctx.now() } : { state: 'pending', ...keep };
    });
  } catch (e) {
    if (e instanceof JournalStoreFailure) throw e.cause;
    const error = toStepError(e, ctx.where);
    await ctx.update((jj) => {
      const running = STEP_IDS.find((id) => jj.steps[id].state === 'running');
      if (running) {
        const { owner: _o, ...record } = jj.steps[running];
        // Okta could not be read: whether the interrupted write happened is unknown until it is.
        jj.steps[running] = {
          ...record,
          state: 'uncertain',
          error: {
            ...error,
            kind: 'outcomeUnknown',
            message: readAfterInterruptionFailed(error.message),
          },
        };
      }
      if (jj.rollback?.state === 'running') delete jj.rollback;
    });
  }
}

async function reconcileRollback(ctx: StepContext): Promise<void> {
  const secrets = await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal);
  const inactive = ctx.journal.deactivated.filter((id) => !secrets.some((s) => s.id === id && s.status === 'ACTIVE'));
  if (inactive.length === 0) {
    await ctx.update((j) => {
      if (j.rollback) j.rollback.reactivated = [...j.deactivated];
    });
    await completeRollback(ctx);
  } else {
    await ctx.update((j) => {
      delete j.rollback;
    });
  }
}
