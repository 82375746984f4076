// Sending one API call until it succeeds or fails for good: the authenticator's headers on every attempt, Okta's
// 429s waited out (X-Okta-Retry-For / -Count sent back), reads retried after network errors and 5xx with jittered
// backoff, one more try after a 401 the authenticator refreshed, one log line per exchange, and every failure
// turned into a classified OktaError. Writes are never retried here: their callers reconcile instead.
import type { Authenticator } from '../auth.ts';
import { OktaError, isOktaError } from '../errors.ts';
import { header, rateLimitWaitMs, readRateLimit, type RateLimitSnapshot } from '../rateLimit.ts';
import { errorForStatus, parseErrorBody } from '../responseErrors.ts';
import type { HttpResponse, Transport } from '../transport.ts';
import { notifyListener, type ApiCallLog, type ListenerErrorHandler, type WaitReason } from './listeners.ts';

export const USER_AGENT = 'okta-workflows-secret-rotation/0.1 (+vscode-extension)';

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
  sleep: Sleep;
  now: () => number;
  random: () => number;
  onApiCall?: ((c: ApiCallLog) => void) | undefined;
  onWait?: ((reason: WaitReason, ms: number) => void) | undefined;
  onListenerError?: ListenerErrorHandler | undefined;
}

/** Waits `ms`; rejects when `signal` aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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

  /** Sends `call` until it succeeds (2xx) or fails for good, per the retry rules; throws a classified OktaError. */
  async execute(call: HttpCall, signal?: AbortSignal): Promise<HttpResponse> {
    const { auth, now } = this.#opts;
    let failures = 0;
    let rateLimitRetries = 0;
    let reauthorized = false;
    let retryFor: string | undefined;
    const context = {
      operation: call.operation,
      org: this.org,
      notFoundAdvice: call.notFoundAdvice,
      authAdvice: auth.advice,
      credential: auth.credentialName,
    };
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
      if (call.authenticate) {
        Object.assign(headers, await auth.authorize({ method: call.method, url: call.url.href, signal }));
      }
      if (call.extraHeaders) Object.assign(headers, call.extraHeaders);
      if (call.body) headers['content-type'] = call.body.contentType;
      if (rateLimitRetries > 0) {
        if (retryFor) headers['x-okta-retry-for'] = retryFor;
        headers['x-okta-retry-count'] = String(rateLimitRetries);
      }
      const started = now();
      let res: HttpResponse;
      try {
        res = await this.#opts.transport.send({
          operation: call.operation,
          method: call.method,
          url: call.url,
          headers,
          body: call.body?.text,
          signal,
        });
      } catch (e) {
        const status = isOktaError(e, 'cancelled') ? 'cancelled' : 'error';
        this.#log({ method: call.method, path: call.url.pathname, status, ms: now() - started, attempt });
        if (isOktaError(e, 'network')) {
          failures++;
          if (failures < call.tries) {
            await this.#pause(call.operation, this.#backoffMs(failures), signal, 'retry');
            continue;
          }
        }
        throw e;
      }
      const errorBody = res.status >= 400 ? parseErrorBody(header(res.headers, 'content-type'), res.body) : undefined;
      this.#logExchange(call, res, now() - started, attempt, errorBody?.errorId);

      if (res.status >= 200 && res.status < 300) return res;
      if (call.acceptAnyStatus) return res;

      if (res.status === 429) {
        const at = now();
        const wait = rateLimitWaitMs(res.headers, at);
        const retryAt = new Date(at + wait);
        if (rateLimitRetries < this.#opts.maxRateLimitRetries && wait <= this.#opts.maxRateLimitWaitMs) {
          rateLimitRetries++;
          retryFor = header(res.headers, 'x-okta-request-id') ?? retryFor;
          await this.#pause(call.operation, wait, signal, 'rateLimit');
          continue;
        }
        throw errorForStatus(context, 429, errorBody, retryAt, new Date(at));
      }
      if (res.status === 401 && !reauthorized && auth.onUnauthorized) {
        reauthorized = true;
        if (await auth.onUnauthorized({ status: res.status, headers: res.headers })) continue;
      }
      if (res.status >= 500 && !call.networkOnly) {
        failures++;
        if (failures < call.tries) {
          await this.#pause(call.operation, this.#backoffMs(failures), signal, 'retry');
          continue;
        }
      }
      throw errorForStatus(context, res.status, errorBody);
    }
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

  #backoffMs(failures: number): number {
    const ceiling = Math.min(4000, this.#opts.retryBaseDelayMs * 2 ** (failures - 1));
    return Math.round(ceiling / 2 + (this.#opts.random() * ceiling) / 2);
  }

  async #pause(operation: string, ms: number, signal: AbortSignal | undefined, reason: WaitReason): Promise<void> {
    if (signal?.aborted) throw new OktaError({ kind: 'cancelled', operation, org: this.org });
    notifyListener('onWait', this.#opts.onWait, [reason, ms], this.#opts.onListenerError);
    try {
      await this.#opts.sleep(ms, signal);
    } catch (e) {
      throw new OktaError({ kind: 'cancelled', operation, org: this.org, cause: e });
    }
  }
}
