// Step 11: wipe the new secret's value and close the rotation as completed. Found running after a crash, it is
// simply done again: wiping and closing twice changes nothing.
import { utcTime } from '../words.ts';
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
  story: ({ record, now }) =>
    record.state === 'done'
      ? {
          summary: "Finished: the new secret's value was wiped from VS Code's secret storage.",
          todo: [],
          details: record.endedAt ? [{ label: 'Finished', value: utcTime(record.endedAt, now) }] : [],
        }
      : {
          summary: "Wipes the new secret's value from VS Code's secret storage and closes the rotation.",
          todo: ["Finish: the new secret's stored value is wiped and the rotation closes."],
          details: [],
        },
  run: finishRotation,
  recheck: finishRotation,
  offers: (_journal, at) => [at.run('Finish')],
};
