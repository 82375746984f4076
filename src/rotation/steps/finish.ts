// Step 11: wipe the new secret's value and close the rotation as completed. Found running after a crash, it is
// simply done again: wiping and closing twice changes nothing.
import type { ApiStepModule, StepContext, StepEnd } from './context.ts';

async function finishRotation(ctx: StepContext): Promise<StepEnd> {
  const j = ctx.journal;
  await ctx.secrets.delete(j.rotationId);
  await ctx.end('completed', [
    `Rotation completed: secret ${j.newSecret?.id ?? '?'} is in use; ${j.deleted.length > 0 ? `old secret ${j.deleted.join(', ')} deleted` : 'no old secret was deleted'}.`,
  ]);
  return { state: 'done', result: { valueWiped: true } };
}

export const finish: ApiStepModule<'finish'> = {
  id: 'finish',
  label: 'Finish',
  description: "Wipes the new secret's value from secure storage and closes the rotation.",
  kind: 'api',
  run: finishRotation,
  recheck: finishRotation,
  offers: (_journal, at) => [at.run('Finish')],
};
