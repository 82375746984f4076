// The export as a Markdown report: a summary table (one line per rotation), then one section per rotation with
// who acted, which secret replaced which, the decisions, every step and Okta's System Log events. Text from
// people and from Okta is escaped so it cannot break the tables or inject markup.
import {
  describeActors,
  describeOktaSection,
  describeOutcome,
  describeParty,
  describeStepState,
  describeWatch,
} from './describe.ts';
import { utcDateTime } from '../presentation/time.ts';
import type { HistoryRecord, SecretEntry, StepEntry } from './record.ts';
import { describeSelection, type ExportDocument } from './selection.ts';

type Row = ExportDocument['rotations'][number];

export function toMarkdown(doc: ExportDocument): string {
  const n = doc.rotations.length;
  const out = [
    '# Okta Workflows secret rotations',
    '',
    `Exported ${utcDateTime(doc.exportedAt)} by ${text(doc.exportedBy)}: ${text(describeSelection(doc.selection))}; ${n} rotation${n === 1 ? '' : 's'}. Times are UTC.`,
    '',
  ];
  if (n === 0) return [...out, 'No rotation matches.', ''].join('\n');
  out.push(
    '| Started | Org | Environment | Outcome | Old secret → new secret | Acted as (Okta) | OS user |',
    '|---|---|---|---|---|---|---|',
  );
  // One push per line: a long history (or a long System Log) never becomes as many call arguments.
  for (const { record: r } of doc.rotations) {
    const who = describeActors(r);
    const change = `${r.oldSecrets.map((s) => code(s.id)).join(', ') || 'none'} → ${r.newSecret ? code(r.newSecret.id) : 'none'}`;
    out.push(
      `| ${cells(utcDateTime(r.startedAt), r.org.label, r.org.environment, describeOutcome(r))} | ${change} | ${cells(who.okta, who.osUser)} |`,
    );
  }
  out.push('');
  for (const row of doc.rotations) for (const line of section(row)) out.push(line);
  return out.join('\n');
}

function section({ record: r, okta }: Row): string[] {
  const who = describeActors(r);
  const v = r.verification;
  return [
    `## ${text(r.org.label)}: ${describeOutcome(r)}, started ${utcDateTime(r.startedAt)}`,
    '',
    `- Org: ${text(r.org.label)}${r.org.practice ? ' (practice org)' : ''}, ${code(r.org.host)}, ${r.org.environment}`,
    `- App: ${text(r.app.label)} ${code(r.app.id)}, client id ${code(r.app.clientId)}`,
    `- Rotation: ${code(r.rotationId)}, ${utcDateTime(r.startedAt)} to ${r.endedAt ? utcDateTime(r.endedAt) : 'not ended yet'}${r.mode === 'reauthorize' ? '; the existing connection was re-authorized' : ''}`,
    `- Acted as (Okta): ${text(who.okta)}; OS user: ${text(who.osUser)}`,
    `- Old secret${r.oldSecrets.length === 1 ? '' : 's'}: ${secrets(r.oldSecrets)}`,
    `- New secret: ${r.newSecret ? secrets([r.newSecret]) : 'none created'}`,
    ...secretChanges(r),
    `- Verification: ${v ? `${v.outcome} at ${utcDateTime(v.at)} (${text(v.reason)})` : 'not run'}`,
    ...r.acknowledgements.map((d) => `- Acknowledged ${utcDateTime(d.at)}: ${text(d.text)}`),
    ...r.overrides.map((d) => `- Override ${utcDateTime(d.at)}: ${text(d.text)}`),
    ...r.report.map((s) => `- ${text(s)}`),
    '',
    '### Watch of the old secret',
    '',
    ...describeWatch(r).map((s) => `- ${text(s)}`),
    '',
    '### Steps',
    '',
    '| # | Step | By | State | Started | Ended | Note |',
    '|---|---|---|---|---|---|---|',
    ...r.steps.map(stepRow),
    '',
    "### Okta's System Log",
    '',
    text(describeOktaSection(okta, utcDateTime)),
    '',
    ...(okta.status === 'listed' && okta.capture.events.length > 0
      ? [
          '| Time | Event type | Outcome | Actor | Targets | Message | Event id |',
          '|---|---|---|---|---|---|---|',
          ...okta.capture.events.map(
            (e) =>
              `| ${cells(utcDateTime(e.published), e.eventType, e.outcome ?? '', describeParty(e.actor), e.targets.map(describeParty).join('; '), e.displayMessage ?? '', e.uuid)} |`,
          ),
          '',
        ]
      : []),
  ];
}

function secretChanges(r: HistoryRecord): string[] {
  const lines: string[] = [];
  if (r.retired.length > 0) lines.push(`- Retired before the new secret was created: ${secrets(r.retired)}`);
  if (r.deactivated.length > 0) lines.push(`- Deactivated: ${r.deactivated.map(code).join(', ')}`);
  if (r.deleted.length > 0) lines.push(`- Deleted: ${r.deleted.map(code).join(', ')}`);
  if (r.reactivated.length > 0) lines.push(`- Reactivated by the rollback: ${r.reactivated.map(code).join(', ')}`);
  return lines;
}

function stepRow(s: StepEntry, i: number): string {
  const error = s.error
    ? `${s.error.kind}${s.error.errorId ? ` (Okta error ID ${s.error.errorId})` : ''}: ${s.error.message}`
    : '';
  const note = [s.note, error].filter(Boolean).join('; ');
  const by = s.kind === 'manual' ? 'person' : 'extension';
  return `| ${i + 1} | ${cells(s.label, by, describeStepState(s), utcDateTime(s.startedAt), utcDateTime(s.endedAt), note)} |`;
}

function secrets(list: readonly SecretEntry[]): string {
  if (list.length === 0) return 'none recorded';
  return list
    .map((s) => `${code(s.id)}${s.masked ? ` ${s.masked}` : ''}, created ${utcDateTime(s.created) || 'not recorded'}`)
    .join('; ');
}

/** Table cells: each escaped, joined by the column separator. */
function cells(...values: string[]): string {
  return values.map(text).join(' | ');
}

/** Text from people or Okta, safe in a Markdown line and table cell: markup characters escaped, one line. */
function text(value: string): string {
  return value.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#!])/g, '\\$1');
}

/** An id in code style; ids are [A-Za-z0-9._-] in Okta, anything else is escaped as text. */
function code(value: string): string {
  return /^[\w.@:-]+$/.test(value) ? `\`${value}\`` : text(value);
}
