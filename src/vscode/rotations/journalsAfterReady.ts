// The journal store, used only once `ready` settled (the journals of 0.2 moved out of globalState first), so no
// window starts or resumes a rotation from a store still being filled.
import type { RotationJournalStore } from '../../rotation/stores.ts';

export function afterReady(store: RotationJournalStore, ready: Promise<unknown>): RotationJournalStore {
  const settled = ready.then(
    () => undefined,
    () => undefined,
  );
  return {
    load: async (id) => (await settled, store.load(id)),
    save: async (journal, expected) => (await settled, store.save(journal, expected)),
    importJournal: async (journal) => (await settled, store.importJournal(journal)),
    delete: async (id) => (await settled, store.delete(id)),
    list: async () => (await settled, store.list()),
    claim: async (journal) => (await settled, store.claim(journal)),
    release: async (journal) => (await settled, store.release(journal)),
  };
}
