// Okta's X-Rate-Limit-* headers, read on every response, and the wait a 429 asks for. The reset time is epoch
// seconds on Okta's clock, so it is measured against the response's Date header (also Okta's clock), never
// against ours: a skewed laptop clock must not make us hammer or stall.
import type { IncomingHttpHeaders } from 'node:http';

export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  /** When the bucket refills, on the local clock (converted through the server's Date header when present). */
  resetAt: Date;
  /** When these headers were received, on the local clock. */
  observedAt: Date;
}

type Headers = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

export function header(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Counts above this are not Okta's (a bucket holds hundreds): the header is treated as absent. */
const MAX_COUNT = 1_000_000_000;
/** X-Rate-Limit-Reset after this (epoch seconds, the year 5138) is garbage, not a time. */
const MAX_EPOCH_SECONDS = 1e11;
/** The furthest ahead a reset is believed: Okta's buckets refill within minutes, so an hour is generous. */
const MAX_RESET_AHEAD_MS = 3_600_000;

/** A non-negative integer header no larger than `max`; undefined when absent, negative, garbage or out of range. */
function intHeader(headers: Headers, name: string, max: number): number | undefined {
  const v = header(headers, name);
  if (v === undefined || !/^\s*\d{1,15}\s*$/.test(v)) return undefined;
  const n = Number(v);
  return n <= max ? n : undefined;
}

/** The server's clock at the time of the response, from the Date header (ms since epoch), if readable. */
function serverDateMs(headers: Headers): number | undefined {
  const v = header(headers, 'date');
  if (v === undefined || v.length > 100) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Milliseconds from this response until Okta's bucket resets, on Okta's clock: undefined without a usable reset
 * header, 'unbelievable' for one further ahead than any Okta bucket resets.
 */
function msUntilReset(headers: Headers, localNowMs: number): number | 'unbelievable' | undefined {
  const raw = header(headers, 'x-rate-limit-reset');
  if (raw === undefined) return undefined;
  const reset = intHeader(headers, 'x-rate-limit-reset', MAX_EPOCH_SECONDS);
  if (reset === undefined) return /^\s*\d+\s*$/.test(raw) ? 'unbelievable' : undefined;
  const serverNow = serverDateMs(headers) ?? localNowMs;
  const ms = reset * 1000 - serverNow;
  return ms > MAX_RESET_AHEAD_MS ? 'unbelievable' : ms;
}

export function readRateLimit(headers: Headers, localNowMs: number): RateLimitSnapshot | undefined {
  const limit = intHeader(headers, 'x-rate-limit-limit', MAX_COUNT);
  const remaining = intHeader(headers, 'x-rate-limit-remaining', MAX_COUNT);
  const untilReset = msUntilReset(headers, localNowMs);
  if (limit === undefined || remaining === undefined || typeof untilReset !== 'number') return undefined;
  return {
    limit,
    remaining,
    resetAt: new Date(localNowMs + Math.max(0, untilReset)),
    observedAt: new Date(localNowMs),
  };
}

/**
 * How long to wait after a 429 before trying again: until the reset on the server's clock plus one second (as
 * Okta's own SDKs do). Without a usable reset header (a concurrency 429, garbage), `fallbackMs`. Undefined when the
 * reset is further ahead than any Okta bucket resets (13 digits, a year away): no wait is believable then.
 */
export function rateLimitWaitMs(headers: Headers, localNowMs: number, fallbackMs = 1000): number | undefined {
  const untilReset = msUntilReset(headers, localNowMs);
  if (untilReset === 'unbelievable') return undefined;
  if (untilReset === undefined) return fallbackMs;
  return Math.max(0, untilReset) + 1000;
}

/**
 * Okta's request id, to send back as X-Okta-Retry-For, when it looks like one: a header value we did not check
 * must never go into a request of ours.
 */
export function requestIdOf(headers: Headers): string | undefined {
  const v = header(headers, 'x-okta-request-id');
  return v !== undefined && /^[A-Za-z0-9_.:@-]{1,128}$/.test(v) ? v : undefined;
}
