// The procedure of Okta's support article as explicit steps, derived from the registry (steps/registry.ts). The
// ids are part of the contract with the UI (the checklist renders them and sends them back in actions): never
// rename one; add new ones with care.
import type { StepModule } from './steps/context.ts';
import { STEP_REGISTRY, type StepId } from './steps/registry.ts';

export type { StepId };

export const STEP_STATES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** 'api': the engine does it against Okta (or locally) when the person says run; 'manual': the person does it
 * in the Workflows console and confirms. */
export type StepKind = 'api' | 'manual';

export interface StepInfo {
  readonly label: string;
  readonly description: string;
  readonly kind: StepKind;
}

function isStepId(key: string): key is StepId {
  return Object.hasOwn(STEP_REGISTRY, key);
}

export const STEP_IDS: readonly StepId[] = Object.keys(STEP_REGISTRY).filter(isStepId);

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

/** The module of a step: what it does, offers and re-checks. */
export function stepModule(id: StepId): StepModule<StepId> {
  return STEP_REGISTRY[id];
}

export const STEP_INFO: Readonly<Record<StepId, StepInfo>> = perStep((id) => {
  const { label, description, kind } = stepModule(id);
  return { label, description, kind };
});

/** Manual steps not needed when the person re-authorizes the existing connection instead of creating a new one. */
export const SKIPPED_WHEN_REAUTHORIZING: readonly StepId[] = STEP_IDS.filter(
  (id) => stepModule(id).skippedWhenReauthorizing === true,
);
