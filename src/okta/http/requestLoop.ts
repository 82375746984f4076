// Sending one API call until it succeeds or fails for good: the authenticator's headers on every attempt, Okta's
// 429s waited out (X-Okta-Retry-For / -Count sent back), reads retried after network errors and 5xx with jittered
// backoff (when to try again: retryPolicy.ts), one more try after a 401 the authenticator refreshed, one log line
// per exchange, and every failure turned into a classified OktaError. Writes are never retried here: their callers
// reconcile instead.
// Every call belongs to an operation (operationBudget.ts): its deadline bounds each attempt and each wait, and its
// counts of waits, retries and bytes are shared by all the operation's calls and pages.
import type { Authenticator } from '../auth.ts';
import { OktaError, isOktaError } from '../errors.ts';
import { header, readRateLimit, type RateLimitSnapshot } from '../rateLimit.ts';
import { errorForStatus, parseErrorBody, type ErrorContext } from '../responseErrors.ts';
import type { OktaErrorBody } from '../errorBodies.ts';
import { carryReach } from '../requestReach.ts';
import type { HttpResponse, Transport } from '../transport.ts';
import { abortable } from './abortable.ts';
import { notifyListener, type ApiCallLog, type ListenerErrorHandler, type WaitReason } from './listeners.ts';
import { abortedByCancel, abortedByDeadline, OperationBudget, type OperationLimits } from './operationBudget.ts';
import { PACKAGE_VERSION } from './packageVersion.ts';
import { rateLimitWait, retryDelay, type Attempts } from './retryPolicy.ts';

export const USER_AGENT = `okta-workflows-secret-rotation/${PACKAGE_VERSION} (+vscode-extension)`;

/** An answer still missing after this long (or half the attempt's time) is said ("waiting for Okta's answer"). */
const SLOW_ANSWER_MS = 5000;

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpCall {
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  body?: { contentType: string; text: string };
  /** Tries in all after network errors and 5xx (1: none). */
  tries: number;
  /** Retry network errors only, not 5xx (the token probe). */
  networkOnly?: boolean;
  /** Part of the /api/v1/apps rate-limit bucket: read its headers, wait out its 429s. */
  appsBucket: boolean;
  authenticate: boolean;
  notFoundAdvice?: string;
  extraHeaders?: Record<string, string>;
  /** Return any status to the caller (the token probe judges its own answers). */
  acceptAnyStatus?: boolean;
}

/** The loop's policy and hooks, defaults already applied (OktaClient documents each). */
export interface RequestLoopOptions {
  /** 'https://acme.okta.com': what API paths are resolved against. */
  origin: string;
  org: string;
  auth: Authenticator;
  transport: Transport;
  /** Tries in all of a read (HttpCall.tries for reads). */
  readTries: number;
  maxRateLimitRetries: number;
  maxRateLimitWaitMs: number;
  retryBaseDelayMs: number;
  /** The limits of an operation the loop starts itself (a call given no operation's signal). */
  operationLimits: Partial<OperationLimits>;
  sleep: Sleep;
  now: () => number;
  random: () => number;
  onApiCall?: ((c: ApiCallLog) => void) | undefined;
  onWait?: ((reason: WaitReason, ms: number) => void) | undefined;
  onListenerError?: ListenerErrorHandler | undefined;
}

export class RequestLoop {
  readonly origin: string;
  readonly org: string;
  readonly readTries: number;
  readonly #opts: RequestLoopOptions;
  #snapshot: RateLimitSnapshot | undefined;

  constructor(opts: RequestLoopOptions) {
    this.origin = opts.origin;
    this.org = opts.org;
    this.readTries = opts.readTries;
    this.#opts = opts;
  }

  /** An API path of this org as a URL. */
  url(path: string): URL {
    return new URL(path, this.origin);
  }

  /** The last X-Rate-Limit-* headers seen for the org's /api/v1/apps bucket. */
  rateLimit(): RateLimitSnapshot | undefined {
    return this.#snapshot;
  }

