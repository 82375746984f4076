// The reminders' rules and notes: which secrets are due, how the status bar and a notification say it, and the notes
// kept in globalState. Loaded for the first update, a moment after activation (esbuild.mjs emits it as
// dist/reminders.js): activation itself only creates the status bar item.
export { describeDueSecret, dueKey, dueSecrets, statusBarText } from '../../fleet/reminders/dueSecrets.ts';
export {
  differsFromStored,
  keptNotes,
  readReminderState,
  writeReminderState,
} from '../../fleet/reminders/reminderState.ts';
