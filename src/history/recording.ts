// Keeping the history as rotations go: a journal store that, after each save the store accepted, rebuilds the
// rotation's history record from the journal. The engine is not touched and never waits on a history that fails:
// a failed history write is reported, and the rotation goes on (its journal is saved either way).
import type { RotationJournal } from '../rotation/journal.ts';
import type { RotationJournalStore } from '../rotation/stores.ts';
import { historyRecordOf, type RecordContext } from './fromJournal.ts';
import type { FileHistoryStore } from './store.ts';

/** Writes the history record of a journal as it is now. */
export type HistoryRecorder = (journal: RotationJournal) => Promise<void>;

type HistoryRecords = Pick<FileHistoryStore, 'get' | 'put'>;

/** The recorder of one org: the context (label, practice flag, who acts) is read at each save. */
export function historyRecorder(store: HistoryRecords, context: () => Promise<RecordContext>): HistoryRecorder {
  return async (journal) => {
    const previous = await store.get(journal.rotationId);
    await store.put(historyRecordOf(journal, await context(), previous));
  };
}

/** `store`, recording the history after every save, import and successful claim. */
export function recordingHistory(
  store: RotationJournalStore,
  record: HistoryRecorder,
  onProblem: (message: string, error: unknown) => void,
): RotationJournalStore {
  const after = async (journal: RotationJournal): Promise<void> => {
    try {
      await record(journal);
    } catch (e) {
      onProblem(`Recording the history of rotation ${journal.rotationId}`, e);
    }
  };
  return {
    load: (rotationId) => store.load(rotationId),
    async save(journal, expectedRevision) {
      await store.save(journal, expectedRevision);
      await after(journal);
    },
    async importJournal(journal) {
      await store.importJournal(journal);
      await after(journal);
    },
    delete: (rotationId) => store.delete(rotationId),
    list: () => store.list(),
    async claim(journal) {
      const holder = await store.claim(journal);
      if (!holder) await after(journal);
      return holder;
    },
    release: (journal) => store.release(journal),
  };
}

/** Records for the journals that have none yet (journals kept before the history was), without an actor. */
export async function backfillHistory(
  store: HistoryRecords,
  journals: readonly RotationJournal[],
  contextOf: (journal: RotationJournal) => RecordContext,
): Promise<number> {
  let added = 0;
  for (const journal of journals) {
    if (await store.get(journal.rotationId)) continue;
    await store.put(historyRecordOf(journal, contextOf(journal)));
    added++;
  }
  return added;
}
