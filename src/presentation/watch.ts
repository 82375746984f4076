// The watch of the old secret in words, the same everywhere it is read: the checklist's step, a campaign row, the
// tree, the status bar, the history and its exports. What Okta's System Log showed (how long, what it found: when,
// from which client IP and user agent, with which secret) and, where Okta's record did not decide, the person's word,
// said as such. Pure, tested in Node.
import { currentStepOf, type RotationJournal } from '../rotation/model/journal.ts';
import { countingFindings, watchedMs, type Watch, type WatchFinding } from '../rotation/model/watch.ts';
import { plural } from './phrases.ts';
import { duration, utcDateTime, utcSpan, utcTime } from './time.ts';

const MINUTE_MS = 60_000;

/** "75 min": how long the watch must last. */
export function watchLength(watch: Pick<Watch, 'minutes'>): string {
  return watch.minutes === 0 ? 'one look' : duration(watch.minutes * MINUTE_MS);
}

/** "14:02–15:17 UTC": what the watch covered so far. */
export function watchedSpan(watch: Watch, now: Date, withDate = false): string {
  return utcSpan(watch.since, watch.checkedUntil ?? watch.since, now, { withDate });
}

const SECRET_WORDS: Readonly<Record<WatchFinding['match'], string>> = {
  oldSecret: 'with the old secret',
  unknownSecret: 'without saying which secret (so counted as the old one)',
  newSecret: 'with the new secret',
  otherSecret: 'with a secret that is neither the old nor the new one (a mistyped secret?)',
  grantRefused: 'and was refused for its token, not its secret (not the old secret)',
};

/** "a failed sign-in at 14:05 UTC from 127.0.0.42 (okta-workflows/1.0) with the old secret". */
export function findingInWords(f: WatchFinding, now: Date, withDate = false): string {
  const when = withDate ? utcDateTime(f.at) : utcTime(f.at, now);
  const from = [f.clientIp ? `from ${f.clientIp}` : '', f.userAgent ? `(${f.userAgent})` : '']
    .filter(Boolean)
    .join(' ');
  return `a failed sign-in at ${when}${from ? ` ${from}` : ''} ${SECRET_WORDS[f.match]}`;
}

/** The failure that caught the old secret (the first), or undefined. */
export function firstCatch(watch: Watch | undefined): WatchFinding | undefined {
  return watch ? countingFindings(watch)[0] : undefined;
}

/**
 * The watch in one line, for a row, a tree item or a tooltip: "Watched 12 min of 75 min: nothing found; next look at
 * 14:20 UTC", "Old secret unused for 75 min (14:02–15:17 UTC)", "A connection still uses the old secret: …".
 */
export function watchLine(journal: Pick<RotationJournal, 'watch'>, now: Date): string {
  const w = journal.watch;
  if (!w) return 'Old secret deactivated: not watched yet';
  if (w.decision?.kind === 'deleteDespiteFindings')
    return 'You chose to delete although a connection used the old secret';
  if (w.decision?.kind === 'confirmedWithoutWatch')
    return 'You confirmed every flow moved (the System Log could not be read)';
  switch (w.status) {
    case 'watching':
      return `Watched ${duration(watchedMs(w))} of ${watchLength(w)}: nothing found${w.nextLookAt ? `; next look at ${utcTime(w.nextLookAt, now, { roundUp: true })}` : ''}`;
    case 'clean':
      return `Old secret unused for ${duration(watchedMs(w))} (${watchedSpan(w, now)})`;
    case 'caught': {
      const f = firstCatch(w);
      return `A connection still uses the old secret${f ? `: ${findingInWords(f, now)}` : ''}`;
    }
    case 'cannotWatch':
      return 'Cannot watch: Okta refused to read its System Log';
  }
}

/** What the delete rests on, in a sentence: Okta's record, or the person's word. */
export function watchBasis(watch: Watch, now: Date): string {
  if (watch.decision?.kind === 'deleteDespiteFindings')
    return "Okta's System Log showed a connection still using the old secret, and you chose to delete it anyway.";
  if (watch.decision?.kind === 'confirmedWithoutWatch')
    return "Okta's System Log could not be read: the delete rests on your confirmation that every flow moved.";
  return `Okta's System Log shows no failed sign-in of this app's client with the old secret for ${duration(watchedMs(watch))} (${watchedSpan(watch, now)}): no flow uses it.`;
}

/**
 * The evidence as an auditor reads it, with dates: "Old secret unused, per Okta's System Log: no failed sign-in of the
 * app's client from 1 Dec 2026, 14:02–15:17 UTC (75 min; 16 looks)." Or what was found, or the person's word.
 */
