// Steps 7, 8 and 10 in words: the old secrets Okta lists (confirmed by the person), deactivated (Roll back can still
// reactivate them), then, after the watch (./watch.ts), deleted (no way back).
import { deactivationAllowed } from '../../rotation/model/guards.ts';
import { listWords, plural, secretInList } from '../phrases.ts';
import { utcTime } from '../time.ts';
import { watchBasis } from '../watch.ts';
import { confirmedOldInWords, type StepStory, type StoryInput } from './story.ts';

export function identifyOldStory({ journal, record, now }: StoryInput): StepStory {
  const candidates = journal.identify?.candidates ?? [];
  const phrases = candidates.map((c) => secretInList(c, now));
  const listed = journal.identify
    ? [
        { label: 'Listed', value: utcTime(journal.identify.listedAt, now) },
        ...phrases.map((value) => ({ label: 'Old secret', value })),
      ]
    : [];
  if (record.state === 'done') {
    return {
      summary:
        candidates.length === 0
          ? 'No active secret besides the new one: nothing to deactivate or delete.'
          : `You confirmed ${listWords(phrases)} as the old ${candidates.length === 1 ? 'secret' : 'secrets'}.`,
      todo: [],
      details: listed,
    };
  }
  if (!journal.identify || record.state !== 'pending') {
    return {
      summary: 'Lists the active secrets other than the new one: the old ones, to retire.',
      todo: ['List the active secrets in Okta to find the old one. Nothing changes in Okta.'],
      details: [],
    };
  }
  const inUse = journal.inUse;
  const matches = candidates.length === 1 && candidates[0]?.id === inUse?.id;
  const todo =
    candidates.length === 0
      ? ['Okta lists no active secret besides the new one. Confirm, and the deactivate and delete steps are skipped.']
      : [
          `Besides the new secret, Okta lists ${plural(candidates.length, 'active secret')}: ${listWords(phrases)}${matches ? ', the one recorded as in use' : ''}.`,
          matches
            ? `Confirm ${candidates.length === 1 ? 'it is' : 'they are'} the old secret: deactivated next, then deleted.`
            : `Careful: this is not only the secret recorded as in use (${inUse ? secretInList(inUse, now) : 'unknown'}). Confirm only if every listed secret is old: they are deactivated next, then deleted.`,
        ];
  return { summary: `Okta lists ${plural(candidates.length, 'old secret')}.`, todo, details: listed };
}

export function deactivateOldStory({ journal, record, now }: StoryInput): StepStory {
  const oldText = confirmedOldInWords(journal, now);
  if (record.state === 'done')
    return {
      summary: `Deactivated ${oldText}. Until it is deleted, Roll back can reactivate it.`,
      todo: [],
      details: record.endedAt ? [{ label: 'Deactivated', value: utcTime(record.endedAt, now) }] : [],
    };
  if (record.state === 'skipped' && journal.outcome === 'inProgress')
    return { summary: 'Not needed: no old secret was active.', todo: [], details: [] };
  return {
    summary: 'Deactivates the old secret; until it is deleted, Roll back can reactivate it.',
    todo: deactivationAllowed(journal)
      ? [
          `Deactivate ${oldText}. A Workflows connection still using it stops working when its token next refreshes.`,
          "Next, the extension watches Okta's System Log for such a failure before it offers the delete; until the delete, Roll back can reactivate it.",
        ]
      : [
          'The new secret has not verified as working: deactivating the old one may break every flow.',
          'Continue only if you checked that the new connection works.',
        ],
    details: [],
  };
}

export function deleteOldStory({ journal, record, now }: StoryInput): StepStory {
  const oldText = confirmedOldInWords(journal, now);
  if (record.state === 'done')
    return {
      summary: `Deleted ${oldText}. It cannot come back.`,
      todo: [],
      details: record.endedAt ? [{ label: 'Deleted', value: utcTime(record.endedAt, now) }] : [],
    };
  if (record.state === 'skipped' && journal.outcome === 'inProgress')
    return { summary: 'Not needed: no old secret was active.', todo: [], details: [] };
  return {
    summary: 'Deletes the deactivated old secret; after this there is no way back.',
    todo: [
      ...(journal.watch ? [watchBasis(journal.watch, now)] : []),
      `Delete ${oldText}. This cannot be undone: after the delete there is no roll back.`,
    ],
    details: [],
  };
}

export function finishStory({ record, now }: StoryInput): StepStory {
  return record.state === 'done'
    ? {
        summary: "Finished: the new secret's value was wiped from VS Code's secret storage.",
        todo: [],
        details: record.endedAt ? [{ label: 'Finished', value: utcTime(record.endedAt, now) }] : [],
      }
    : {
        summary: "Wipes the new secret's value from VS Code's secret storage and closes the rotation.",
        todo: ["Finish: the new secret's stored value is wiped and the rotation closes."],
        details: [],
      };
}
