// When a watch left running is due for another look, read from the journal alone: the rotation is at the watch, no
// look runs or waits to be read back, the watch is still watching (a catch, a clean end or a refused log is the
// person's turn), and its next look is due. A look that failed is tried again after a pause, not at every tick.
import { currentStepOf, type RotationJournal } from './model/journal.ts';

/** How long after a failed look the next is tried without the person. */
const RETRY_AFTER_MS = 5 * 60_000;

export function watchLookDue(journal: RotationJournal, now: Date): boolean {
  if (journal.outcome !== 'inProgress' || currentStepOf(journal) !== 'watchOld') return false;
  const step = journal.steps.watchOld;
  const watch = journal.watch;
  if (step.state !== 'pending' && step.state !== 'failed') return false;
  if (watch && watch.status !== 'watching') return false;
  if (step.state === 'failed')
    return step.endedAt === undefined || now.getTime() - Date.parse(step.endedAt) >= RETRY_AFTER_MS;
  return watch?.nextLookAt === undefined || Date.parse(watch.nextLookAt) <= now.getTime();
}
