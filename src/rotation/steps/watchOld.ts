// Step 9: watch the deactivated old secret in Okta's own record before it is deleted. A Workflows connection left on
// it keeps working until its token next refreshes, then fails client authentication at the org's token endpoint,
// which the System Log records. Each run is one look: the secrets listed (drift, and an old secret active again
// restarts the watch), then the log read from the deactivation (or the last look, overlapping it: Okta may publish an
// event late) to now, every failure kept once by its event id. A failure naming the old secret's hash, or naming no
// secret, is a connection still using it: caught, and the delete waits for Roll back or the person's journaled
// override. Nothing for the watch's whole length: done, the delete comes next. Okta refusing to read its log: the
// person's confirmation instead, recorded as theirs.
import type { ClientAuthFailure } from '../../okta/clientAuthFailures.ts';
import { RotationError } from '../errors.ts';
import type { NextAction } from '../model/actions.ts';
import type { RotationJournal } from '../model/journal.ts';
import {
  countsAsOldSecret,
  MAX_FINDINGS,
  watchedMs,
  type FindingMatch,
  type Watch,
  type WatchFinding,
} from '../model/watch.ts';
import type { ApiStepModule, StepContext, StepEnd } from './context.ts';
import { noteDrift } from './drift.ts';
import { confirmedOldIds } from './secrets.ts';

/** How far each look reads back before the last one's end (and before the deactivation: clocks differ a little). */
const WATCH_OVERLAP_MS = 2 * 60_000;
/** How often a watch left running looks again (the VS Code window's own timer asks; a person may look sooner). */
const WATCH_LOOK_EVERY_MS = 5 * 60_000;
const MINUTE_MS = 60_000;

export const watchOld: ApiStepModule<'watchOld'> = {
  id: 'watchOld',
  kind: 'api',
  async run(ctx) {
    const appId = ctx.journal.app.id;
    const listed = await ctx.okta.listSecrets(appId, ctx.signal);
    await noteDrift(ctx, listed);
    const active = confirmedOldIds(ctx.journal).filter((id) =>
      listed.some((s) => s.id === id && s.status === 'ACTIVE'),
    );
    if (active.length > 0) {
      // While the old secret is active, a connection using it fails nowhere: whatever was watched proves nothing.
      await ctx.update((j) => {
        delete j.watch;
      });
      throw new RotationError(
        'unexpectedState',
        `${ctx.where}: the old secret ${active.join(', ')} is active again in Okta (changed outside this checklist). While it is active, no failed sign-in can show a flow still using it. Deactivate it again in the Admin Console and look again (the watch starts over), or roll back.`,
      );
    }
    const now = new Date(ctx.now());
    const watch = ctx.journal.watch ?? newWatch(ctx.journal, now);
    const from = new Date(Date.parse(watch.checkedUntil ?? watch.since) - WATCH_OVERLAP_MS);
    const until = new Date(Math.max(now.getTime(), from.getTime() + 1));
    const answer = await ctx.okta.listClientAuthFailures(
      { appId, clientId: ctx.journal.app.clientId || appId, since: from, until },
      ctx.signal,
    );
    const minutes = ctx.watchMinutes;
    if (answer.status === 'notPermitted') {
      const next: Watch = {
        ...watch,
        minutes,
        status: 'cannotWatch',
        lastLookAt: now.toISOString(),
        notPermitted: answer.errorId ? { errorId: answer.errorId } : {},
      };
      delete next.nextLookAt;
      await ctx.update((j) => {
        j.watch = next;
      });
      return { state: 'pending', result: { watch: 'cannotWatch' } };
    }
    const next = lookedAgain(watch, ctx.journal, answer.failures, {
      minutes,
      now,
      until: answer.until,
    });
    await ctx.update((j) => {
      j.watch = next;
    });
    return endOf(next);
  },
  offers: offersOf,
  async confirm(ctx) {
    // Offered only when Okta refused to read its log: the person's word that every flow moved, recorded as such.
    await ctx.update((j) => {
      if (j.watch) j.watch.decision = { kind: 'confirmedWithoutWatch', at: ctx.now() };
      j.steps.watchOld = {
        state: 'done',
        startedAt: j.steps.watchOld.startedAt ?? ctx.now(),
        endedAt: ctx.now(),
        result: { ...j.steps.watchOld.result, decision: 'confirmedWithoutWatch' },
      };
    });
  },
};

function offersOf(journal: RotationJournal): NextAction[] {
  switch (journal.watch?.status) {
    case 'caught':
      // Roll back is offered beside it (the rotation's way out); the delete only after this explicit override.
      return [{ type: 'override', guard: 'oldSecretStillUsed' }];
    case 'cannotWatch':
      return [
        { type: 'confirm', step: 'watchOld' },
        { type: 'run', step: 'watchOld' },
      ];
    default:
      return [{ type: 'run', step: 'watchOld' }];
  }
}

