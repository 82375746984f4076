// The safety rules of a rotation, as pure functions the engine and its tests call.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Environment, RotationJournal } from './journal.ts';

export const DEFAULT_PREVIEW_RECENCY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ProductionGuard {
  required: boolean;
  days: number;
  lastPreviewCompletedAt?: string;
}

/**
 * Okta's article says: test in a Preview org first. A production rotation needs the person's acknowledgement
 * when no preview org completed a rotation within `days` (history from the journal store).
 */
export function evaluateProductionGuard(
  environment: Environment,
  history: readonly RotationJournal[],
  now: Date,
  days: number,
): ProductionGuard {
  const lastPreview = history
    .filter((j) => j.environment === 'preview' && j.outcome === 'completed' && j.endedAt !== undefined)
    .map((j) => j.endedAt as string)
    .sort()
    .at(-1);
  const recent = lastPreview !== undefined && now.getTime() - Date.parse(lastPreview) <= days * DAY_MS;
  return {
    required: environment === 'production' && !recent,
    days,
    ...(lastPreview !== undefined ? { lastPreviewCompletedAt: lastPreview } : {}),
  };
}

export function productionGuardPending(journal: RotationJournal): boolean {
  const g = journal.guards.productionWithoutPreview;
  return g !== undefined && g.required && g.acknowledgedAt === undefined;
}

/** Deactivating the old secret needs the new one verified valid, or the person's journaled override. */
export function deactivationAllowed(journal: RotationJournal): boolean {
  return journal.verification?.outcome === 'valid' || journal.guards.unverifiedOverride !== undefined;
}

/**
 * Exact comparison in constant time: both sides are hashed first so their lengths match and the time taken
 * says nothing about how much of the value was right.
 */
export function constantTimeEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
