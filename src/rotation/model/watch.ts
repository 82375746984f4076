// The watch of the old secret: after its deactivation, Okta's System Log is read for failed sign-ins of the app's
// client (a Workflows connection still on the old secret fails at its next token refresh). What the watch found is
// journaled here, look after look, so it survives a reload and is the evidence the history keeps. Ids, times, the
// event's client IP and user agent as Okta gave them, and which secret the event's hash names: never a secret value.
// Built on first use (z.lazy), like every journal schema.
import * as z from 'zod/mini';

/**
 * 'watching': looked, nothing that counts found, not yet long enough; 'clean': nothing for the whole length;
 * 'caught': a failure that counts (the old secret still presented); 'cannotWatch': Okta refused to read its log.
 */
const WATCH_STATUSES = ['watching', 'clean', 'caught', 'cannotWatch'] as const;

/**
 * Which secret a failure's event says was presented: one of the old secrets, the new one, another (a typo'd new
 * connection), none said (no hash, or the old secret's hash not known), or a grant refused for another reason than
 * the client's credentials (the client did authenticate).
 */
const FINDING_MATCHES = ['oldSecret', 'newSecret', 'otherSecret', 'unknownSecret', 'grantRefused'] as const;
export type FindingMatch = (typeof FINDING_MATCHES)[number];

/** A finding means a connection still uses the old secret: its hash is the old one's, or nothing says otherwise. */
export function countsAsOldSecret(match: FindingMatch): boolean {
  return match === 'oldSecret' || match === 'unknownSecret';
}

const Iso = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(40)));

const WatchFindingSchema = z.lazy(() =>
  z.strictObject({
    /** The System Log event's uuid: a failure is kept once, however many looks' windows overlap it. */
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    /** When Okta published it. */
    at: Iso,
    eventType: z.string().check(z.minLength(1), z.maxLength(100)),
    match: z.enum(FINDING_MATCHES),
    clientIp: z.optional(z.string().check(z.maxLength(64))),
    userAgent: z.optional(z.string().check(z.maxLength(300))),
  }),
);
export type WatchFinding = z.infer<typeof WatchFindingSchema>;

/** The person's word where Okta's record did not decide. */
const WATCH_DECISIONS = ['deleteDespiteFindings', 'confirmedWithoutWatch'] as const;

export const WatchSchema = z.lazy(() =>
  z.strictObject({
    /** From when the old secret was inactive (the deactivation): the watch counts from here. */
    since: Iso,
    /** How long a clean watch must last, as set at the last look (minutes). */
    minutes: z.number().check(z.minimum(0)),
    status: z.enum(WATCH_STATUSES),
    /** How many times the log was read. */
    looks: z.int().check(z.minimum(0)),
    /** The end of the log read so far: the watch covers since → checkedUntil. */
    checkedUntil: z.optional(Iso),
    lastLookAt: z.optional(Iso),
    /** While watching: when the next look is due. */
    nextLookAt: z.optional(Iso),
    /** Oldest first, at most MAX_FINDINGS kept. */
    findings: z.array(WatchFindingSchema),
    /** Failures found beyond those kept. */
    moreFindings: z.optional(z.int().check(z.minimum(0))),
    /** Okta refused to read its log: its errorId, for Okta Support. */
    notPermitted: z.optional(z.strictObject({ errorId: z.optional(z.string().check(z.maxLength(100))) })),
    decision: z.optional(z.strictObject({ kind: z.enum(WATCH_DECISIONS), at: Iso })),
  }),
);
export type Watch = z.infer<typeof WatchSchema>;

/** The findings a journal keeps; more are counted, not kept (a typo'd connection fails every few seconds). */
export const MAX_FINDINGS = 20;

/** How long the watch has covered so far (ms). */
export function watchedMs(watch: Pick<Watch, 'since' | 'checkedUntil'>): number {
  if (!watch.checkedUntil) return 0;
  return Math.max(0, Date.parse(watch.checkedUntil) - Date.parse(watch.since));
}

/** The findings that mean the old secret is still presented. */
export function countingFindings(watch: Pick<Watch, 'findings'>): WatchFinding[] {
  return watch.findings.filter((f) => countsAsOldSecret(f.match));
}
