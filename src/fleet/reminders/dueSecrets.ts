// When a secret is due for rotation, as pure functions: no `vscode` import, so Node tests cover them. A secret is
// due from `reminderDays` before it reaches `maxSecretAgeDays` on; only ACTIVE secrets count (an inactive one
// authenticates nothing). Nothing here ever sees a secret value: ids, creation times and masked values only.

const DAY_MS = 24 * 60 * 60 * 1000;

interface SeenSecret {
  id: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  masked: string;
}

/** An org's Workflows app and its secrets as last listed (by the tree or the periodic check). */
export interface OrgSeen {
  appId: string;
  appLabel: string;
  seenAt: string;
  secrets: SeenSecret[];
}

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

/** Milliseconds until the secret reaches the maximum age (negative once past), or undefined for a bad date. */
function msUntilDue(created: string, maxAgeDays: number, now: Date): number | undefined {
  const ms = Date.parse(created);
  return Number.isNaN(ms) ? undefined : ms + maxAgeDays * DAY_MS - now.getTime();
}

/** Whole days until due, rounded up (a new secret is "due in 90 d"); past it, minus the whole days overdue. */
function daysLeftOf(ms: number): number {
  return ms > 0 ? Math.ceil(ms / DAY_MS) : -Math.floor(-ms / DAY_MS) || 0;
}

/** "due in 9 d", "7 d overdue", "overdue" (less than a day past): the days left until due, for the tree. */
export function describeDue(created: string, maxAgeDays: number, now: Date): string | undefined {
  const ms = msUntilDue(created, maxAgeDays, now);
  if (ms === undefined) return undefined;
  const days = daysLeftOf(ms);
  return ms > 0 ? `due in ${days} d` : days === 0 ? 'overdue' : `${-days} d overdue`;
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

/** The ACTIVE secrets due now, most overdue first; snoozed ones are left out until their snooze ends. */
export function dueSecrets(seen: Readonly<Record<string, OrgSeen>>, opts: DueOptions): DueSecret[] {
  const out: DueSecret[] = [];
  for (const [orgKey, org] of Object.entries(seen)) {
    for (const s of org.secrets) {
      if (s.status !== 'ACTIVE') continue;
      const ms = msUntilDue(s.created, opts.maxAgeDays, opts.now);
      if (ms === undefined || ms > opts.reminderDays * DAY_MS) continue;
      const snooze = opts.snoozedUntil?.[dueKey(orgKey, s.id)];
      if (snooze !== undefined && Date.parse(snooze) > opts.now.getTime()) continue;
      out.push({
        orgKey,
        appId: org.appId,
        appLabel: org.appLabel,
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
  const age = `created ${d.created.slice(0, 10)}`;
  return d.overdue
    ? `${orgLabel}: the Workflows secret ${d.masked} (${d.secretId}, ${age}) is past the maximum age of ${maxAgeDays} days${d.daysLeft < 0 ? ` by ${-d.daysLeft} d` : ''}.`
    : `${orgLabel}: the Workflows secret ${d.masked} (${d.secretId}, ${age}) reaches the maximum age of ${maxAgeDays} days in ${d.daysLeft} d.`;
}
