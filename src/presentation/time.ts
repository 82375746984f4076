// How the extension writes a time or a duration for a person: one convention everywhere (the tree, the checklist,
// the campaign, errors, confirmations, pickers, notifications, exports). Times are UTC and say so: the extension
// host's clock and time zone may not be the person's (a remote host, code-server). "15:28 UTC" on today's date,
// "1 Dec 2026, 15:28 UTC" otherwise, or always with the date for what is read later (a report, a history).
// A leaf: it imports nothing, so every layer may use it. Pure, tested in Node.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type When = string | Date | undefined;

function msOf(when: When): number {
  if (when === undefined) return Number.NaN;
  return when instanceof Date ? when.getTime() : Date.parse(when);
}

/**
 * "15:28 UTC" on the day of `now` (UTC), "1 Dec 2026, 15:28 UTC" otherwise; '' for a time that does not parse.
 * `roundUp`: the next whole minute, for a time something may happen after ("try again after 15:29 UTC").
 */
export function utcTime(when: When, now: Date, options: { roundUp?: boolean } = {}): string {
  let ms = msOf(when);
  if (Number.isNaN(ms)) return '';
  if (options.roundUp === true) ms = Math.ceil(ms / MINUTE) * MINUTE;
  const d = new Date(ms);
  return sameUtcDay(d, now) ? hhmm(d) : `${utcDateOf(d)}, ${hhmm(d)}`;
}

/** "1 Dec 2026, 15:28 UTC" whatever the day, for what is read later (a report, a history); '' when it does not parse. */
export function utcDateTime(when: When): string {
  const ms = msOf(when);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  return `${utcDateOf(d)}, ${hhmm(d)}`;
}

/**
 * A stretch of time: "14:02–15:17 UTC" within the day of `now`; "1 Dec 2026, 14:02–15:17 UTC" within another day (or
 * always with `withDate`, for what is read later); "1 Dec 2026, 23:50 UTC to 2 Dec 2026, 00:40 UTC" across days.
 */
export function utcSpan(from: When, to: When, now: Date, options: { withDate?: boolean } = {}): string {
  const a = msOf(from);
  const b = msOf(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return '';
  const [da, db] = [new Date(a), new Date(b)];
  if (!sameUtcDay(da, db)) return `${utcDateOf(da)}, ${hhmm(da)} to ${utcDateOf(db)}, ${hhmm(db)}`;
  const times = `${hhmm(da).replace(' UTC', '')}–${hhmm(db)}`;
  return options.withDate === true || !sameUtcDay(da, now) ? `${utcDateOf(da)}, ${times}` : times;
}

/** "1 Dec 2026" (UTC); '' when it does not parse. */
export function utcDate(when: When): string {
  const ms = msOf(when);
  return Number.isNaN(ms) ? '' : utcDateOf(new Date(ms));
}

/**
 * '2026-11-26 09:00:01': a UTC time as spreadsheets read it, for the CSV export's cells (a machine's column, not a
 * sentence). Text that does not parse is kept as is, so nothing recorded is lost.
 */
export function spreadsheetTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "created just now", "created 5 minutes ago", "created 3 hours ago", "created 97 days ago"; '' when unknown. */
export function createdAgo(when: When, now: Date): string {
  const age = ageMs(when, now);
  if (age === undefined) return '';
  if (age < MINUTE) return 'created just now';
  if (age < HOUR) return `created ${countOf(Math.floor(age / MINUTE), 'minute')} ago`;
  if (age < DAY) return `created ${countOf(Math.floor(age / HOUR), 'hour')} ago`;
  return `created ${countOf(Math.floor(age / DAY), 'day')} ago`;
}

/** "just now", "5 min", "3 h", "12 d": an age short enough for a tree item's description; '' when unknown. */
export function shortAge(when: When, now: Date): string {
  const age = ageMs(when, now);
  if (age === undefined) return '';
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h`;
  return `${Math.floor(age / DAY)} d`;
}

/** "45 s", "3 min", "2 h": how long a wait or a watch lasts, rounded for a person. */
export function duration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function ageMs(when: When, now: Date): number | undefined {
  const ms = msOf(when);
  return Number.isNaN(ms) ? undefined : Math.max(0, now.getTime() - ms);
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function utcDateOf(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
}

function hhmm(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

function sameUtcDay(a: Date, b: Date): boolean {
  return a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
