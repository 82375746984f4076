// Preview before production, per pair: a paired production org's create is asked for, so what its preview org's
// history says now is checked and journaled (the checklist and the campaign's history show it); a create that
// must wait is refused with when it may go ahead, and the person may acknowledge instead (decisions.ts).
import { previewSoakWaits } from '../presentation/rotationErrors.ts';
import { evaluatePreviewSoak } from './guards.ts';
import type { RotationJournal } from './model/journal.ts';
import type { StepContext } from './steps/context.ts';

/** Why the create waits (a refusal's message), or undefined when it may go ahead. Journals what it found. */
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
  return previewSoakWaits(ctx.where, soak.reason);
}
