// When a secret is due for rotation: at `maxSecretAgeDays` after its creation. The tree says how long until then,
// the reminders warn `reminderDays` before, the campaign picks the orgs whose oldest active secret is past it.
// Only the creation time is read here.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The secret's age in days (fractional), or undefined for a creation time that is not a date. */
export function ageInDays(created: string, now: Date): number | undefined {
  const ms = Date.parse(created);
  return Number.isNaN(ms) ? undefined : (now.getTime() - ms) / DAY_MS;
}

/** Milliseconds until the secret reaches the maximum age (negative once past), or undefined for a bad date. */
export function msUntilDue(created: string, maxAgeDays: number, now: Date): number | undefined {
  const ms = Date.parse(created);
  return Number.isNaN(ms) ? undefined : ms + maxAgeDays * DAY_MS - now.getTime();
}

/** Whole days until due, rounded up (a new secret is "due in 90 d"); past it, minus the whole days overdue. */
export function daysLeftOf(msUntil: number): number {
  return msUntil > 0 ? Math.ceil(msUntil / DAY_MS) : -Math.floor(-msUntil / DAY_MS) || 0;
}

/** "due in 9 d", "7 d overdue", "overdue" (less than a day past): the days left until due. */
export function describeDue(created: string, maxAgeDays: number, now: Date): string | undefined {
  const ms = msUntilDue(created, maxAgeDays, now);
  if (ms === undefined) return undefined;
  const days = daysLeftOf(ms);
  return ms > 0 ? `due in ${days} d` : days === 0 ? 'overdue' : `${-days} d overdue`;
}
