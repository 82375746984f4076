// How the rotation speaks to a person: times, ages and secrets in one convention, shared by the step stories and
// the checklist. Times are UTC and say so, as the tree and the error messages do: the extension host's clock and
// time zone may not be the person's (a remote host, code-server). Pure, tested in Node.
import type { SecretRef } from './journal.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15:28 UTC" on the day of `now` (UTC), "1 Dec 2026, 15:28 UTC" otherwise; '' for a time that does not parse. */
export function utcTime(iso: string | undefined, now: Date): string {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  const hhmm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  return sameUtcDay(d, now) ? hhmm : `${utcDate(d)}, ${hhmm}`;
}

/** "1 Dec 2026, 15:28 UTC" whatever the day, for what is read later (a report, a history); '' when it does not parse. */
export function utcDateTime(iso: string | undefined): string {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  return `${utcDate(d)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "1 Dec 2026". */
function utcDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

function sameUtcDay(a: Date, b: Date): boolean {
  return a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "created just now", "created 5 minutes ago", "created 3 hours ago", "created 97 days ago"; '' when unknown. */
function createdAgo(iso: string | undefined, now: Date): string {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const age = Math.max(0, now.getTime() - ms);
  if (age < MINUTE) return 'created just now';
  if (age < HOUR) return `created ${plural(Math.floor(age / MINUTE), 'minute')} ago`;
  if (age < DAY) return `created ${plural(Math.floor(age / HOUR), 'hour')} ago`;
  return `created ${plural(Math.floor(age / DAY), 'day')} ago`;
}

/** "1 secret", "2 secrets". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A secret as a person recognises it: "••••L6l1, created 97 days ago" (masked; the age when known). */
export function secretPhrase(s: Pick<SecretRef, 'masked' | 'created'> | undefined, now: Date): string {
  if (!s) return 'the secret';
  const age = createdAgo(s.created, now);
  return age ? `${s.masked}, ${age}` : s.masked;
}

/** A secret among others: "••••L6l1 (created 97 days ago)", with more said inside the parentheses when given. */
export function secretInList(s: Pick<SecretRef, 'masked' | 'created'>, now: Date, ...more: string[]): string {
  const notes = [createdAgo(s.created, now), ...more].filter((n) => n !== '');
  return notes.length > 0 ? `${s.masked} (${notes.join(', ')})` : s.masked;
}

/** "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