  /**
   * Runs `work` as one operation: within the operation `signal` belongs to, or else a new one with the loop's
   * limits (its deadline, counts and bytes shared by every call `work` makes with the signal it is given).
   */
  async operation<T>(signal: AbortSignal | undefined, work: (budget: OperationBudget) => Promise<T>): Promise<T> {
    const existing = OperationBudget.of(signal);
    if (existing) return work(existing);
    const budget = new OperationBudget({ ...this.#opts.operationLimits, signal, now: this.#opts.now });
    try {
      return await work(budget);
    } finally {
      budget.dispose();
    }
  }

  /** Sends `call` until it succeeds (2xx) or fails for good, per the retry rules; throws a classified OktaError. */
  execute(call: HttpCall, signal?: AbortSignal): Promise<HttpResponse> {
    return this.operation(signal, (budget) => this.#execute(call, budget));
  }

  async #execute(call: HttpCall, budget: OperationBudget): Promise<HttpResponse> {
    const { auth, now } = this.#opts;
    const signal = budget.signal;
    const state: Attempts = { failures: 0, rateLimitRetries: 0, reauthorized: false, retryFor: undefined };
    const context: ErrorContext = {
      operation: call.operation,
      org: this.org,
      notFoundAdvice: call.notFoundAdvice,
      authAdvice: auth.advice,
      credential: auth.credentialName,
    };
    for (let attempt = 1; ; attempt++) {
      this.#checkTime(call.operation, budget);
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
      if (call.authenticate) {
        try {
          Object.assign(headers, await auth.authorize({ method: call.method, url: call.url.href, signal }));
        } catch (e) {
          throw this.#atDeadline(call.operation, budget, e);
        }
      }
      if (call.extraHeaders) Object.assign(headers, call.extraHeaders);
      if (call.body) headers['content-type'] = call.body.contentType;
      if (state.rateLimitRetries > 0) {
        if (state.retryFor) headers['x-okta-retry-for'] = state.retryFor;
        headers['x-okta-retry-count'] = String(state.rateLimitRetries);
      }
      const started = now();
      let res: HttpResponse;
      try {
        res = await this.#send(call, headers, budget);
      } catch (e) {
        const status = isOktaError(e, 'cancelled') ? 'cancelled' : 'error';
        this.#log({ method: call.method, path: call.url.pathname, status, ms: now() - started, attempt });
        const delay = isOktaError(e, 'network') ? retryDelay(call.tries, state, budget, this.#opts) : undefined;
        if (delay !== undefined) {
          await this.#pause(call.operation, delay, budget, 'retry');
          continue;
        }
        throw this.#atDeadline(call.operation, budget, e);
      }
      budget.answered(res.body.length);
      const errorBody = res.status >= 400 ? parseErrorBody(header(res.headers, 'content-type'), res.body) : undefined;
      this.#logExchange(call, res, now() - started, attempt, errorBody?.errorId);

      if (res.status >= 200 && res.status < 300) return res;
      if (call.acceptAnyStatus) return res;

      if (res.status === 429) {
        await this.#waitOutRateLimit(call, res, state, budget, context, errorBody);
        continue;
      }
      if (res.status === 401 && !state.reauthorized && auth.onUnauthorized) {
        state.reauthorized = true;
        // A new token is fetched within the operation: its deadline or a cancel stops the wait for it.
        const refreshed = await abortable(
          auth.onUnauthorized({ status: res.status, headers: res.headers }),
          signal,
          () =>
            abortedByDeadline(signal)
              ? budget.deadlineError(call.operation, this.org)
              : new OktaError({ kind: 'cancelled', operation: call.operation, org: this.org }),
        );
        if (refreshed) continue;
      }
      const delay =
        res.status >= 500 && res.status < 600 && !call.networkOnly
          ? retryDelay(call.tries, state, budget, this.#opts)
          : undefined;
      if (delay !== undefined) {
        await this.#pause(call.operation, delay, budget, 'retry');
        continue;
      }
      throw errorForStatus(context, res.status, errorBody);
    }
  }

  /** One exchange within what is left of the operation's time and bytes; a slow answer is said while it is awaited. */
  async #send(call: HttpCall, headers: Record<string, string>, budget: OperationBudget): Promise<HttpResponse> {
    const { transport, now } = this.#opts;
    const started = now();
    const timeoutMs = Math.min(transport.timeoutMs, budget.remainingMs());
    let said = false;
    const slow = setTimeout(
      () => {
        said = true;
        this.#notifyWait('answer', Math.max(0, timeoutMs - (now() - started)));
      },
      Math.min(SLOW_ANSWER_MS, timeoutMs / 2),
    );
    try {
      return await transport.send({
        operation: call.operation,
        method: call.method,
        url: call.url,
        headers,
        body: call.body?.text,
        signal: budget.signal,
        timeoutMs,
        maxBodyBytes: budget.remainingBytes(),
        tooLarge: () => budget.tooManyBytes(call.operation, this.org),
      });
    } finally {
      clearTimeout(slow);
      if (said) this.#notifyWait('answer', 0); // the wait is over: what said it can clear it
    }
  }

  /** A 429: waits until Okta's reset when the call and the operation allow it (retryPolicy.ts), else throws. */
  async #waitOutRateLimit(
    call: HttpCall,
    res: HttpResponse,
    state: Attempts,
    budget: OperationBudget,
    context: ErrorContext,
    body: OktaErrorBody | undefined,
  ): Promise<void> {
    const wait = rateLimitWait(res, this.#opts.now(), state, budget, this.#opts, context, body);
    await this.#pause(call.operation, wait, budget, 'rateLimit');
  }

  /** Refuses to start another attempt once the operation is cancelled or out of time. */
  #checkTime(operation: string, budget: OperationBudget): void {
    if (abortedByCancel(budget.signal)) throw new OktaError({ kind: 'cancelled', operation, org: this.org });
    if (budget.expired()) throw budget.deadlineError(operation, this.org);
  }

  /** A cancel or timeout caused by the operation's deadline becomes the deadline's error (a write still reconciles). */
  #atDeadline(operation: string, budget: OperationBudget, e: unknown): unknown {
    if (!isOktaError(e) || (e.kind !== 'cancelled' && e.kind !== 'timeout')) return e;
    if (abortedByCancel(budget.signal) || !budget.expired()) return e;
    return carryReach(e, budget.deadlineError(operation, this.org, e));
  }

  /** One log line for an answered exchange; an apps-bucket answer also updates the rate-limit snapshot. */
  #logExchange(call: HttpCall, res: HttpResponse, ms: number, attempt: number, errorId: string | undefined): void {
    const entry: ApiCallLog = { method: call.method, path: call.url.pathname, status: res.status, ms, attempt };
    if (call.acceptAnyStatus) entry.answerExpected = true;
    if (call.appsBucket) {
      const snap = readRateLimit(res.headers, this.#opts.now());
      if (snap) {
        this.#snapshot = snap;
        entry.rateLimitRemaining = snap.remaining;
      }
    }
    if (errorId) entry.errorId = errorId;
    this.#log(entry);
  }

  #log(entry: ApiCallLog): void {
    notifyListener('onApiCall', this.#opts.onApiCall, [entry], this.#opts.onListenerError);
  }

  #notifyWait(reason: WaitReason, ms: number): void {
    notifyListener('onWait', this.#opts.onWait, [reason, ms], this.#opts.onListenerError);
  }

  async #pause(operation: string, ms: number, budget: OperationBudget, reason: WaitReason): Promise<void> {
    this.#checkTime(operation, budget);
    this.#notifyWait(reason, ms);
    try {
      await this.#opts.sleep(ms, budget.signal);
    } catch (e) {
      if (abortedByDeadline(budget.signal)) throw budget.deadlineError(operation, this.org, e);
      throw new OktaError({ kind: 'cancelled', operation, org: this.org, cause: e });
    }
  }
}
