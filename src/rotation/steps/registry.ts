// Every step of Okta's rotation procedure, in the order the person goes through them: the order of this object is
// the order of the checklist. Adding a step is one module in this folder and one line here.
import type { StepModule } from './context.ts';
import { createSecret } from './createSecret.ts';
import { deactivateOld } from './deactivateOld.ts';
import { deleteOld } from './deleteOld.ts';
import { deleteOldConnection } from './deleteOldConnection.ts';
import { finish } from './finish.ts';
import { identifyOld } from './identifyOld.ts';
import { moveFlows } from './moveFlows.ts';
import { newConnection } from './newConnection.ts';
import { preflight } from './preflight.ts';
import { recordInUse } from './recordInUse.ts';
import { verifyNewSecret } from './verifyNewSecret.ts';

export const STEP_REGISTRY = {
  preflight,
  recordInUse,
  createSecret,
  newConnection,
  moveFlows,
  verifyNewSecret,
  identifyOld,
  deactivateOld,
  deleteOld,
  deleteOldConnection,
  finish,
} as const;

export type StepId = keyof typeof STEP_REGISTRY;

// Each module's id is its key here (a typo in either fails to compile).
const idsMatchKeys: { readonly [K in StepId]: StepModule<K> } = STEP_REGISTRY;
void idsMatchKeys;
