// Every step's behaviour, by id: the model (../model/steps.ts) says which steps there are and in which order; this
// says what each does. Adding a step is an id in the model, one module in this folder and one line here.
import type { StepId } from '../model/steps.ts';
import type { StepModule, StepModuleOf } from './context.ts';
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
import { watchOld } from './watchOld.ts';

// A step missing, an extra one, or a module of the wrong kind for its id fails to compile.
const STEP_REGISTRY = {
  preflight,
  recordInUse,
  createSecret,
  newConnection,
  moveFlows,
  verifyNewSecret,
  identifyOld,
  deactivateOld,
  watchOld,
  deleteOld,
  deleteOldConnection,
  finish,
} satisfies { readonly [K in StepId]: StepModuleOf<K> };

/** The module of a step: what it does, offers and re-checks. */
export function stepModule(id: StepId): StepModule {
  return STEP_REGISTRY[id];
}
