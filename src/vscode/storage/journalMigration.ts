// Journals kept by version 0.2 in globalState (one key each, or every journal under one older key) move to the
// journal files once, the first time a window of this version opens them: a journal already in the files stays as
// it is there. Then the keys go, so no window reads two copies. Pure: the Memento is a type only.
import type * as vscode from 'vscode';
import { parseJournal } from '../../rotation/model/journal.ts';
import type { RotationJournalStore } from '../../rotation/stores.ts';

const PREFIX = 'oktaWorkflows.rotationJournal/';
const LEGACY_KEY = 'oktaWorkflows.rotationJournals';

/** Moves the journals; returns how many were written to the store. A journal that does not parse is reported. */
export async function moveJournalsOutOfGlobalState(
  memento: vscode.Memento,
  store: Pick<RotationJournalStore, 'load' | 'importJournal'>,
  onProblem: (message: string) => void,
): Promise<number> {
  const found = new Map<string, unknown>();
  const legacy = memento.get<unknown>(LEGACY_KEY);
  if (typeof legacy === 'object' && legacy !== null)
    for (const [id, value] of Object.entries(legacy)) found.set(id, value);
  const keys = memento.keys().filter((k) => k.startsWith(PREFIX));
  for (const key of keys) found.set(key.slice(PREFIX.length), memento.get<unknown>(key));
  let moved = 0;
  for (const [id, value] of found) {
    try {
      const journal = parseJournal(value);
      if (await store.load(journal.rotationId)) continue;
      await store.importJournal(journal);
      moved++;
    } catch (e) {
      onProblem(
        `Rotation journal ${id} kept in globalState cannot be read and is not moved: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  for (const key of keys) await memento.update(key, undefined);
  if (legacy !== undefined) await memento.update(LEGACY_KEY, undefined);
  return moved;
}
