// The rotation journals' files: the store (a file per journal, claims and saves under file locks), moving the
// journals of 0.2 out of globalState, and this window's id among those sharing them. Loaded just after activation,
// when the journals are first read for the tree's markers (esbuild.mjs emits it as dist/journals.js): activation
// itself opens no file.
export { randomUUID as newWindowId } from 'node:crypto';
export { FileJournalStore } from '../../rotation/fileJournalStore.ts';
export { moveJournalsOutOfGlobalState } from '../storage/journalMigration.ts';
