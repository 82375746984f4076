// One fixed-window bucket per org for /api/v1/apps and /api/v1/apps/* (Okta: they share one bucket), with the
// X-Rate-Limit-* headers Okta sends. The window is 60 s long and starts at the first request after the last
// window ended; `Reset` is that window's end in epoch seconds.
const WINDOW_MS = 60_000;

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private limit: number;
  private readonly now: () => number;
  private windowStart = -Infinity;
  private used = 0;

  constructor(perMinute: number, now: () => number) {
    this.limit = perMinute;
    this.now = now;
  }

  /** Changes the limit and starts a fresh window. */
  setLimit(perMinute: number): void {
    if (!Number.isInteger(perMinute) || perMinute < 0)
      throw new Error(`simulator: rate limit must be a whole number >= 0, got ${perMinute}`);
    this.limit = perMinute;
    this.windowStart = -Infinity;
    this.used = 0;
  }

  /** Counts one request and says whether it is within the limit. */
  take(): RateLimitVerdict {
    const now = this.now();
    if (now >= this.windowStart + WINDOW_MS) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used++;
    const allowed = this.used <= this.limit;
    return {
      allowed,
      headers: {
        'X-Rate-Limit-Limit': String(this.limit),
        'X-Rate-Limit-Remaining': String(Math.max(0, this.limit - this.used)),
        'X-Rate-Limit-Reset': String(Math.ceil((this.windowStart + WINDOW_MS) / 1000)),
      },
    };
  }
}