/** The person's override of a catch: the delete goes ahead although a connection still used the old secret. */
export async function overrideWatch(ctx: StepContext): Promise<void> {
  await ctx.update((j) => {
    if (j.watch) j.watch.decision = { kind: 'deleteDespiteFindings', at: ctx.now() };
    j.steps.watchOld = {
      state: 'done',
      startedAt: j.steps.watchOld.startedAt ?? ctx.now(),
      endedAt: ctx.now(),
      result: { ...j.steps.watchOld.result, decision: 'deleteDespiteFindings' },
    };
  });
}

/**
 * A watch starting now: from the deactivation (the deactivation step's start: nothing could fail before it), or
 * from the last time an old secret was seen deactivated outside the extension after it had been active again.
 */
function newWatch(journal: RotationJournal, now: Date): Watch {
  const old = new Set(confirmedOldIds(journal));
  const d = journal.steps.deactivateOld;
  const times = [
    d.startedAt ?? d.endedAt ?? now.toISOString(),
    ...(journal.outsideChanges ?? [])
      .filter((c) => old.has(c.secretId) && (c.change === 'deactivated' || c.change === 'activated'))
      .map((c) => c.at),
  ];
  const since = times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return { since, minutes: 0, status: 'watching', looks: 0, findings: [] };
}

/** The watch after one more look: its findings merged (each event once), how far it covered, what it concludes. */
function lookedAgain(
  watch: Watch,
  journal: RotationJournal,
  failures: readonly ClientAuthFailure[],
  look: { minutes: number; now: Date; until: Date },
): Watch {
  const findings = [...watch.findings];
  let more = watch.moreFindings ?? 0;
  const previousEnd = watch.checkedUntil ? Date.parse(watch.checkedUntil) : Number.NEGATIVE_INFINITY;
  for (const f of failures) {
    if (findings.some((k) => k.id === f.id)) continue;
    if (findings.length < MAX_FINDINGS) findings.push(findingOf(f, journal));
    // Beyond the kept ones, only failures after the last look's end are new (the overlap repeats some).
    else if (Date.parse(f.published) >= previousEnd) more++;
  }
  const covered = { since: watch.since, checkedUntil: look.until.toISOString() };
  const requiredMs = look.minutes * MINUTE_MS;
  const caught = findings.some((f) => countsAsOldSecret(f.match));
  const status = caught ? 'caught' : watchedMs(covered) >= requiredMs ? 'clean' : 'watching';
  const next: Watch = {
    since: watch.since,
    minutes: look.minutes,
    status,
    looks: watch.looks + 1,
    checkedUntil: covered.checkedUntil,
    lastLookAt: look.now.toISOString(),
    findings,
    ...(more > 0 ? { moreFindings: more } : {}),
    ...(watch.decision ? { decision: watch.decision } : {}),
  };
  if (status === 'watching') {
    const end = Date.parse(watch.since) + requiredMs;
    next.nextLookAt = new Date(Math.min(look.now.getTime() + WATCH_LOOK_EVERY_MS, end)).toISOString();
  }
  return next;
}

function endOf(watch: Watch): StepEnd {
  const result = {
    watch: watch.status,
    watchedMinutes: Math.floor(watchedMs(watch) / MINUTE_MS),
    failures: watch.findings.length + (watch.moreFindings ?? 0),
  };
  return { state: watch.status === 'clean' ? 'done' : 'pending', result };
}

/** One failure as the journal keeps it, with which secret its event names. */
function findingOf(f: ClientAuthFailure, journal: RotationJournal): WatchFinding {
  return {
    id: f.id.slice(0, 100),
    at: f.published.slice(0, 40),
    eventType: f.eventType.slice(0, 100),
    match: matchOf(f, journal),
    ...(f.clientIp ? { clientIp: f.clientIp.slice(0, 64) } : {}),
    ...(f.userAgent ? { userAgent: f.userAgent.slice(0, 300) } : {}),
  };
}

const GRANT_FAILURE = 'app.oauth2.token.grant';

/**
 * Which secret the failure presented, by the event's hash. Without a hash, a refused grant whose reason is not the
 * client's credentials (an expired refresh token) means the client did authenticate: not the old secret. Anything
 * else that does not name another secret counts: the watch errs toward keeping the old secret.
 */
function matchOf(f: ClientAuthFailure, journal: RotationJournal): FindingMatch {
  const hashOf = (id: string): string | undefined =>
    [
      ...(journal.identify?.candidates ?? []),
      ...journal.preflight.secrets,
      ...(journal.inUse ? [journal.inUse] : []),
    ].find((s) => s.id === id && s.hash !== undefined)?.hash;
  if (f.secretHash === undefined) {
    const clientRefused = f.reason === undefined || /client/i.test(f.reason);
    return f.eventType === GRANT_FAILURE && !clientRefused ? 'grantRefused' : 'unknownSecret';
  }
  const oldHashes = confirmedOldIds(journal).map(hashOf);
  if (oldHashes.includes(f.secretHash)) return 'oldSecret';
  if (journal.newSecret?.hash === f.secretHash) return 'newSecret';
  return oldHashes.every((h) => h !== undefined) ? 'otherSecret' : 'unknownSecret';
}
