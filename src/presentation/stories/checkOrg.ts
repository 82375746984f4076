// Steps 1 and 2 in words: what the org check found (the app, its secrets with their ages, which one is in use, what
// the credential may do) and, while it waits for the person, the one decision they must make: which secret is in
// use, or retiring the one not in use. Then the secret in use, recorded.
import type { RotationJournal, SecretRef } from '../../rotation/model/journal.ts';
import { listWords, plural, secretInList, secretPhrase } from '../phrases.ts';
import { utcTime } from '../time.ts';
import type { StepStory, StoryDetail, StoryInput } from './story.ts';

const WHAT =
  'Checks that the extension can sign in to the org and may manage the app’s secrets, finds the Okta Workflows OAuth app and counts its client secrets.';

const CAPABILITY_WORDS = {
  able: 'may manage the app’s secrets, as far as Okta lets the extension tell',
  readOnly: 'can read the app but not change its secrets: Okta will refuse the new secret',
  unknown: 'Okta does not let the extension tell whether it may change the secrets',
} as const;

export function preflightStory(input: StoryInput): StepStory {
  const story = foundStory(input);
  const caution = capabilityCaution(input.journal);
  return caution ? { ...story, caution } : story;
}

/** What step 1 flags about the credential: a sentence when Okta would not let it be judged, else undefined. */
function capabilityCaution(journal: RotationJournal): string | undefined {
  const c = journal.preflight.capability;
  if (c?.verdict !== 'unknown') return undefined;
  return `The extension cannot tell whether Okta will let this credential create the new secret: ${c.reasons.join(' ')}${c.advice ? ` ${c.advice}` : ''}`;
}

function foundStory({ journal, record, now }: StoryInput): StepStory {
  const p = journal.preflight;
  const checked = record.result !== undefined || record.state === 'done';
  if (!checked) return { summary: WHAT, todo: [`${WHAT} Nothing changes in Okta.`], details: [] };
  const active = p.secrets.filter((s) => s.status === 'ACTIVE');
  const inactive = p.secrets.filter((s) => s.status === 'INACTIVE');
  const inUse = p.secrets.find((s) => s.id === p.inUseSecretId);
  const describe = (s: SecretRef): string =>
    secretInList(
      s,
      now,
      s.id === p.inUseSecretId ? 'in use by your Workflows connection' : '',
      s.status === 'INACTIVE' ? 'inactive' : '',
    );
  const details: StoryDetail[] = [
    { label: 'App', value: journal.app.label || journal.app.name },
    ...p.secrets.map((s, i) => ({ label: `Secret ${i + 1}`, value: describe(s) })),
    ...(p.retired.length > 0 ? [{ label: 'Retired', value: plural(p.retired.length, 'secret') }] : []),
    ...(p.capability ? [{ label: 'Credential', value: CAPABILITY_WORDS[p.capability.verdict] }] : []),
    ...(record.endedAt ? [{ label: 'Checked', value: utcTime(record.endedAt, now) }] : []),
  ];
  const app = journal.app.label || 'the Okta Workflows OAuth app';
  if (p.needsInUseIdentification) {
    const both = listWords(active.map((s) => secretInList(s, now)));
    return {
      summary: `Found ${app} with two active secrets: ${both}.`,
      todo: [
        `Okta lists two active secrets, ${both}.`,
        "Say which one your Workflows connection uses: paste its value, which the extension compares with Okta's list and does not keep.",
      ],
      details,
    };
  }
  const candidate = p.retireCandidate;
  if (candidate) {
    const ref = p.secrets.find((s) => s.id === candidate.id) ?? candidate;
    return {
      summary: `Found ${app} with ${plural(p.secrets.length, 'secret')}: ${listWords(p.secrets.map(describe))}.`,
      todo: [
        `Okta allows two secrets per app, so ${secretInList(ref, now, candidate.reason === 'inactive' ? 'inactive' : 'not identified as in use')} must go before a new one fits.`,
        `Retiring it deactivates and deletes it; ${inUse ? secretInList(inUse, now) : 'the secret in use'} stays in use.`,
      ],
      details,
    };
  }
  const retired = p.retired.length > 0 ? ` Retired ${plural(p.retired.length, 'secret')} to make room.` : '';
  const found =
    active.length === 1 && inactive.length === 0
      ? `Found ${app} with one active secret: ${inUse ? describe(inUse) : secretPhrase(active[0], now)}.`
      : `Found ${app} with ${plural(p.secrets.length, 'secret')}: ${listWords(p.secrets.map(describe))}.`;
  return { summary: `${found}${retired}`, todo: ['Check the org again to read the secrets from Okta.'], details };
}

export function recordInUseStory({ journal, record, now }: StoryInput): StepStory {
  const inUse = journal.inUse;
  if (record.state === 'done' && inUse) {
    return {
      summary: `Recorded ${secretInList(inUse, now)} as the secret your Workflows connection uses; it is retired at the end.`,
      todo: [],
      details: [
        { label: 'In use', value: secretPhrase(inUse, now) },
        ...(record.endedAt ? [{ label: 'Recorded', value: utcTime(record.endedAt, now) }] : []),
      ],
    };
  }
  const known = journal.preflight.secrets.find((s) => s.id === journal.preflight.inUseSecretId);
  return {
    summary: 'Notes which secret your Workflows connection uses today, so the right one is retired at the end.',
    todo: [
      `Record ${known ? secretInList(known, now) : 'the secret in use'} as the one your Workflows connection uses, so the right secret is retired at the end. Nothing changes in Okta.`,
    ],
    details: [],
  };
}
