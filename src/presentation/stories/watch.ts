// Step 9 in words: the watch of the deactivated old secret in Okta's System Log. How long it has watched, what it
// found (when, from which client IP and user agent, with which secret) and when it looks next; a catch recommends Roll
// back; a log Okta would not let the credential read asks for the person's word, said to be theirs, not Okta's.
import { countingFindings, watchedMs } from '../../rotation/model/watch.ts';
import { listWords, plural } from '../phrases.ts';
import { duration, utcTime } from '../time.ts';
import { findingInWords, firstCatch, watchedSpan, watchLength } from '../watch.ts';
import { confirmedOldInWords, type StepStory, type StoryDetail, type StoryInput } from './story.ts';

const WHY =
  'A flow still on the old connection keeps working until its token next refreshes (within the hour), then fails to sign in: Okta records the failure in its System Log.';

export function watchOldStory({ journal, record, now }: StoryInput): StepStory {
  const w = journal.watch;
  if (record.state === 'skipped')
    return {
      summary:
        record.result?.['reason'] === 'predatesWatch'
          ? 'Not done: this rotation began before the extension watched the System Log.'
          : 'Not needed: no old secret was active.',
      todo: [],
      details: [],
    };
  const details = w ? watchDetails(journal, now) : [];
  if (record.state === 'done' && w) {
    const summary =
      w.decision?.kind === 'deleteDespiteFindings'
        ? `You chose to delete the old secret although Okta's System Log showed a connection still using it.`
        : w.decision?.kind === 'confirmedWithoutWatch'
          ? "You confirmed that every flow uses the new connection. Okta's System Log could not be read: this rests on your word, not on Okta's record."
          : `Old secret unused, per Okta's System Log: no failed sign-in of this app's client in ${duration(watchedMs(w))} (${watchedSpan(w, now)}).`;
    return { summary, todo: [], details };
  }
  const oldText = confirmedOldInWords(journal, now);
  if (!w)
    return {
      summary: "Reads Okta's System Log for failed sign-ins of this app's client since the old secret was deactivated.",
      todo: [WHY, `Look at the System Log now for ${oldText}. Nothing changes in Okta.`],
      details,
    };
  switch (w.status) {
    case 'caught': {
      const caught = countingFindings(w);
      const first = firstCatch(w);
      return {
        summary: "A connection still uses the old secret: Okta's System Log shows it failing to sign in.",
        todo: [
          `Okta logged ${plural(caught.length, 'failed sign-in')} of this app's client since the deactivation${first ? `, the first: ${findingInWords(first, now)}` : ''}. A flow is still on the old connection.`,
          'Roll back (recommended): the old secret is active again and that flow works again; move it to the new connection, then rotate again. Deleting the old secret now would break it for good.',
        ],
        details,
      };
    }
    case 'cannotWatch':
      return {
        summary: "Cannot watch: Okta refused to let this credential read the org's System Log.",
        todo: [
          `A service app needs the okta.logs.read scope, an admin a role that may view the System Log.${w.notPermitted?.errorId ? ` Okta error ID: ${w.notPermitted.errorId}.` : ''} Grant it, then look again.`,
          "Or confirm that every flow uses the new connection: the delete then rests on your word, recorded as such, not on Okta's record.",
        ],
        details,
      };
    case 'watching':
    case 'clean':
      return {
        summary: `Watched ${duration(watchedMs(w))} of ${watchLength(w)}: no failed sign-in of this app's client with the old secret.`,
        todo: [
          `Nothing found since the deactivation at ${utcTime(w.since, now)}. The delete is offered once ${watchLength(w)} have passed with nothing found${w.nextLookAt ? `; next look at ${utcTime(w.nextLookAt, now, { roundUp: true })}` : ''}.`,
          'You can leave it: while VS Code is open the extension looks again every few minutes, and the Orgs tree and the status bar say when the watch is done.',
        ],
        details,
      };
  }
}

function watchDetails(journal: StoryInput['journal'], now: Date): StoryDetail[] {
  const w = journal.watch;
  if (!w) return [];
  const details: StoryDetail[] = [{ label: 'Deactivated', value: utcTime(w.since, now) }];
  if (w.checkedUntil) details.push({ label: 'Watched', value: `${watchedSpan(w, now)}, ${plural(w.looks, 'look')}` });
  if (w.nextLookAt && w.status === 'watching')
    details.push({ label: 'Next look', value: utcTime(w.nextLookAt, now, { roundUp: true }) });
  const seen = w.findings.map((f) => findingInWords(f, now));
  if (seen.length > 0) details.push({ label: 'Found', value: listWords(seen) });
  if (w.moreFindings) details.push({ label: 'And', value: plural(w.moreFindings, 'more failed sign-in') });
  return details;
}
