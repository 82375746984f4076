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

function intHeader(headers: Headers, name: string): number | undefined {
  const v = header(headers, name);
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

/** The server's clock at the time of the response, from the Date header (ms since epoch), if readable. */
function serverDateMs(headers: Headers): number | undefined {
  const v = header(headers, 'date');
  if (v === undefined) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Milliseconds from this response until Okta's bucket resets, on Okta's clock; undefined without a reset header. */
function msUntilReset(headers: Headers, localNowMs: number): number | undefined {
  const reset = intHeader(headers, 'x-rate-limit-reset');
  if (reset === undefined) return undefined;
  const serverNow = serverDateMs(headers) ?? localNowMs;
  return reset * 1000 - serverNow;
}

export function readRateLimit(headers: Headers, localNowMs: number): RateLimitSnapshot | undefined {
  const limit = intHeader(headers, 'x-rate-limit-limit');
  const remaining = intHeader(headers, 'x-rate-limit-remaining');
  const untilReset = msUntilReset(headers, localNowMs);
  if (limit === undefined || remaining === undefined || untilReset === undefined) return undefined;
  return {
    limit,
    remaining,
    resetAt: new Date(localNowMs + Math.max(0, untilReset)),
    observedAt: new Date(localNowMs),
  };
}

/**
 * How long to wait after a 429 before trying again: until the reset on the server's clock plus one second (as
 * Okta's own SDKs do). Without headers (a concurrency 429), `fallbackMs`.
 */
export function rateLimitWaitMs(headers: Headers, localNowMs: number, fallbackMs = 1000): number {
  const untilReset = msUntilReset(headers, localNowMs);
  if (untilReset === undefined) return fallbackMs;
  return Math.max(0, untilReset) + 1000;
}
