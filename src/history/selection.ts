// Which records an export holds: all orgs or one, rotations started within a range of days (UTC, both ends
// included), oldest first; and the export as one document the three formats render.
import type { OktaLogSection } from './oktaLog.ts';
import type { HistoryRecord } from './record.ts';

export interface ExportSelection {
  /** Every org, or one by its host (the label is for the reader). */
  org: 'all' | { host: string; label: string };
  /** 'YYYY-MM-DD' (UTC), inclusive; absent: no bound. */
  from?: string;
  to?: string;
}

export interface ExportDocument {
  exportedAt: string;
  /** The operating-system user who exported. */
  exportedBy: string;
  selection: ExportSelection;
  rotations: Array<{ record: HistoryRecord; okta: OktaLogSection }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a 'YYYY-MM-DD' day, or undefined when it is not a real day. */
export function parseDay(text: string): number | undefined {
  const m = DAY.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text.trim() ? ms : undefined;
}

/** 'YYYY-MM-DD' of a time (UTC). */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function selectRecords(records: readonly HistoryRecord[], selection: ExportSelection): HistoryRecord[] {
  const from = selection.from === undefined ? undefined : parseDay(selection.from);
  const to = selection.to === undefined ? undefined : parseDay(selection.to);
  const org = selection.org;
  return records
    .filter((r) => org === 'all' || r.org.host === org.host)
    .filter((r) => {
      const started = Date.parse(r.startedAt);
      return (from === undefined || started >= from) && (to === undefined || started < to + DAY_MS);
    })
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}

/** "all orgs, rotations started 2026-01-01 to 2026-11-26 (UTC)": what the export covers, in words. */
export function describeSelection(selection: ExportSelection): string {
  const org = selection.org === 'all' ? 'all orgs' : `${selection.org.label} (${selection.org.host})`;
  const { from, to } = selection;
  const range =
    from && to
      ? `started ${from} to ${to} (UTC)`
      : from
        ? `started on or after ${from} (UTC)`
        : to
          ? `started on or before ${to} (UTC)`
          : 'all dates';
  return `${org}, rotations ${range}`;
}
