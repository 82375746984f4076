// Fault injection for tests: each fault waits for the next request(s) that match its optional method and path
// regex (tested against the path without the query string). A request gets at most one fault, the earliest
// registered one that matches.
// A held answer (hold) lets the request through the whole pipeline, its change committed, then keeps the answer
// until the test releases it or the client goes away: a test cancels a call after it reached Okta.

export type MalformedKind = 'invalidJson' | 'wrongTypes';

/** A held answer, as the test sees it. */
export interface HeldAnswer {
  /** Resolves once the request was handled (its change committed) and its answer is held. */
  readonly reached: Promise<void>;
  /** Sends the held answer (if its client is still there). */
  release(): void;
}

/** The server's side of a held answer. */
class Hold implements HeldAnswer {
  readonly reached: Promise<void>;
  #arrived!: () => void;
  #release!: () => void;
  readonly #released: Promise<void>;

  constructor() {
    this.reached = new Promise((resolve) => (this.#arrived = resolve));
    this.#released = new Promise((resolve) => (this.#release = resolve));
  }

  release(): void {
    this.#release();
  }

  /** Says the answer is ready, then waits for the release, the client's leaving (`gone`) or the server's closing. */
  async holdUntilReleased(gone: Promise<void>, closing: AbortSignal): Promise<void> {
    this.#arrived();
    const closed = new Promise<void>((resolve) => {
      if (closing.aborted) resolve();
      closing.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([this.#released, gone, closed]);
  }
}

export type Fault =
  | { kind: 'fail'; status: number }
  | { kind: 'drop' }
  | { kind: 'malformed'; malformed: MalformedKind }
  | { kind: 'stall' }
  | { kind: 'hold'; hold: Hold };

interface PendingFault {
  fault: Fault;
  remaining: number;
  method?: string;
  path?: RegExp;
}

export interface FaultMatch {
  method?: string;
  path?: RegExp;
  count?: number;
}

export interface FaultInjector {
  latencyMs: number;
  failNext(count: number, opts?: { status?: number; method?: string; path?: RegExp }): void;
  dropResponseAfterCommit(opts?: FaultMatch): void;
  malformedNext(opts?: FaultMatch & { kind?: MalformedKind }): void;
  stallNext(opts?: FaultMatch): void;
  /**
   * The next request matching `method` and `path` is handled and its change committed, then its answer is held until
   * release() or until the client goes away (a cancel after the request reached Okta).
   */
  hold(method: string, path: RegExp): HeldAnswer;
  reset(): void;
}

export class Faults implements FaultInjector {
  latencyMs: number;
  private pending: PendingFault[] = [];

  constructor(latencyMs = 0) {
    this.latencyMs = latencyMs;
  }

  failNext(count: number, opts: { status?: number; method?: string; path?: RegExp } = {}): void {
    const status = opts.status ?? 500;
    if (status < 400 || status > 599) throw new Error(`simulator: failNext status must be 4xx or 5xx, got ${status}`);
    this.add({ kind: 'fail', status }, count, opts);
  }

  dropResponseAfterCommit(opts: FaultMatch = {}): void {
    this.add({ kind: 'drop' }, opts.count ?? 1, opts);
  }

  malformedNext(opts: FaultMatch & { kind?: MalformedKind } = {}): void {
    this.add({ kind: 'malformed', malformed: opts.kind ?? 'invalidJson' }, opts.count ?? 1, opts);
  }

  stallNext(opts: FaultMatch = {}): void {
    this.add({ kind: 'stall' }, opts.count ?? 1, opts);
  }

  hold(method: string, path: RegExp): HeldAnswer {
    const hold = new Hold();
    this.add({ kind: 'hold', hold }, 1, { method, path });
    return hold;
  }

  reset(): void {
    this.pending = [];
  }

  /** The fault for this request, if any; consumes one use of it. */
  take(method: string, path: string): Fault | undefined {
    const found = this.pending.find(
      (p) => (!p.method || p.method.toUpperCase() === method.toUpperCase()) && (!p.path || matches(p.path, path)),
    );
    if (!found) return undefined;
    if (--found.remaining <= 0) this.pending = this.pending.filter((p) => p !== found);
    return found.fault;
  }

  private add(fault: Fault, count: number, opts: { method?: string; path?: RegExp }): void {
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`simulator: fault count must be a whole number >= 1, got ${count}`);
    this.pending.push({ fault, remaining: count, method: opts.method, path: opts.path });
  }
}

// A regex with the g or y flag keeps state between test() calls; reset it so matching stays pure.
function matches(re: RegExp, path: string): boolean {
  re.lastIndex = 0;
  return re.test(path);
}

/** A body that breaks the contract, made from the body the request would have had. */
export function malformedBody(kind: MalformedKind, body: unknown): string {
  if (kind === 'invalidJson') {
    const text = body === undefined ? '{"id":"ocs' : JSON.stringify(body);
    return text.slice(0, Math.max(5, Math.floor(text.length / 2)));
  }
  const breakObject = (o: unknown): unknown => {
    if (typeof o !== 'object' || o === null) return { status: 7 };
    const copy: Record<string, unknown> = { ...(o as Record<string, unknown>), status: 7 };
    delete copy.id;
    return copy;
  };
  if (Array.isArray(body)) return JSON.stringify(body.length ? body.map(breakObject) : [{ status: 7 }]);
  return JSON.stringify(breakObject(body));
}
