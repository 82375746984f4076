// The safety rules of a rotation, as pure functions the engine and its tests call (their words: presentation/).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Environment, RotationJournal } from './model/journal.ts';
import { previewNeverRotated, previewRotationTooOld, previewStillSoaking } from '../presentation/soak.ts';

export const DEFAULT_PREVIEW_RECENCY_DAYS = 30;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

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

export interface PreviewSoak {
  satisfied: boolean;
  /** When the paired preview org's last rotation completed (none: it never completed one). */
  previewCompletedAt?: string;
  /** When the soak ends (the create may go ahead); absent when no preview rotation completed. */
  readyAt?: string;
  /** Why the create waits, in words; empty when satisfied. */
  reason: string;
}

/**
 * Preview before production, per pair: a production org's new secret waits until its own preview org's last
 * completed rotation is at least `hours` old, and no older than `recencyDays` (a stale rehearsal proves nothing).
 */
export function evaluatePreviewSoak(
  previewOrg: string,
  history: ReadonlyArray<Pick<RotationJournal, 'org' | 'outcome' | 'endedAt'>>,
  now: Date,
  hours: number,
  recencyDays: number,
): PreviewSoak {
  const completedAt = history
    .filter((j) => j.org.host === previewOrg && j.outcome === 'completed' && j.endedAt !== undefined)
    .map((j) => j.endedAt as string)
    .sort()
    .at(-1);
  if (completedAt === undefined) return { satisfied: false, reason: previewNeverRotated(previewOrg) };
  const ended = Date.parse(completedAt);
  const readyAt = new Date(ended + hours * HOUR_MS).toISOString();
  const at = { previewCompletedAt: completedAt, readyAt };
  if (now.getTime() - ended > recencyDays * DAY_MS)
    return {
      satisfied: false,
      ...at,
      reason: previewRotationTooOld(previewOrg, completedAt, recencyDays, now),
    };
  if (now.getTime() < ended + hours * HOUR_MS)
    return {
      satisfied: false,
      ...at,
      reason: previewStillSoaking(previewOrg, completedAt, { hours, readyAt }, now),
    };
  return { satisfied: true, ...at, reason: '' };
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
