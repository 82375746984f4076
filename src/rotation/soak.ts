// Preview before production, per pair: a paired production org's create is asked for, so what its preview org's
// history says now is checked and journaled (the checklist and the campaign's history show it); a create that
// must wait is refused with when it may go ahead, and the person may acknowledge instead (decisions.ts).
import { evaluatePreviewSoak } from './guards.ts';
import type { RotationJournal } from './journal.ts';
import type { NextAction, RotationSnapshot } from './snapshot.ts';
import type { StepContext } from './steps/context.ts';
import { utcDateTime } from './words.ts';

/** Why the create waits (a refusal's message), or undefined when it may go ahead. */
export async function checkPreviewSoak(
  ctx: StepContext,
  history: () => Promise<RotationJournal[]>,
): Promise<string | undefined> {
  const guard = ctx.journal.guards.previewSoak;
  if (!guard || guard.acknowledgedAt !== undefined) return undefined;
  const now = ctx.now();
  const soak = evaluatePreviewSoak(guard.previewOrg, await history(), new Date(now), guard.hours, guard.recencyDays);
  await ctx.update((j) => {
    const g = j.guards.previewSoak;
    if (!g) return;
    g.checkedAt = now;
    g.satisfied = soak.satisfied;
    if (soak.previewCompletedAt) g.previewCompletedAt = soak.previewCompletedAt;
  });
  if (soak.satisfied) return undefined;
  return `${ctx.where}: this production org waits for its preview org before its new secret is created: ${soak.reason}. Acknowledge to create it now.`;
}

/** The acknowledgement a waiting create offers, with what the preview org has done. */
export function soakAcknowledgement(journal: RotationJournal): NextAction {
  const g = journal.guards.previewSoak;
  const when = g?.previewCompletedAt
    ? `completed its rotation ${utcDateTime(g.previewCompletedAt)}`
    : 'has not completed a rotation';
  return {
    type: 'acknowledge',
    guard: 'previewSoak',
    warning: `This production org waits for its preview org ${g?.previewOrg ?? ''}, which ${when}: the new secret is created ${g?.hours ?? 0} h after it. Acknowledge to create it now.`,
  };
}

/** The soak as a snapshot shows it. */
export function soakView(
  g: NonNullable<RotationJournal['guards']['previewSoak']>,
): RotationSnapshot['guards']['previewSoak'] {
  const { previewOrg, hours, previewCompletedAt, satisfied, acknowledgedAt } = g;
  return {
    previewOrg,
    hours,
    ...(previewCompletedAt ? { previewCompletedAt } : {}),
    ...(satisfied !== undefined ? { satisfied } : {}),
    ...(acknowledgedAt ? { acknowledgedAt } : {}),
  };
}
