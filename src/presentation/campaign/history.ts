// The campaign's history: what each org's rotation journal recorded that a person should be able to look back on,
// newest first: how each rotation ended, every acknowledgement, the preview soak's included (when, and what the
// preview org had done by then), a watch that caught the old secret still used, and the person's decision on it. Orgs
// are named by their labels; secrets masked. Built from the snapshots.
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import { ENDING_TITLES, endingLines, type OrgLabelOf } from '../endings.ts';
import { utcDateTime } from '../time.ts';
import { findingInWords, firstCatch } from '../watch.ts';

export interface HistoryLine {
  /** ISO time, for the order. */
  at: string;
  /** The same time as a person reads it: "1 Dec 2026, 15:28 UTC". */
  when: string;
  label: string;
  text: string;
}

export function campaignHistory(
  orgs: ReadonlyArray<{ label: string; snapshot?: RotationSnapshot }>,
  labelOf: OrgLabelOf,
  now: Date,
): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const { label, snapshot: s } of orgs) {
    if (!s) continue;
    const soak = s.guards.previewSoak;
    if (soak?.acknowledgedAt) {
      const preview = labelOf(soak.previewOrg);
      const done = soak.previewCompletedAt
        ? `${preview} had completed its rotation ${utcDateTime(soak.previewCompletedAt)}`
        : `${preview} had not completed a rotation yet`;
      lines.push({
        at: soak.acknowledgedAt,
        when: utcDateTime(soak.acknowledgedAt),
        label,
        text: `You went ahead before the preview soak of ${soak.hours} h ended: ${done}.`,
      });
    }
    if (s.guards.productionWithoutPreview?.acknowledged)
      lines.push({
        at: s.createdAt,
        when: utcDateTime(s.createdAt),
        label,
        text: `You went ahead without a recent preview rotation (none in the last ${s.guards.productionWithoutPreview.days} days).`,
      });
    const watch = s.journal.watch;
    const caught = firstCatch(watch);
    if (caught)
      lines.push({
        at: caught.at,
        when: utcDateTime(caught.at),
        label,
        text: `Okta's System Log showed a connection still using the old secret: ${findingInWords(caught, now, true)}.`,
      });
    if (watch?.decision)
      lines.push({
        at: watch.decision.at,
        when: utcDateTime(watch.decision.at),
        label,
        text:
          watch.decision.kind === 'deleteDespiteFindings'
            ? 'You chose to delete the old secret although a connection still used it.'
            : "You confirmed every flow moved; the System Log could not be read (your word, not Okta's record).",
      });
    if (s.outcome !== 'inProgress') {
      const at = s.endedAt ?? s.updatedAt;
      lines.push({
        at,
        when: utcDateTime(at),
        label,
        text: `${ENDING_TITLES[s.outcome]}. ${endingLines(s.journal, now, labelOf).join(' ')}`,
      });
    }
  }
  return lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
