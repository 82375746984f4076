// The campaign's history: what each org's rotation journal recorded that a person should be able to look back on,
// newest first: how each rotation ended (with its report), and every acknowledgement, the preview soak's included
// (when, and what the preview org had done by then). Built from the snapshots: ids, times and masked values only.
import type { RotationSnapshot } from '../../rotation/snapshot.ts';
import { utcDateTime } from '../../rotation/words.ts';

export interface HistoryLine {
  /** ISO time, for the order. */
  at: string;
  /** The same time as a person reads it: "1 Dec 2026, 15:28 UTC". */
  when: string;
  label: string;
  text: string;
}

/** A rotation's report says how it ended; these words stand in for a report that is empty. */
const ENDINGS: Record<Exclude<RotationSnapshot['outcome'], 'inProgress'>, string> = {
  completed: 'Rotation completed.',
  rolledBack: 'Rotation rolled back.',
  abandoned: 'Rotation abandoned.',
};

export function campaignHistory(orgs: ReadonlyArray<{ label: string; snapshot?: RotationSnapshot }>): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const { label, snapshot: s } of orgs) {
    if (!s) continue;
    const soak = s.guards.previewSoak;
    if (soak?.acknowledgedAt) {
      const preview = soak.previewCompletedAt
        ? `its preview org ${soak.previewOrg} completed its rotation ${utcDateTime(soak.previewCompletedAt)}`
        : `its preview org ${soak.previewOrg} had not completed a rotation`;
      lines.push({
        at: soak.acknowledgedAt,
        when: utcDateTime(soak.acknowledgedAt),
        label,
        text: `Preview soak of ${soak.hours} h acknowledged: the new secret was created before it ended (${preview}).`,
      });
    }
    if (s.guards.productionWithoutPreview?.acknowledged)
      lines.push({
        at: s.createdAt,
        when: utcDateTime(s.createdAt),
        label,
        text: `Rotated without a recent preview rotation (acknowledged, rule of ${s.guards.productionWithoutPreview.days} days).`,
      });
    if (s.outcome !== 'inProgress') {
      const at = s.endedAt ?? s.updatedAt;
      lines.push({
        at,
        when: utcDateTime(at),
        label,
        text: s.report.length > 0 ? s.report.join(' ') : ENDINGS[s.outcome],
      });
    }
  }
  return lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
