// Step 11: close the rotation as completed (its ending wipes the new secret's value). Found running after a crash, it is
// simply done again: wiping and closing twice changes nothing.
import type { ApiStepModule, StepContext, StepEnd } from './context.ts';

async function finishRotation(ctx: StepContext): Promise<StepEnd> {
  await ctx.end('completed');
  return { state: 'done', result: { valueWiped: true } };
}

export const finish: ApiStepModule<'finish'> = {
  id: 'finish',
  kind: 'api',
  run: finishRotation,
  recheck: finishRotation,
  offers: () => [{ type: 'run', step: 'finish' }],
};
