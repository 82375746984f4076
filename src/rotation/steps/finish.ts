// Step 11: wipe the new secret's value and close the rotation as completed. Found running after a crash, it is
// simply done again: wiping and closing twice changes nothing.
import type { RotationJournal } from '../journal.ts';
import { utcDateTime, utcTime } from '../words.ts';
import type { ApiStepModule, StepContext, StepEnd } from './context.ts';

async function finishRotation(ctx: StepContext): Promise<StepEnd> {
  const j = ctx.journal;
  await ctx.secrets.delete(j.rotationId);
  const soak = soakSentence(j);
  await ctx.end('completed', [
    `Rotation completed: secret ${j.newSecret?.id ?? '?'} is in use; ${j.deleted.length > 0 ? `old secret ${j.deleted.join(', ')} deleted` : 'no old secret was deleted'}.`,
    ...(soak ? [soak] : []),
  ]);
  return { state: 'done', result: { valueWiped: true } };
}

/** How a paired production org's preview soak was passed, for the history. */
function soakSentence(j: RotationJournal): string | undefined {
  const g = j.guards.previewSoak;
  if (!g) return undefined;
  const rule = `The preview soak of ${g.hours} h after ${g.previewOrg}'s rotation`;
  const completed = g.previewCompletedAt
    ? `it completed ${utcDateTime(g.previewCompletedAt)}`
    : 'it had not completed one';
  if (g.acknowledgedAt) return `${rule} was acknowledged ${utcDateTime(g.acknowledgedAt)} (${completed}).`;
  return g.satisfied ? `${rule} was met (${completed}).` : undefined;
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