export function watchEvidence(watch: Watch): string[] {
  const at = new Date(0);
  const span = watchedSpan(watch, at, true);
  const looks = plural(watch.looks, 'look');
  const lines: string[] = [];
  switch (watch.status) {
    case 'clean':
      lines.push(
        `Old secret unused, per Okta's System Log: no failed sign-in of the app's client from ${span} (${duration(watchedMs(watch))} watched of ${watchLength(watch)} required; ${looks}).`,
      );
      break;
    case 'watching':
      lines.push(
        `Watched ${span} (${duration(watchedMs(watch))} of ${watchLength(watch)}; ${looks}): no failed sign-in with the old secret so far; the watch did not end.`,
      );
      break;
    case 'caught':
      lines.push(
        `Old secret still used, per Okta's System Log: ${plural(countingFindings(watch).length, 'failed sign-in')} with it between ${span} (${looks}).`,
      );
      break;
    case 'cannotWatch':
      lines.push(
        `Not watched: Okta refused to read its System Log${watch.notPermitted?.errorId ? ` (Okta error ID ${watch.notPermitted.errorId})` : ''}.`,
      );
      break;
  }
  for (const f of watch.findings) lines.push(`Okta logged ${findingInWords(f, at, true)} [event ${f.id}].`);
  if (watch.moreFindings) lines.push(`And ${plural(watch.moreFindings, 'more failed sign-in')}, not kept.`);
  const d = watch.decision;
  if (d?.kind === 'deleteDespiteFindings')
    lines.push(`${utcDateTime(d.at)}: the person chose to delete the old secret although a connection still used it.`);
  if (d?.kind === 'confirmedWithoutWatch')
    lines.push(
      `${utcDateTime(d.at)}: the person confirmed that every flow uses the new connection. This is their word, not Okta's record.`,
    );
  return lines;
}

/** A rotation's watch in a few words; `alert`: a connection still uses the old secret, or the log cannot be read. */
export interface WatchNote {
  text: string;
  alert: boolean;
}

/**
 * A rotation's watch as a tree item says it, short, when the watch is where the rotation stands (at the watch, or
 * at the delete after it); undefined otherwise.
 */
export function watchNote(journal: RotationJournal): WatchNote | undefined {
  if (journal.outcome !== 'inProgress') return undefined;
  const at = currentStepOf(journal);
  const w = journal.watch;
  const note = (text: string, alert = false): WatchNote => ({ text, alert });
  if (at === 'deleteOld' && w) return note(w.decision ? 'delete the old secret' : 'watch done: delete the old secret');
  if (at !== 'watchOld') return undefined;
  switch (w?.status) {
    case undefined:
      return note('old secret deactivated: watch starting');
    case 'caught':
      return note('old secret still used: roll back', true);
    case 'cannotWatch':
      return note('cannot watch: see the checklist', true);
    case 'watching':
    case 'clean':
      return note(`watching: ${duration(watchedMs(w))} of ${watchLength(w)}`);
  }
}

export interface WatchEntry {
  /** The org as the person named it. */
  label: string;
  journal: RotationJournal;
}

/**
 * The status bar's words for the watches of unfinished rotations: a catch first, then a log that cannot be read, then
 * a watch done, then those watching; undefined when no rotation is at its watch or just after it. `rotationId`: the
 * rotation a click opens (the most urgent).
 */
export function watchStatus(
  entries: readonly WatchEntry[],
  now: Date,
): { text: string; tooltip: string; rotationId: string } | undefined {
  const shown = entries.filter((e) => watchNote(e.journal) !== undefined);
  if (shown.length === 0) return undefined;
  const at = (e: WatchEntry) => currentStepOf(e.journal);
  const groups: Array<[WatchEntry[], (first: WatchEntry, n: number) => string]> = [
    [
      shown.filter((e) => at(e) === 'watchOld' && e.journal.watch?.status === 'caught'),
      (f, n) => `$(warning) ${n === 1 ? `${f.label}: old secret still used` : `${n} old secrets still used`}`,
    ],
    [
      shown.filter((e) => at(e) === 'watchOld' && e.journal.watch?.status === 'cannotWatch'),
      (f, n) => `$(warning) ${n === 1 ? `${f.label}: cannot watch` : `${n} orgs cannot watch`}`,
    ],
    [
      shown.filter((e) => at(e) === 'deleteOld'),
      (f, n) => `$(pass) ${n === 1 ? `${f.label}: watch done` : `${n} watches done`}`,
    ],
    [shown, (f, n) => `$(eye) ${n === 1 ? `Watching ${f.label}'s old secret` : `Watching ${n} old secrets`}`],
  ];
  const [group, text] = groups.find(([g]) => g.length > 0) ?? [shown, () => ''];
  const first = group[0] ?? shown[0];
  if (!first) return undefined;
  const lines = shown.map((e) => `${e.label}: ${watchLine(e.journal, now)}`);
  return {
    text: text(first, group.length),
    tooltip: [...lines, 'Click to open its checklist.'].join('\n'),
    rotationId: first.journal.rotationId,
  };
}
