// What a person reads about a step: plain sentences and facts built from the journal, never a field name, an
// internal state word or a raw time. Each step's story is told by a function of this folder (index.ts).
import type { RotationJournal, SecretRef, StepRecord } from '../../rotation/model/journal.ts';
import { listWords, secretInList } from '../phrases.ts';

export interface StepStory {
  /** One sentence: what happened (a step that ran or was skipped), or else what the step will do. */
  summary: string;
  /** What to do now, when the step is the current one: one or two sentences. */
  todo: string[];
  /** Facts for the step's details (label and value, both for people). */
  details: StoryDetail[];
  /** A warning the person must see even when the step is collapsed (a credential Okta may refuse). */
  caution?: string;
}

export interface StoryDetail {
  label: string;
  value: string;
}

/** What a story is told from: the journal, the step's own record, and the clock's now (for ages and times). */
export interface StoryInput {
  journal: RotationJournal;
  record: StepRecord;
  now: Date;
}

export type Story = (input: StoryInput) => StepStory;

/** Every secret the journal knows (listed by the preflight, in use, new, listed as old), first mention first. */
export function knownSecrets(journal: RotationJournal): SecretRef[] {
  const all = [
    ...(journal.inUse ? [journal.inUse] : []),
    ...(journal.newSecret ? [journal.newSecret] : []),
    ...journal.preflight.secrets,
    ...(journal.identify?.candidates ?? []),
  ];
  return all.filter((s, i) => all.findIndex((x) => x.id === s.id) === i);
}

/** The confirmed old secrets as a person reads them ("••••L6l1 (created 97 days ago)"), or "the old secret". */
export function confirmedOldInWords(journal: RotationJournal, now: Date): string {
  const known = knownSecrets(journal);
  const old = listWords(
    (journal.oldSecretIds ?? []).map((id) => {
      const s = known.find((k) => k.id === id);
      return s ? secretInList(s, now) : 'the old secret';
    }),
  );
  return old || 'the old secret';
}
