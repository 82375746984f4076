// What the rotation history needs to record and read: its file store, the records derived from journals, and the
// backfill from journals kept before the history was. Loaded with the first record or read (esbuild.mjs emits it as
// dist/history.js), not at activation; the exports (CSV, JSON, Markdown) come with Export Rotation History.
export { backfillHistory, HistoryRecorder } from '../../history/recording.ts';
export { FileHistoryStore } from '../../history/store.ts';
