// The procedure of Okta's support article as a list of steps: their ids in checklist order, who does each, and
// the states a step goes through. The ids are part of the contract with the UI (the checklist sends them back in
// actions) and with journals already saved: never rename one; add new ones with care.
export const STEP_IDS = [
  'preflight',
  'recordInUse',
  'createSecret',
  'newConnection',
  'moveFlows',
  'verifyNewSecret',
  'identifyOld',
  'deactivateOld',
  'watchOld',
  'deleteOld',
  'deleteOldConnection',
  'finish',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * 'uncertain': a write of the step may have reached Okta (cancelled after it left, its answer lost) and reading Okta
 * back failed too: nothing may rely on either outcome until Okta has been read again.
 */
export const STEP_STATES = ['pending', 'running', 'done', 'failed', 'skipped', 'uncertain'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** 'api': the engine does it against Okta (or locally) when the person says run; 'manual': the person does it
 * in the Workflows console and confirms. */
export type StepKind = 'api' | 'manual';

/** The steps a person does in the Workflows console; the others are the engine's. */
const MANUAL_STEP_IDS = ['newConnection', 'moveFlows', 'deleteOldConnection'] as const satisfies readonly StepId[];
export type ManualStepId = (typeof MANUAL_STEP_IDS)[number];

export function stepKind(id: StepId): StepKind {
  return (MANUAL_STEP_IDS as readonly StepId[]).includes(id) ? 'manual' : 'api';
}

/** Manual steps not needed when the person re-authorizes the existing connection instead of creating a new one. */
export const SKIPPED_WHEN_REAUTHORIZING: readonly StepId[] = ['moveFlows', 'deleteOldConnection'];

/** A record with one entry per step, built by `make` (in step order). */
export function perStep<T>(make: (id: StepId) => T): Record<StepId, T> {
  const built: Partial<Record<StepId, T>> = {};
  for (const id of STEP_IDS) built[id] = make(id);
  if (!hasEveryStep(built)) throw new Error('perStep: a step has no entry');
  return built;
}

function hasEveryStep<T>(record: Partial<Record<StepId, T>>): record is Record<StepId, T> {
  return STEP_IDS.every((id) => id in record);
}
