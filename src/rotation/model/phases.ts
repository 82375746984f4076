// A campaign's bulk actions, each a stretch of the rotation's own steps that the extension does without a person:
// check (the org and the secret in use), create (the new secret), verify (it authenticates), deactivate (the old
// secret listed and deactivated), watch (Okta's System Log read for a connection still using it), delete (the old
// secret deleted, then the rotation finished). The delete applies only to rotations at the delete step, so only to
// orgs whose watch ended clean (or whose person decided). What each is called is the presentation's; how a campaign
// drives one is src/fleet/campaign/drivePhase.ts.
import type { RotationSnapshot } from './snapshot.ts';
import type { StepId } from './steps.ts';

export const PHASES = ['check', 'create', 'verify', 'deactivate', 'watch', 'delete'] as const;
export type Phase = (typeof PHASES)[number];

const PHASE_STEPS: Readonly<Record<Phase, readonly StepId[]>> = {
  check: ['preflight', 'recordInUse'],
  create: ['recordInUse', 'createSecret'],
  verify: ['verifyNewSecret'],
  deactivate: ['identifyOld', 'deactivateOld'],
  watch: ['watchOld'],
  delete: ['deleteOld', 'finish'],
};

/** The phase whose stretch holds the rotation's current step; undefined when the current step is a person's. */
export function phaseOf(snapshot: Pick<RotationSnapshot, 'currentStep' | 'outcome'>): Phase | undefined {
  if (snapshot.outcome !== 'inProgress' || snapshot.currentStep === undefined) return undefined;
  const step = snapshot.currentStep;
  return PHASES.find((p) => PHASE_STEPS[p].includes(step) && !(p === 'check' && step === 'recordInUse'));
}

/** Does `phase` have something to do for this rotation now? */
export function phaseApplies(phase: Phase, snapshot: Pick<RotationSnapshot, 'currentStep' | 'outcome'>): boolean {
  return (
    snapshot.outcome === 'inProgress' &&
    snapshot.currentStep !== undefined &&
    PHASE_STEPS[phase].includes(snapshot.currentStep)
  );
}
