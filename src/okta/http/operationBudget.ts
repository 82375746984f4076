// One operation (a tree load of an org, one rotation step, one command) has one budget: a deadline covering every
// page, retry and rate-limit wait; rate-limit waits and retries counted across all its calls; and the items and
// bytes it reads across all its pages. The layer that knows where an operation starts and ends creates one and
// hands its signal to the client's calls; the request loop finds the budget through that signal. A call made
// without one gets its own (RequestLoop.operation), so nothing Okta sends can keep any call going unbounded.
import { OktaError, tryAgainAfter } from '../errors.ts';
import type { OktaErrorBody } from '../errorBodies.ts';

export interface OperationLimits {
  /** The whole operation, from its start: every request, retry and wait. */
  deadlineMs: number;
  /** Rate-limit waits in all (each also within the client's maxRateLimitWaitMs, and at most 2 per call). */
  maxRateLimitWaits: number;
  /** Retries after a network error or a 5xx in all (each call also within its own tries). */
  maxRetries: number;
  /** Items read across the pages of its lists. */
  maxItems: number;
  /** Bytes of answers read in all (each answer also within the client's maxBodyBytes). */
  maxBytes: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = {
  deadlineMs: 180_000,
  maxRateLimitWaits: 4,
  maxRetries: 6,
  maxItems: 20_000,
  maxBytes: 16 * 1024 * 1024,
};

export interface OperationBudgetOptions extends Partial<OperationLimits> {
  /** The caller's cancel (a person's, or an enclosing operation's: its deadline then bounds this one too). */
  signal?: AbortSignal | undefined;
  /** The clock the deadline is measured on (epoch ms). */
  now?: () => number;
  /** Where a person can give operations more time (a setting's name), said in the error at the deadline. */
  deadlineHint?: string;
}

/** Why the budget's signal aborted when its deadline passed (a person's cancel is anything else). */
class DeadlineReached extends Error {
  constructor() {
    super("The operation's time limit ran out.");
    this.name = 'DeadlineReached';
  }
}

const budgets = new WeakMap<AbortSignal, OperationBudget>();

/** True when `signal` was aborted by an operation's deadline rather than by a cancel. */
export function abortedByDeadline(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason instanceof DeadlineReached;
}

/** True when `signal` was aborted by a cancel (a person's, or the caller's), not by a deadline. */
export function abortedByCancel(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && !(signal.reason instanceof DeadlineReached);
}

function seconds(ms: number): string {
  if (ms < 9950) return `${Math.max(0, Math.round(ms / 100) / 10)} s`;
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class OperationBudget {
  /** Aborted by the caller's cancel or at the deadline; every call of the operation is given this signal. */
  readonly signal: AbortSignal;
  readonly limits: Readonly<OperationLimits>;
  readonly startedAt: number;
  readonly deadlineAt: number;
  readonly #now: () => number;
  readonly #hint: string | undefined;
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #onOuterAbort: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // What was done, for the message at the deadline.
  #answers = 0;
  #pages = 0;
  #items = 0;
  #bytes = 0;
  #rateLimitWaits = 0;
  #rateLimitWaitMs = 0;
  #retries = 0;
  #retryAfter: Date | undefined;

  /** The budget `signal` belongs to, if it is an operation's. */
  static of(signal: AbortSignal | undefined): OperationBudget | undefined {
    return signal ? budgets.get(signal) : undefined;
  }

  constructor(opts: OperationBudgetOptions = {}) {
    const { signal, now, deadlineHint, ...limits } = opts;
    const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => typeof v === 'number' && v >= 0));
    this.limits = { ...DEFAULT_OPERATION_LIMITS, ...defined };
    this.#now = now ?? Date.now;
    this.#hint = deadlineHint;
    this.startedAt = this.#now();
    const enclosing = OperationBudget.of(signal);
    this.deadlineAt = Math.min(this.startedAt + this.limits.deadlineMs, enclosing?.deadlineAt ?? Infinity);
    this.signal = this.#controller.signal;
    this.#outer = signal;
    this.#onOuterAbort = () => this.#controller.abort(signal?.reason);
    if (signal?.aborted) this.#onOuterAbort();
    else signal?.addEventListener('abort', this.#onOuterAbort, { once: true });
    // The hard stop for whatever is in flight when the time runs out (a request, a wait, a token request).
    this.#timer = setTimeout(() => this.#controller.abort(new DeadlineReached()), Math.max(0, this.remainingMs()));
    this.#timer.unref?.();
    budgets.set(this.signal, this);
  }

  remainingMs(): number {
    return this.deadlineAt - this.#now();
  }

  /** The deadline has passed (on the operation's clock, or its timer fired). */
  expired(): boolean {
    return this.remainingMs() <= 0 || abortedByDeadline(this.signal);
  }

  remainingBytes(): number {
    return Math.max(0, this.limits.maxBytes - this.#bytes);
  }

  canRetry(): boolean {
    return this.#retries < this.limits.maxRetries;
  }

  canWaitForRateLimit(): boolean {
    return this.#rateLimitWaits < this.limits.maxRateLimitWaits;
  }

  /** An answer arrived: its bytes count (the transport already stopped reading at remainingBytes()). */
  answered(bytes: number): void {
    this.#answers++;
    this.#bytes += bytes;
  }

  retried(): void {
    this.#retries++;
  }

  rateLimitWait(ms: number, resetAt: Date): void {
    this.#rateLimitWaits++;
    this.#rateLimitWaitMs += ms;
    this.rateLimitSeen(resetAt);
  }

  /** Okta's bucket resets at `resetAt`: the time to say in an error that ends the operation early. */
  rateLimitSeen(resetAt: Date): void {
    if (Number.isFinite(resetAt.getTime())) this.#retryAfter = resetAt;
  }

  /** A page of `items` was read (counted before it is parsed): throws once the operation has read more than its budget. */
  page(items: number, operation: string, org: string): void {
    this.#pages++;
    this.#items += items;
    if (this.#items > this.limits.maxItems) {
      throw this.#overBudget(operation, org, `more than ${this.limits.maxItems} items`);
    }
  }

  /** The error when an answer would take the operation past its byte budget. */
  tooManyBytes(operation: string, org: string): OktaError {
    const { maxBytes } = this.limits;
    const size =
      maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MiB` : `${Math.round(maxBytes / 1024)} KiB`;
    return this.#overBudget(operation, org, `more than ${size}`);
  }

  /** What the operation did so far, in words: "after 3 min 5 s: 7 answers (3 pages, 600 items), 2 rate-limit waits (122 s)". */
  done(): string {
    const parts = [plural(this.#answers, 'answer')];
    if (this.#pages > 0) parts[0] += ` (${plural(this.#pages, 'page')}, ${plural(this.#items, 'item')})`;
    if (this.#rateLimitWaits > 0)
      parts.push(`${plural(this.#rateLimitWaits, 'rate-limit wait')} (${seconds(this.#rateLimitWaitMs)})`);
    if (this.#retries > 0) parts.push(plural(this.#retries, 'retry', 'retries'));
    return `after ${seconds(this.#now() - this.startedAt)}: ${parts.join(', ')}`;
  }

  /** The error at the deadline: what was done, and when to try again. */
  deadlineError(operation: string, org: string, cause?: unknown): OktaError {
    return new OktaError({
      kind: 'timeout',
      operation,
      org,
      cause,
      detail: `its time limit of ${seconds(this.limits.deadlineMs)} ran out (${this.done()})`,
      advice: this.#whenToRetry(),
    });
  }

  /** A 429 whose reset comes after the deadline: rateLimited, with the reset as the time to try again. */
  rateLimitPastDeadline(operation: string, org: string, retryAt: Date, now: Date, body?: OktaErrorBody): OktaError {
    return new OktaError({
      kind: 'rateLimited',
      operation,
      org,
      status: 429,
      retryAt,
      now,
      body,
      detail: `waiting for Okta's rate limit would pass the operation's time limit of ${seconds(this.limits.deadlineMs)} (${this.done()})`,
    });
  }

  /** Releases the timer and the caller's signal. The signal stays as it is (aborted or not). */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }

  #whenToRetry(): string {
    const now = new Date(this.#now());
    const raise = this.#hint ? ` If Okta is this slow every time, give operations more time (${this.#hint}).` : '';
    if (this.#retryAfter && this.#retryAfter.getTime() > now.getTime())
      return `Okta was slow or rate limiting this org. ${tryAgainAfter(this.#retryAfter, now)}${raise}`;
    return `Okta was too slow to answer. Try again in a minute or two.${raise}`;
  }

  #overBudget(operation: string, org: string, what: string): OktaError {
    return new OktaError({
      kind: 'protocol',
      operation,
      org,
      detail: `the answers held ${what}, the most one operation reads (${this.done()})`,
      advice:
        'Stopped reading: no operation of this extension needs that much from Okta. If the org really holds that many apps, give the id of the Okta Workflows OAuth app (its Admin Console URL) so that only it is read.',
    });
  }
}
