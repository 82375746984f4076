// When the tree must reload a rotation's org: a step that changes Okta (or may have, when it failed halfway)
// ended, read from two consecutive snapshots of the engine. Pure, tested in Node.
import type { RotationSnapshot, StepSnapshot } from './model/snapshot.ts';
import type { StepId } from './model/steps.ts';

/** Steps that create, deactivate or delete secrets (the preflight retires one when the person confirms). */
const OKTA_CHANGING_STEPS: ReadonlySet<StepId> = new Set<StepId>([
  'preflight',
  'createSecret',
  'deactivateOld',
  'deleteOld',
]);

const ended = (s: StepSnapshot | undefined): boolean => s?.state === 'done' || s?.state === 'failed';

/** True when, between `prev` and `next`, a step that changes Okta ended, a secret was retired, or a rollback ran. */
export function oktaChanged(prev: RotationSnapshot | undefined, next: RotationSnapshot): boolean {
  if (!prev || prev.rotationId !== next.rotationId) return false;
  for (const step of next.steps) {
    if (!OKTA_CHANGING_STEPS.has(step.id)) continue;
    const before = prev.steps.find((s) => s.id === step.id);
    // Ended now: it was running (or had not ended) and is done or failed (a resumed step may skip 'running').
    if (ended(step) && (!ended(before) || before?.endedAt !== step.endedAt)) return true;
  }
  // A retirement (preflight) may leave the preflight pending, waiting for the next decision.
  if (retiredCount(next) > retiredCount(prev)) return true;
  // A rollback reactivated secrets (done) or stopped halfway (its record is removed): either may have changed Okta.
  if (prev.rollback?.state === 'running' && next.rollback?.state !== 'running') return true;
  return false;
}

function retiredCount(s: RotationSnapshot): number {
  const r = s.steps.find((x) => x.id === 'preflight')?.result?.retired;
  return Array.isArray(r) ? r.length : 0;
}
