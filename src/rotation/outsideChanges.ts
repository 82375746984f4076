// Changes of an app's secrets made outside a rotation's own steps while the rotation is unfinished: the Orgs tree's
// Activate, Deactivate and Delete (which never act on the secret in use or the new one) are recorded in the
// rotation's journal, so its checklist, its history and Roll back know of them. Written straight to the journal
// store as a compare-and-swap (tried again when another window saved meanwhile), from any window, with or without
// an engine of the rotation in it; an engine reads it before its next action. Refused while a step of the rotation
// runs anywhere: its engine owns the journal until the step ends.
import {
  outsideChangeBeforeStepEnds,
  outsideChangeKeepsChanging,
  outsideChangeWhileStepRuns,
} from '../presentation/rotationErrors.ts';
import { isRotationError, RotationError } from './errors.ts';
import {
  cloneJournal,
  isFinished,
  parseJournal,
  revisionOf,
  type OutsideChange,
  type RotationJournal,
} from './model/journal.ts';
import type { RotationJournalStore } from './stores.ts';
import { runsAStep } from './model/ownership.ts';

type Store = Pick<RotationJournalStore, 'load' | 'save'>;

/** True when a step (or the rollback) of the rotation is running now, in any window. */
async function stepRunning(store: Store, rotationId: string): Promise<boolean> {
  const journal = await store.load(rotationId);
  if (!journal || isFinished(journal)) return false;
  return runsAStep(journal);
}

/** Appends `change` to the rotation's journal. RotationError 'runningElsewhere' while one of its steps runs. */
async function recordOutsideChange(
  store: Store,
  rotationId: string,
  change: OutsideChange,
  now: () => string = () => new Date().toISOString(),
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await store.load(rotationId);
    if (!stored || isFinished(stored)) return;
    if (await stepRunning(store, rotationId))
      throw new RotationError('runningElsewhere', outsideChangeWhileStepRuns(stored.org.host));
    const next = cloneJournal(stored);
    (next.outsideChanges ??= []).push(change);
    next.revision = revisionOf(stored) + 1;
    next.updatedAt = now();
    try {
      await store.save(parseJournal(next), revisionOf(stored));
      return;
    } catch (e) {
      if (!isRotationError(e, 'staleJournal')) throw e;
    }
  }
  throw new RotationError('staleJournal', outsideChangeKeepsChanging(rotationId));
}

/**
 * Runs a change of an app's secret made from the Orgs tree beside the app's unfinished rotation, if any: refused
 * before it runs while a step of the rotation runs (in any window), recorded in its journal after. True when recorded.
 */
export async function changeBesideRotation(
  store: Store,
  rotation: RotationJournal | undefined,
  change: { orgLabel: string; recorded: Omit<OutsideChange, 'at' | 'source'>; run: () => Promise<void> },
  now: () => string = () => new Date().toISOString(),
): Promise<boolean> {
  if (rotation && (await stepRunning(store, rotation.rotationId)))
    throw new Error(outsideChangeBeforeStepEnds(change.orgLabel));
  await change.run();
  if (!rotation) return false;
  await recordOutsideChange(store, rotation.rotationId, { ...change.recorded, at: now(), source: 'tree' }, now);
  return true;
}
