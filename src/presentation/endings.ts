// How a rotation ended, in sentences told from its journal: completed (which secret is in use, which went), rolled
// back (which secret is active again, the new one kept), abandoned (what stays in Okta). The checklist's banner, the
// campaign's history, the rotation history's report and the log all say it this way. Pure, tested in Node.
import type { RotationJournal } from '../rotation/model/journal.ts';
import { knownSecrets } from './stories/story.ts';
import { listWords, secretInList } from './phrases.ts';
import { utcDateTime } from './time.ts';

export type Ending = Exclude<RotationJournal['outcome'], 'inProgress'>;

export const ENDING_TITLES: Readonly<Record<Ending, string>> = {
  completed: 'Rotation completed',
  rolledBack: 'Rolled back',
  abandoned: 'Abandoned',
};

/** Names another org as the person knows it (its label), given its host. */
export type OrgLabelOf = (host: string) => string;

/**
 * The sentences of how `journal` ended (none while it is in progress). Secrets are named masked with their age as of
 * `now`; another org (a paired preview org) by its label.
 */
export function endingLines(journal: RotationJournal, now: Date, labelOf: OrgLabelOf = (h) => h): string[] {
  const known = knownSecrets(journal);
  const phrase = (id: string): string => {
    const s = known.find((k) => k.id === id);
    return s ? secretInList(s, now) : 'a secret the rotation did not list';
  };
  const newSecret = journal.newSecret ? secretInList(journal.newSecret, now) : undefined;
  switch (journal.outcome) {
    case 'inProgress':
      return [];
    case 'completed': {
      const deleted = journal.deleted.map(phrase);
      const soak = soakSentence(journal, labelOf);
      return [
        `The new secret ${newSecret ?? ''} is in use${deleted.length > 0 ? `; the old secret ${listWords(deleted)} was deleted` : ''}.`,
        "Its value was wiped from VS Code's secret storage.",
        ...(soak ? [soak] : []),
      ];
    }
    case 'rolledBack':
      return [
        `The old secret ${listWords((journal.rollback?.reactivated ?? journal.deactivated).map(phrase)) || 'in use'} is active again.`,
        ...(newSecret
          ? [
              `The new secret ${newSecret} stays active in Okta: delete it in the Admin Console once no connection uses it.`,
            ]
          : []),
      ];
    case 'abandoned':
      return [
        newSecret
          ? `The new secret ${newSecret} stays active in Okta; its stored value was wiped.`
          : 'Nothing changed in Okta.',
        journal.inUse
          ? `The secret in use, ${secretInList(journal.inUse, now)}, stays in use.`
          : 'The secret in use stays in use.',
      ];
  }
}

/** How a paired production org's preview soak was passed: met, or acknowledged (with what the preview org had done). */
function soakSentence(journal: RotationJournal, labelOf: OrgLabelOf): string | undefined {
  const g = journal.guards.previewSoak;
  if (!g) return undefined;
  const preview = labelOf(g.previewOrg);
  const completed = g.previewCompletedAt
    ? `${preview} completed its rotation ${utcDateTime(g.previewCompletedAt)}`
    : `${preview} had not completed a rotation by then`;
  if (g.acknowledgedAt)
    return `The new secret was created before the preview soak of ${g.hours} h ended: you went ahead ${utcDateTime(g.acknowledgedAt)} (${completed}).`;
  return g.satisfied ? `The preview soak of ${g.hours} h was met (${completed}).` : undefined;
}

/** The log's line when `next` is the snapshot in which the rotation ended; undefined before and after. */
export function endLogLine(
  prev: Pick<RotationJournal, 'outcome'>,
  next: RotationJournal,
  orgKey: string,
  now: Date,
): string | undefined {
  if (prev.outcome !== 'inProgress' || next.outcome === 'inProgress') return undefined;
  const lines = next.report.length > 0 ? next.report : endingLines(next, now);
  return `Rotation ${next.rotationId} of ${orgKey} ended: ${ENDING_TITLES[next.outcome].toLowerCase()}. ${lines.join(' ')}`.trim();
}
