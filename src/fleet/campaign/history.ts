// The campaign's history: what each org's rotation journal recorded that a person should be able to look back on,
// newest first: how each rotation ended (with its report), and every acknowledgement, the preview soak's included
// (when, and what the preview org had done by then). Built from the snapshots: ids, times and masked values only.
import type { RotationSnapshot } from '../../rotation/snapshot.ts';

export interface HistoryLine {
  at: string;
  label: string;
  text: string;
}

export function campaignHistory(orgs: ReadonlyArray<{ label: string; snapshot?: RotationSnapshot }>): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const { label, snapshot: s } of orgs) {
    if (!s) continue;
    const soak = s.guards.previewSoak;
    if (soak?.acknowledgedAt) {
      const preview = soak.previewCompletedAt
        ? `its preview org ${soak.previewOrg} completed ${soak.previewCompletedAt}`
        : `its preview org ${soak.previewOrg} had not completed a rotation`;
      lines.push({
        at: soak.acknowledgedAt,
        label,
        text: `Preview soak of ${soak.hours} h acknowledged: the new secret was created before it ended (${preview}).`,
      });
    }
    if (s.guards.productionWithoutPreview?.acknowledged)
      lines.push({
        at: s.createdAt,
        label,
        text: `Rotated without a recent preview rotation (acknowledged, rule of ${s.guards.productionWithoutPreview.days} days).`,
      });
    if (s.outcome !== 'inProgress')
      lines.push({ at: s.endedAt ?? s.updatedAt, label, text: `${s.outcome}: ${s.report.join(' ')}`.trim() });
  }
  return lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
