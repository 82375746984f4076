// The words the CSV and the Markdown report share: who acted, each step, each of Okta's events, with times as a
// spreadsheet reads them in the CSV and as people read them in the report. One place, so both formats say the same thing the same way.
import { spreadsheetTime } from '../presentation/time.ts';
import { watchEvidence } from '../presentation/watch.ts';
import type { OktaLogSection } from './oktaLog.ts';
import type { Actor, HistoryRecord, LogParty, OktaLogEvent, SecretEntry, StepEntry } from './record.ts';

/** A time in a CSV cell: '2026-11-26 09:00:01' (UTC), as spreadsheets read it. */
export const formatTime = spreadsheetTime;

const OUTCOMES: Record<HistoryRecord['outcome'], string> = {
  inProgress: 'in progress',
  completed: 'completed',
  rolledBack: 'rolled back',
  abandoned: 'abandoned',
};

export function describeOutcome(record: HistoryRecord): string {
  return OUTCOMES[record.outcome];
}

/** The Okta identity: "admin@acme.com (Okta user 00u…, API token)", "service app, client id 0oa…". */
function describeOktaIdentity(actor: Actor): string {
  if (actor.credential === 'serviceApp') return `service app, client id ${actor.clientId ?? 'not recorded'}`;
  if (actor.credential === 'apiToken') {
    const who = actor.oktaLogin
      ? `${actor.oktaLogin} (${actor.oktaUserId ? `Okta user ${actor.oktaUserId}, ` : ''}API token)`
      : 'API token, admin not known';
    return actor.note ? `${who}: ${actor.note}` : who;
  }
  return actor.note ?? 'not recorded';
}

export function describeActors(record: HistoryRecord): { okta: string; osUser: string } {
  if (record.actors.length === 0)
    return { okta: 'not recorded (the rotation predates the history)', osUser: 'not recorded' };
  return {
    okta: record.actors.map(describeOktaIdentity).join('; '),
    osUser: [...new Set(record.actors.map((a) => a.osUser))].join('; '),
  };
}

export function secretIds(secrets: readonly SecretEntry[]): string {
  return secrets.map((s) => s.id).join('; ');
}

export function secretCreated(secrets: readonly SecretEntry[]): string {
  return secrets.map((s) => formatTime(s.created) || 'not recorded').join('; ');
}

const STATES: Readonly<Record<StepEntry['state'], string>> = {
  pending: 'not done',
  running: 'running',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
  uncertain: 'outcome unknown (Okta not read back yet)',
};

/** A step's state as the exports say it ("not done", "skipped"). */
export function describeStepState(step: Pick<StepEntry, 'state'>): string {
  return STATES[step.state];
}

/** "3. Create the new secret: done, 2026-11-26 09:00:03 to 09:00:04 (note)". */
export function describeStep(step: StepEntry, index: number): string {
  const times =
    step.startedAt && step.endedAt
      ? `, ${formatTime(step.startedAt)} to ${formatTime(step.endedAt).slice(11)}`
      : step.endedAt || step.startedAt
        ? `, ${formatTime(step.endedAt ?? step.startedAt)}`
        : '';
  const who = step.kind === 'manual' ? ' (by the person)' : '';
  const note = step.note ? ` (${step.note})` : '';
  const error = step.error
    ? ` [${step.error.kind}${step.error.errorId ? `, Okta error ID ${step.error.errorId}` : ''}: ${step.error.message}]`
    : '';
  return `${index + 1}. ${step.label}${who}: ${STATES[step.state]}${times}${note}${error}`;
}

export function describeParty(p: LogParty | undefined): string {
  if (!p) return '';
  const name = p.alternateId ?? p.displayName ?? p.id ?? '';
  const kind = [p.type, p.alternateId || p.displayName ? p.id : undefined].filter(Boolean).join(' ');
  return kind ? `${name} (${kind})` : name;
}

/**
 * "2026-11-26 09:00:03 app.oauth2.credentials.lifecycle.create SUCCESS by admin@acme.com (User 00u…) on Client
 * secret (OAuth2ClientSecret ocs…): Create … [event 1b2…]": the targets besides the app itself (the secret) named.
 */
export function describeOktaEvent(e: OktaLogEvent): string {
  const outcome = e.outcome ? ` ${e.outcome}` : '';
  const actor = e.actor ? ` by ${describeParty(e.actor)}` : '';
  const others = e.targets.filter((t) => t.type !== 'AppInstance');
  const on = others.length > 0 ? ` on ${others.map(describeParty).join(', ')}` : '';
  const message = e.displayMessage ? `: ${e.displayMessage}` : '';
  return `${formatTime(e.published)} ${e.eventType}${outcome}${actor}${on}${message} [event ${e.uuid}]`;
}

/** What the System Log column says before the events: how many, and from when, or why there are none. */
export function describeOktaSection(section: OktaLogSection, time: (iso: string) => string = formatTime): string {
  if (section.status !== 'listed') {
    const head =
      section.status === 'notPermitted' ? 'Not permitted' : section.status === 'failed' ? 'Failed' : 'Not queried';
    return `${head}: ${section.detail}`;
  }
  const c = section.capture;
  const n = c.events.length;
  const when = section.fromHistory ? `kept from the query of ${time(c.queriedAt)}` : `queried ${time(c.queriedAt)}`;
  return `${n} event${n === 1 ? '' : 's'} with the app as target, ${time(c.since)} to ${time(c.until)} (${when})`;
}

/** The watch of the old secret in Okta's System Log, as sentences: from when to when, what it found, who decided. */
export function describeWatch(record: HistoryRecord): string[] {
  return record.watch
    ? watchEvidence(record.watch)
    : ['Not watched (no old secret was deactivated, or the rotation predates the watch).'];
}
