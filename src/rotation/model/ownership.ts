// Who runs a rotation's step now, read from the journal: a step (or a rollback) running in another window whose
// heartbeat is fresh is that window's, and nobody else may act on the rotation or take it for a crash; one whose
// heartbeat went quiet (the window closed or crashed) is recovered as an interruption.
import type { RotationJournal } from './journal.ts';
import { STEP_IDS, type StepId } from './steps.ts';

export interface RunningElsewhere {
  what: StepId | 'rollback';
  /** When the other window last said it still runs it (ISO). */
  beatAt: string;
}

/** The step (or rollback) another window than `window` runs now, with a heartbeat younger than `staleAfterMs`. */
export function runningElsewhere(
  journal: Pick<RotationJournal, 'steps' | 'rollback'>,
  window: string,
  now: Date,
  staleAfterMs: number,
): RunningElsewhere | undefined {
  const fresh = (owner: { window: string; beatAt: string } | undefined): boolean =>
    owner !== undefined && owner.window !== window && now.getTime() - Date.parse(owner.beatAt) < staleAfterMs;
  const rollback = journal.rollback;
  if (rollback?.state === 'running' && fresh(rollback.owner))
    return { what: 'rollback', beatAt: rollback.owner?.beatAt ?? '' };
  for (const id of STEP_IDS) {
    const record = journal.steps[id];
    if (record.state === 'running' && fresh(record.owner)) return { what: id, beatAt: record.owner?.beatAt ?? '' };
  }
  return undefined;
}

/** Whether a step or the rollback of the rotation is marked running, by whichever window. */
export function runsAStep(journal: Pick<RotationJournal, 'steps' | 'rollback'>): boolean {
  return journal.rollback?.state === 'running' || STEP_IDS.some((id) => journal.steps[id].state === 'running');
}
