// What each action of the person does. The engine has already checked that the action is offered, that no other
// window runs a step and that the journal is the stored one; here each action goes to the step, decision or ending
// that carries it out.
import { manualStepIsConfirmed, productionNeedsAcknowledgement, stepRefused } from '../presentation/rotationErrors.ts';
import { redact } from '../redact.ts';
import { acknowledge, chooseMode, confirmStep, override } from './decisions.ts';
import type { ActionOutcome } from './deps.ts';
import { abandon, rollback } from './endings.ts';
import type { RotationAction } from './model/actions.ts';
import { productionGuardPending } from './model/guards.ts';
import type { RotationJournal } from './model/journal.ts';
import type { StepId } from './model/steps.ts';
import { recheckStep, runStep, type StepRunner } from './runStep.ts';
import { checkPreviewSoak } from './soak.ts';
import type { StepContext } from './steps/context.ts';
import { identifyInUse, retire } from './steps/preflight.ts';
import { stepModule } from './steps/registry.ts';

export interface DispatchDeps {
  /** This window, the owner of the steps it runs. */
  runner: StepRunner;
  /** The preview org's finished rotations (the soak guard reads them). */
  previewHistory(): Promise<RotationJournal[]>;
}

export async function dispatchAction(
  action: RotationAction,
  ctx: StepContext,
  deps: DispatchDeps,
): Promise<ActionOutcome> {
  switch (action.type) {
    case 'acknowledge':
      // What the preview org had done when the person went ahead is recorded with the decision.
      if (action.guard === 'previewSoak') await checkPreviewSoak(ctx, deps.previewHistory);
      await acknowledge(ctx, action.guard);
      return { ok: true };
    case 'override':
      await override(ctx, action.guard);
      return { ok: true };
    case 'chooseMode':
      await chooseMode(ctx, action.mode);
      return { ok: true };
    case 'confirm':
      await confirmStep(ctx, action.step);
      return { ok: true };
    case 'run':
      return runAction(action.step, ctx, deps);
    case 'retire':
      return runStep(ctx, 'preflight', deps.runner, (c) => retire(c, action.secretId));
    case 'identifyInUse':
      return runStep(ctx, 'preflight', deps.runner, (c) => identifyInUse(c, action.value));
    case 'rollback':
      return rollback(ctx, deps.runner.window);
    case 'abandon':
      return abandon(ctx);
  }
}

async function runAction(step: StepId, ctx: StepContext, deps: DispatchDeps): Promise<ActionOutcome> {
  const journal = ctx.journal;
  if (productionGuardPending(journal)) return refused('guard', productionNeedsAcknowledgement(ctx.where));
  // An uncertain step is read back from Okta, never run again blindly.
  if (journal.steps[step].state === 'uncertain') return recheckStep(ctx, step);
  const module = stepModule(step);
  if (module.kind === 'manual') return refused('actionNotAvailable', manualStepIsConfirmed(step));
  const refusal = module.refusal?.(journal);
  if (refusal !== undefined) return refused('guard', stepRefused(ctx.where, refusal));
  if (step === 'createSecret') {
    const wait = await checkPreviewSoak(ctx, deps.previewHistory);
    if (wait !== undefined) return refused('guard', wait);
  }
  return runStep(ctx, step, deps.runner, (c) => module.run(c));
}

/** An action not carried out, in words the person reads (never a secret: the message is redacted). */
export function refused(kind: string, message: string): ActionOutcome {
  return { ok: false, error: { kind, message: redact(message) } };
}
