// The person's decisions, journaled as they are made: the production warning or a preview soak acknowledged, the
// unverified new secret overridden, a watch's catch overridden, the connection mode chosen, a manual step (or the list
// of old secrets, or going on without a watch) confirmed.
import type { OverriddenGuard } from './model/actions.ts';
import type { ConnectionMode } from './model/journal.ts';
import { SKIPPED_WHEN_REAUTHORIZING, type StepId } from './model/steps.ts';
import { stepModule } from './steps/registry.ts';
import type { StepContext } from './steps/context.ts';
import { overrideWatch } from './steps/watchOld.ts';

/** The production warning (no recent preview rotation), or a paired org's preview soak, acknowledged. */
export async function acknowledge(ctx: StepContext, guard: 'productionWithoutPreview' | 'previewSoak'): Promise<void> {
  await ctx.update((j) => {
    const g = j.guards[guard];
    if (g) g.acknowledgedAt = ctx.now();
  });
}

export async function override(ctx: StepContext, guard: OverriddenGuard): Promise<void> {
  if (guard === 'oldSecretStillUsed') return overrideWatch(ctx);
  return overrideUnverified(ctx);
}

async function overrideUnverified(ctx: StepContext): Promise<void> {
  await ctx.update((j) => {
    j.guards.unverifiedOverride = { at: ctx.now(), verificationOutcome: j.verification?.outcome ?? 'none' };
    const v = j.steps.verifyNewSecret;
    if (v.state !== 'done') {
      j.steps.verifyNewSecret = {
        ...v,
        state: 'skipped',
        endedAt: ctx.now(),
        result: { ...v.result, overridden: true },
      };
    }
  });
}

export async function chooseMode(ctx: StepContext, mode: ConnectionMode): Promise<void> {
  await ctx.update((j) => {
    j.mode = mode;
    for (const id of SKIPPED_WHEN_REAUTHORIZING) {
      j.steps[id] =
        mode === 'reauthorize'
          ? { state: 'skipped', endedAt: ctx.now(), result: { reason: 'reauthorized' } }
          : { state: 'pending' };
    }
  });
}

/** The step's own confirmation when it has one (identifyOld, watchOld), otherwise: done, confirmed by the person. */
export async function confirmStep(ctx: StepContext, step: StepId): Promise<void> {
  const module = stepModule(step);
  if (module.confirm) return module.confirm(ctx);
  await ctx.update((j) => {
    j.steps[step] = {
      state: 'done',
      startedAt: j.steps[step].startedAt ?? ctx.now(),
      endedAt: ctx.now(),
      result: { confirmedBy: 'person' },
    };
  });
}
