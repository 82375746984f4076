// What the person saw when they chose an action that retires old secrets: the action carries those secrets' ids
// (the checklist sends the ids its confirmation named), and the engine refuses it when the rotation's old secrets
// are not those any more (listed again meanwhile, in another window). A confirmation confirms what was shown.
import type { RotationAction } from './model/actions.ts';
import type { RotationJournal } from './model/journal.ts';

/** True when the action must not go ahead: the secrets it names are not the rotation's old secrets now. */
export function seenSecretsDiffer(action: RotationAction, journal: RotationJournal): boolean {
  if ((action.type !== 'run' && action.type !== 'confirm') || action.secretIds === undefined) return false;
  const now =
    action.type === 'confirm' && action.step === 'identifyOld'
      ? (journal.identify?.candidates ?? []).map((c) => c.id)
      : (journal.oldSecretIds ?? []);
  const same = now.length === action.secretIds.length && now.every((id) => action.secretIds?.includes(id));
  return !same;
}
