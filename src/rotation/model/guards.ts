// Where a rotation stands against its safety rules, read from the journal alone (what the rules are and how they
// are judged from the preview history is ../guards.ts). The engine, the offers and the words all ask these.
import type { RotationJournal } from './journal.ts';

/** A paired production org whose create waits for the soak: the last check found it unmet, not acknowledged. */
export function previewSoakPending(journal: RotationJournal): boolean {
  const g = journal.guards.previewSoak;
  return g !== undefined && g.satisfied === false && g.acknowledgedAt === undefined;
}

/** A production org with no recent preview rotation, not acknowledged yet. */
export function productionGuardPending(journal: RotationJournal): boolean {
  const g = journal.guards.productionWithoutPreview;
  return g !== undefined && g.required && g.acknowledgedAt === undefined;
}

/** Deactivating the old secret needs the new one verified valid, or the person's journaled override. */
export function deactivationAllowed(journal: RotationJournal): boolean {
  return journal.verification?.outcome === 'valid' || journal.guards.unverifiedOverride !== undefined;
}
