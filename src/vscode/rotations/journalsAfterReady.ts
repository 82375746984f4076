// The journal store, used only once it is ready: its file loaded and the journals of 0.2 moved out of globalState
// first, so no window starts or resumes a rotation from a store still being filled.
import type { RotationJournalStore } from '../../rotation/stores.ts';

export function afterReady(ready: Promise<RotationJournalStore>): RotationJournalStore {
  return {
    load: async (id) => (await ready).load(id),
    save: async (journal, expected) => (await ready).save(journal, expected),
    importJournal: async (journal) => (await ready).importJournal(journal),
    delete: async (id) => (await ready).delete(id),
    list: async () => (await ready).list(),
    claim: async (journal) => (await ready).claim(journal),
    release: async (journal) => (await ready).release(journal),
  };
}
