// The journal store, used only once it is ready: its file loaded and the journals of 0.2 moved out of globalState
// first, so no window starts or resumes a rotation from a store still being filled.
import type * as vscode from 'vscode';
import type { RotationJournalStore } from '../../rotation/stores.ts';
import type { Log } from '../platform/log.ts';

/**
 * The journal files in `folder` (their part loaded just after activation, the journals of 0.2 moved there first)
 * and this window's id among the windows sharing them.
 */
export function openJournalFiles(
  folder: string,
  globalState: vscode.Memento,
  log: Pick<Log, 'info' | 'warn' | 'error'>,
): { journals: RotationJournalStore; windowId: Promise<string> } {
  const part = import('./journalParts.ts');
  const files = part.then(async (m) => {
    const store = new m.FileJournalStore(folder);
    await m
      .moveJournalsOutOfGlobalState(globalState, store, (w) => log.warn(w))
      .then(
        (n) => (n > 0 ? log.info(`Rotation journals: ${n} moved from globalState to their files`) : undefined),
        (e: unknown) => log.error('Moving the rotation journals out of globalState', e),
      );
    return store;
  });
  return { journals: afterReady(files), windowId: part.then((m) => m.newWindowId()) };
}

function afterReady(ready: Promise<RotationJournalStore>): RotationJournalStore {
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
