// Which secrets the reminders speak of: a secret is due from `reminderDays` before it reaches `maxSecretAgeDays`
// (secretDue.ts) on; only ACTIVE secrets count (an inactive one authenticates nothing). Nothing here ever sees a secret value: ids, creation times and masked values only.
import { utcDate } from '../../presentation/time.ts';
import type { KnownOrg } from '../knownOrgs.ts';
import { DAY_MS, daysLeftOf, msUntilDue } from '../secretDue.ts';

export interface DueSecret {
  orgKey: string;
  appId: string;
  appLabel: string;
  secretId: string;
  masked: string;
  created: string;
  /** Whole days until the maximum age is reached, rounded up; 0 or negative once it is past. */
  daysLeft: number;
  overdue: boolean;
}

export function dueKey(orgKey: string, secretId: string): string {
  return `${orgKey}/${secretId}`;
}

export interface DueOptions {
  maxAgeDays: number;
  reminderDays: number;
  now: Date;
  /** Secrets the person snoozed (dueKey), until when (ISO). */
  snoozedUntil?: Readonly<Record<string, string>>;
}

/** The ACTIVE secrets due now in the orgs as last known, most overdue first; snoozed ones wait for their snooze. */
export function dueSecrets(
  known: ReadonlyMap<string, Pick<KnownOrg, 'app' | 'secrets'>>,
  opts: DueOptions,
): DueSecret[] {
  const out: DueSecret[] = [];
  for (const [orgKey, org] of known) {
    for (const s of org.secrets) {
      if (s.status !== 'ACTIVE') continue;
      const ms = msUntilDue(s.created, opts.maxAgeDays, opts.now);
      if (ms === undefined || ms > opts.reminderDays * DAY_MS) continue;
      const snooze = opts.snoozedUntil?.[dueKey(orgKey, s.id)];
      if (snooze !== undefined && Date.parse(snooze) > opts.now.getTime()) continue;
      out.push({
        orgKey,
        appId: org.app.id,
        appLabel: org.app.label,
        secretId: s.id,
        masked: s.masked,
        created: s.created,
        daysLeft: daysLeftOf(ms),
        overdue: ms <= 0,
      });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.orgKey.localeCompare(b.orgKey));
}

/** "Workflows secrets: 2 due": the status bar's text (its icon comes first). */
export function statusBarText(due: readonly DueSecret[]): string {
  return `$(bell) Workflows secrets: ${due.length} due`;
}

/** One line per due secret, for the status bar's tooltip and the notification. */
export function describeDueSecret(d: DueSecret, orgLabel: string, maxAgeDays: number): string {
  const age = `created ${utcDate(d.created)}`;
  return d.overdue
    ? `${orgLabel}: the Workflows secret ${d.masked} (${age}) is past the maximum age of ${maxAgeDays} days${d.daysLeft < 0 ? ` by ${-d.daysLeft} d` : ''}.`
    : `${orgLabel}: the Workflows secret ${d.masked} (${age}) reaches the maximum age of ${maxAgeDays} days in ${d.daysLeft} d.`;
}
