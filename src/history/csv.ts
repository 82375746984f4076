// The export as CSV: one row per rotation, so a spreadsheet answers "when, who, which secret replaced which, and
// what Okta logged" row by row. RFC 4180 (quoted cells, CRLF), UTF-8 with a byte-order mark (so Excel reads the
// masked "••••" and non-ASCII labels right). Times are UTC in a form spreadsheets read as dates. A cell that a
// spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe: labels and Okta's texts
// are data, never formulas.
import {
  describeActors,
  describeOktaEvent,
  describeOktaSection,
  describeOutcome,
  describeStep,
  describeWatch,
  formatTime,
  secretCreated,
  secretIds,
} from './describe.ts';
import type { ExportDocument } from './selection.ts';

type Row = ExportDocument['rotations'][number];

const COLUMNS: ReadonlyArray<readonly [header: string, cell: (row: Row) => string]> = [
  ['Started (UTC)', ({ record }) => formatTime(record.startedAt)],
  ['Ended (UTC)', ({ record }) => formatTime(record.endedAt)],
  ['Outcome', ({ record }) => describeOutcome(record)],
  ['Org', ({ record }) => record.org.label + (record.org.practice ? ' (practice)' : '')],
  ['Org domain', ({ record }) => record.org.host],
  ['Environment', ({ record }) => record.org.environment],
  ['App ID', ({ record }) => record.app.id],
  ['Client ID', ({ record }) => record.app.clientId],
  ['Old secret IDs', ({ record }) => secretIds(record.oldSecrets)],
  ['Old secrets created (UTC)', ({ record }) => secretCreated(record.oldSecrets)],
  ['New secret ID', ({ record }) => record.newSecret?.id ?? ''],
  ['New secret created (UTC)', ({ record }) => (record.newSecret ? secretCreated([record.newSecret]) : '')],
  ['Deactivated', ({ record }) => record.deactivated.join('; ')],
  ['Deleted', ({ record }) => record.deleted.join('; ')],
  ['Reactivated by rollback', ({ record }) => record.reactivated.join('; ')],
  ['Retired before the rotation', ({ record }) => secretIds(record.retired)],
  ['Acted as (Okta)', ({ record }) => describeActors(record).okta],
  ['OS user', ({ record }) => describeActors(record).osUser],
  [
    'Verification',
    ({ record: { verification: v } }) => (v ? `${v.outcome} at ${formatTime(v.at)}: ${v.reason}` : 'not run'),
  ],
  ['Old secret watch (Okta System Log)', ({ record }) => describeWatch(record).join('\n')],
  ['Acknowledgements', ({ record }) => record.acknowledgements.map((d) => `${formatTime(d.at)}: ${d.text}`).join('\n')],
  ['Overrides', ({ record }) => record.overrides.map((d) => `${formatTime(d.at)}: ${d.text}`).join('\n')],
  ['Steps', ({ record }) => record.steps.map(describeStep).join('\n')],
  ['Okta System Log', ({ okta }) => describeOktaSection(okta)],
  [
    'Okta System Log events',
    ({ okta }) => (okta.status === 'listed' ? okta.capture.events.map(describeOktaEvent).join('\n') : ''),
  ],
  ['Report', ({ record }) => record.report.join('\n')],
  ['Rotation ID', ({ record }) => record.rotationId],
];

/** The header row's names, in order (the README's table of columns follows them). */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([header]) => header);

export function toCsv(doc: ExportDocument): string {
  const lines = [
    COLUMNS.map(([header]) => header),
    ...doc.rotations.map((row) => COLUMNS.map(([, cell]) => cell(row))),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  // Line breaks inside a cell are LF, as spreadsheets write them; rows end with CRLF.
  const text = safe.replace(/\r\n?/g, '\n');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
