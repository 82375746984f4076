// Every step's story, by id (a step without one, or an extra one, fails to compile), and the story of one step.
import type { RotationJournal } from '../../rotation/model/journal.ts';
import type { StepId } from '../../rotation/model/steps.ts';
import { preflightStory, recordInUseStory } from './checkOrg.ts';
import { deleteOldConnectionStory, moveFlowsStory, newConnectionStory } from './connection.ts';
import { createSecretStory, verifyNewSecretStory } from './newSecret.ts';
import { deactivateOldStory, deleteOldStory, finishStory, identifyOldStory } from './oldSecret.ts';
import type { Story, StepStory } from './story.ts';
import { watchOldStory } from './watch.ts';

const STORIES: { readonly [K in StepId]: Story } = {
  preflight: preflightStory,
  recordInUse: recordInUseStory,
  createSecret: createSecretStory,
  newConnection: newConnectionStory,
  moveFlows: moveFlowsStory,
  verifyNewSecret: verifyNewSecretStory,
  identifyOld: identifyOldStory,
  deactivateOld: deactivateOldStory,
  watchOld: watchOldStory,
  deleteOld: deleteOldStory,
  deleteOldConnection: deleteOldConnectionStory,
  finish: finishStory,
};

/** Step `id` of the rotation in words, as of `now`. */
export function stepStory(journal: RotationJournal, id: StepId, now: Date): StepStory {
  return STORIES[id]({ journal, record: journal.steps[id], now });
}
