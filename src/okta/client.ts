// The Okta Management API client for one org: the apps and client-secret operations, with Okta's rate limits
// honoured, safe retries (reads only), reconciliation of writes whose answer was lost, and errors a person can
// act on. Everything Okta sends is parsed with the zod schemas; nothing Okta sends is echoed into a message.
import { ApiTokenAuth, type Authenticator } from './auth.ts';
import { OktaError, isOktaError } from './errors.ts';
import { assertAppId, assertSecretId, shownAppId, shownSecretId } from './ids.ts';
import {
  isOAuthClientApp,
  looksLikeWorkflowsOAuthApp,
  toWorkflowsApp,
  uniqueById,
  WORKFLOWS_APP_NAME,
  WORKFLOWS_SEARCH,
  WORKFLOWS_SSO_APP_NAME,
} from './discovery.ts';
import { nextLink, unsafeNextLink } from './pagination.ts';
import { header, rateLimitWaitMs, readRateLimit, type RateLimitSnapshot } from './rateLimit.ts';
import { errorForStatus, parseErrorBody } from './responseErrors.ts';
import {
  ApplicationListSchema,
  ApplicationSchema,
  ClientSecretListSchema,
  ClientSecretSchema,
  type Application,
  type ClientSecret,
  type WorkflowsApp,
} from './schemas.ts';
import { buildProbeRequest, interpretProbeAnswer, type SecretProbeResult } from './secretProbe.ts';
import { describeIssues } from './schemaIssues.ts';
import { Transport, requestMayHaveReachedOkta, type HttpResponse } from './transport.ts';
import type { NetworkOptions } from './network/networkOptions.ts';
import type * as z from 'zod/mini';

export type { RateLimitSnapshot } from './rateLimit.ts';
export type { Authenticator } from './auth.ts';
export { ApiTokenAuth };

export interface ApiCallLog {
  method: string;
  /** The URL path, never the query. */
  path: string;
  status: number | 'error';
  ms: number;
  rateLimitRemaining?: number;
  errorId?: string;
  /** 1 for the first try of a call, 2… for retries. */
  attempt: number;
}

export interface OktaClientOptions {
  /** 'https://acme.okta.com' (https, or http to a loopback address: the simulator). From parseOrgInput. */
  baseUrl: string;
  auth: Authenticator;
  /** Deadline of one attempt, from sending to the last byte of the answer. Default 30 000. */
  timeoutMs?: number;
  onApiCall?: (c: ApiCallLog) => void;
  /** Retries after a 429. Default 2. */
  maxRateLimitRetries?: number;
  /** Tries in all (first included) of a read after a network error or 5xx. Default 3. */
  maxRetries?: number;
  /** Proxy settings and certificate trust (network/networkOptions.ts). Default: direct, system trust. */
  network?: NetworkOptions;
  /** Keep-alive connections to the org. Default 4. */
  connections?: number;
  /** A 429 asking for a longer wait than this fails at once with rateLimited and its retryAt. Default 65 000. */
  maxRateLimitWaitMs?: number;
  /** First backoff delay of a read retry; doubles each time, with jitter, up to 4 s. Default 250. */
  retryBaseDelayMs?: number;
  /** Largest answer read. Default 5 MiB. */
  maxBodyBytes?: number;
  /** Pages of a list followed at most. Default 100. */
  maxPages?: number;
  /** Injectable for tests: waiting (must reject when `signal` aborts), the clock, and jitter. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each wait: a 429's wait for the rate-limit reset, or a retry's backoff (a UI shows the long ones). */
  onWait?: (reason: 'rateLimit' | 'retry', ms: number) => void;
  now?: () => number;
  random?: () => number;
}

/** A created secret. `recovered` is set when the create's answer was lost and the value was read back from the list. */
export type CreatedSecret = ClientSecret & { recovered?: boolean };

interface Call {
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

const USER_AGENT = 'okta-workflows-secret-rotation/0.1 (+vscode-extension)';
const ORIGIN_ERROR = 'Starting the Okta client';

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
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

function checkBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new OktaError({ kind: 'input', operation: ORIGIN_ERROR, detail: 'the org address is not a URL' });
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    // The token would travel in clear text.
    throw new OktaError({ kind: 'input', operation: ORIGIN_ERROR, detail: 'the org address must use https' });
  }
  if (url.username || url.password || url.search || (url.pathname !== '/' && url.pathname !== '')) {
    throw new OktaError({
      kind: 'input',
      operation: ORIGIN_ERROR,
      detail: 'the org address must be an origin only (no path, query or user name)',
    });
  }
  return url;
}

export class OktaClient {
  /** The org's host, for messages: 'acme.okta.com'. */
  readonly org: string;
  readonly baseUrl: string;
  private readonly auth: Authenticator;
  private readonly transport: Transport;
  private readonly onApiCall: ((c: ApiCallLog) => void) | undefined;
  private readonly maxRateLimitRetries: number;
  private readonly maxRetries: number;
  private readonly maxRateLimitWaitMs: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxPages: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly onWait: ((reason: 'rateLimit' | 'retry', ms: number) => void) | undefined;
  private readonly now: () => number;
  private readonly random: () => number;
  private snapshot: RateLimitSnapshot | undefined;

  constructor(opts: OktaClientOptions) {
    const url = checkBaseUrl(opts.baseUrl);
    this.org = url.host;
    this.baseUrl = url.origin;
    this.auth = opts.auth;
    this.onApiCall = opts.onApiCall;
    this.maxRateLimitRetries = Math.max(0, opts.maxRateLimitRetries ?? 2);
    this.maxRetries = Math.max(1, opts.maxRetries ?? 3);
    this.maxRateLimitWaitMs = opts.maxRateLimitWaitMs ?? 65_000;
    this.retryBaseDelayMs = opts.retryBaseDelayMs ?? 250;
    this.maxPages = opts.maxPages ?? 100;
    this.sleep = opts.sleep ?? defaultSleep;
    this.onWait = opts.onWait;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.transport = new Transport({
      origin: url.origin,
      org: this.org,
      timeoutMs: opts.timeoutMs ?? 30_000,
      connections: opts.connections ?? 4,
      maxBodyBytes: opts.maxBodyBytes ?? 5 * 1024 * 1024,
      network: opts.network,
    });
  }

  /** The last X-Rate-Limit-* headers seen for the org's /api/v1/apps bucket. */
  rateLimit(): RateLimitSnapshot | undefined {
    return this.snapshot;
  }

  // ---- apps ----

  async listApps(
    query: { q?: string; filter?: string; limit?: number } = {},
    signal?: AbortSignal,
  ): Promise<Application[]> {
    const what = query.filter ? ` matching ${query.filter}` : query.q ? ` starting with "${query.q}"` : '';
    const operation = `Listing apps${what}`;
    const first = this.url('/api/v1/apps');
    if (query.q !== undefined) first.searchParams.set('q', query.q);
    if (query.filter !== undefined) first.searchParams.set('filter', query.filter);
    first.searchParams.set('limit', String(Math.min(200, Math.max(1, Math.floor(query.limit ?? 200)))));
    const apps: Application[] = [];
    const seen = new Set<string>();
    let url: URL | undefined = first;
    for (let page = 1; url; page++) {
      if (page > this.maxPages)
        throw this.protocol(operation, `more than ${this.maxPages} pages: stopped following next links`);
      seen.add(url.href);
      const res = await this.execute(
        { operation, method: 'GET', url, tries: this.maxRetries, appsBucket: true, authenticate: true },
        signal,
      );
      apps.push(...this.parse(operation, res, ApplicationListSchema));
      const next = nextLink(res.headers.link);
      url = undefined;
      if (next !== undefined) {
        const unsafe = unsafeNextLink(next, first);
        if (unsafe) throw this.protocol(operation, unsafe);
        if (seen.has(next)) throw this.protocol(operation, 'the next-page link repeats an earlier page');
        url = new URL(next);
      }
    }
    return apps;
  }

  async getApp(appId: string, signal?: AbortSignal): Promise<Application> {
    const operation = `Reading app ${shownAppId(appId)}`;
    assertAppId(appId, operation, this.org);
    const res = await this.execute(
      {
        operation,
        method: 'GET',
        url: this.url(`/api/v1/apps/${appId}`),
        tries: this.maxRetries,
        appsBucket: true,
        authenticate: true,
        notFoundAdvice:
          "No app has this id in this org. Check the id (it is in the app's Admin Console URL) and the org.",
      },
      signal,
    );
    return this.parse(operation, res, ApplicationSchema);
  }

  /**
   * The "Okta Workflows OAuth" app: the given app id (checked to be an OAuth app), or discovered by name, then by
   * label / Workflows service domain. Throws notFound (none), or input (not an OAuth app; several candidates).
   */
  async findWorkflowsApp(opts: { appId?: string } = {}, signal?: AbortSignal): Promise<WorkflowsApp> {
    const operation = 'Finding the Okta Workflows OAuth app';
    if (opts.appId !== undefined) {
      const app = await this.getApp(opts.appId, signal);
      if (!isOAuthClientApp(app)) {
        const tile = app.name === WORKFLOWS_SSO_APP_NAME ? ' (it is the "Okta Workflows" sign-in tile)' : '';
        throw new OktaError({
          kind: 'input',
          operation,
          org: this.org,
          detail: `app ${app.id} "${app.label}" is not an OpenID Connect app with a client id${tile}`,
          advice:
            'Give the id of the "Okta Workflows OAuth" app (Admin Console > Applications), not the "Okta Workflows" tile.',
        });
      }
      return toWorkflowsApp(app);
    }

    let byName: Application[] = [];
    try {
      byName = await this.listApps({ filter: `name eq "${WORKFLOWS_APP_NAME}"` }, signal);
    } catch (e) {
      // An org that refuses this filter still has the search below.
      if (!isOktaError(e, 'validation')) throw e;
    }
    let candidates = uniqueById(byName.filter(looksLikeWorkflowsOAuthApp));
    if (candidates.length === 0) {
      const bySearch = await this.listApps({ q: WORKFLOWS_SEARCH }, signal);
      candidates = uniqueById(bySearch.filter(looksLikeWorkflowsOAuthApp));
    }
    if (candidates.length === 1) return toWorkflowsApp(candidates[0]!);
    if (candidates.length === 0) {
      throw new OktaError({
        kind: 'notFound',
        operation,
        org: this.org,
        detail: 'no app named "flow" or labelled "Okta Workflows OAuth" with an OAuth client',
        advice:
          'If Workflows is enabled in this org, paste the app id of "Okta Workflows OAuth" or its Admin Console URL.',
      });
    }
    throw new OktaError({
      kind: 'input',
      operation,
      org: this.org,
      detail: `${candidates.length} apps look like it (${candidates.map((a) => a.id).join(', ')})`,
      advice: 'Paste the app id of the one Workflows uses, or its Admin Console URL.',
    });
  }

  // ---- client secrets ----

  async listSecrets(appId: string, signal?: AbortSignal): Promise<ClientSecret[]> {
    const operation = `Listing client secrets of app ${shownAppId(appId)}`;
    assertAppId(appId, operation, this.org);
    const res = await this.execute(
      {
        operation,
        method: 'GET',
        url: this.url(`/api/v1/apps/${appId}/credentials/secrets`),
        tries: this.maxRetries,
        appsBucket: true,
        authenticate: true,
        notFoundAdvice: 'No app has this id in this org. Find the Workflows app again.',
      },
      signal,
    );
    const secrets = this.parse(operation, res, ClientSecretListSchema);
    // Ids are what every step acts on: a list naming one twice cannot be trusted to say which is which.
    const twice = secrets.find((s, i) => secrets.findIndex((o) => o.id === s.id) !== i);
    if (twice) throw this.protocol(operation, `the list names secret ${shownSecretId(twice.id)} twice`, res.status);
    return secrets;
  }

  async getSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    const operation = `Reading client secret ${shownSecretId(secretId)} of app ${shownAppId(appId)}`;
    this.checkIds(operation, appId, secretId);
    const res = await this.execute(
      {
        operation,
        method: 'GET',
        url: this.secretUrl(appId, secretId),
        tries: this.maxRetries,
        appsBucket: true,
        authenticate: true,
        notFoundAdvice: 'This secret no longer exists. Refresh the secrets list.',
      },
      signal,
    );
    return this.parse(operation, res, ClientSecretSchema);
  }

  /**
   * Creates a client secret (Okta generates the value). Never retried blindly: when the answer is lost, the
   * secrets are listed again and compared with the list taken just before (reconcileCreate).
   */
  async createSecret(appId: string, signal?: AbortSignal): Promise<CreatedSecret> {
    const operation = `Creating a client secret for app ${shownAppId(appId)}`;
    assertAppId(appId, operation, this.org);
    const before = await this.listSecrets(appId, signal);
    let answer: HttpResponse;
    try {
      answer = await this.execute(
        {
          operation,
          method: 'POST',
          url: this.url(`/api/v1/apps/${appId}/credentials/secrets`),
          body: { contentType: 'application/json', text: '{}' },
          tries: 1,
          appsBucket: true,
          authenticate: true,
        },
        signal,
      );
    } catch (e) {
      if (!this.outcomeUncertain(e)) throw e;
      return this.reconcileCreate(operation, appId, before, e as OktaError, signal);
    }
    let created: ClientSecret;
    try {
      created = this.parse(operation, answer, ClientSecretSchema);
    } catch (e) {
      // Okta said 2xx, so a secret was probably created; the list says which.
      return this.reconcileCreate(operation, appId, before, e as OktaError, signal);
    }
    if (!created.client_secret) {
      throw new OktaError({
        kind: 'outcomeUnknown',
        operation,
        org: this.org,
        orphanSecretId: created.id,
        detail: `secret ${created.id} was created but Okta's answer did not include its value`,
        advice: `Deactivate and delete secret ${created.id} (its value is unknown), then create another.`,
      });
    }
    return created;
  }

  activateSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.changeStatus(appId, secretId, 'ACTIVE', signal);
  }

  deactivateSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.changeStatus(appId, secretId, 'INACTIVE', signal);
  }

  async deleteSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<void> {
    const operation = `Deleting client secret ${shownSecretId(secretId)} of app ${shownAppId(appId)}`;
    this.checkIds(operation, appId, secretId);
    try {
      await this.execute(
        {
          operation,
          method: 'DELETE',
          url: this.secretUrl(appId, secretId),
          tries: 1,
          appsBucket: true,
          authenticate: true,
          notFoundAdvice: 'This secret no longer exists. Refresh the secrets list.',
        },
        signal,
      );
    } catch (e) {
      if (!this.outcomeUncertain(e)) throw e;
      const first = e as OktaError;
      try {
        await this.getSecret(appId, secretId, signal);
      } catch (readError) {
        if (isOktaError(readError, 'notFound')) return; // it is gone: the delete happened
        throw this.unknownOutcome(operation, first, readError);
      }
      if (first.kind === 'serverError') throw first; // Okta said it failed, and the secret is still there
      throw this.unknownOutcome(
        operation,
        first,
        undefined,
        `secret ${secretId} still exists after the connection was lost; the delete may not have reached Okta`,
      );
    }
  }

  /** Checks a client secret against the org's token endpoint without changing anything (see secretProbe.ts). */
  async verifyClientSecret(app: WorkflowsApp, clientSecret: string, signal?: AbortSignal): Promise<SecretProbeResult> {
    const operation = `Checking a client secret of app ${app.id}`;
    const req = buildProbeRequest(this.baseUrl, app, clientSecret);
    if ('unknown' in req) return { outcome: 'unknown', reason: req.unknown };
    let res: HttpResponse;
    try {
      res = await this.execute(
        {
          operation,
          method: 'POST',
          url: req.url,
          body: { contentType: req.headers['content-type']!, text: req.body },
          tries: 2,
          networkOnly: true,
          appsBucket: false,
          authenticate: false,
          extraHeaders: req.headers,
          acceptAnyStatus: true,
        },
        signal,
      );
    } catch (e) {
      // Not being able to ask says nothing about the secret; only the caller's cancel is an error.
      if (isOktaError(e) && e.kind !== 'cancelled')
        return { outcome: 'unknown', reason: `the token endpoint could not be asked: ${e.detail ?? e.kind}` };
      throw e;
    }
    return interpretProbeAnswer(res.status, header(res.headers, 'content-type'), res.body);
  }

  /** Closes the org's connections once in-flight calls are done. */
  close(): Promise<void> {
    const auth = this.auth.close?.() ?? Promise.resolve();
    return Promise.all([this.transport.close(), auth]).then(() => undefined);
  }

  // ---- internals ----

  private url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  private secretUrl(appId: string, secretId: string): URL {
    return this.url(`/api/v1/apps/${appId}/credentials/secrets/${secretId}`);
  }

  private checkIds(operation: string, appId: string, secretId: string): void {
    assertAppId(appId, operation, this.org);
    assertSecretId(secretId, operation, this.org);
  }

  private protocol(operation: string, detail: string, status?: number): OktaError {
    return new OktaError({ kind: 'protocol', operation, org: this.org, detail, status });
  }

  /** A write whose effect is unknown: the answer was lost or unreadable, or Okta failed with a 5xx. */
  private outcomeUncertain(e: unknown): boolean {
    if (!isOktaError(e)) return false;
    if (e.kind === 'serverError') return true;
    if (e.kind === 'protocol' && e.status !== undefined && e.status >= 200 && e.status < 300) return true;
    return (e.kind === 'network' || e.kind === 'timeout') && requestMayHaveReachedOkta(e);
  }

  private unknownOutcome(
    operation: string,
    first: OktaError,
    readError: unknown,
    detail?: string,
    orphanSecretId?: string,
  ): OktaError {
    if (isOktaError(readError, 'cancelled')) return readError;
    return new OktaError({
      kind: 'outcomeUnknown',
      operation,
      org: this.org,
      detail: detail ?? `${first.detail ?? first.kind}, and checking what Okta did failed too`,
      cause: readError ?? first,
      orphanSecretId,
    });
  }

  private async changeStatus(
    appId: string,
    secretId: string,
    target: 'ACTIVE' | 'INACTIVE',
    signal?: AbortSignal,
  ): Promise<ClientSecret> {
    const verb = target === 'ACTIVE' ? 'activate' : 'deactivate';
    const operation = `${target === 'ACTIVE' ? 'Activating' : 'Deactivating'} client secret ${shownSecretId(secretId)} of app ${shownAppId(appId)}`;
    this.checkIds(operation, appId, secretId);
    try {
      const res = await this.execute(
        {
          operation,
          method: 'POST',
          url: this.url(`/api/v1/apps/${appId}/credentials/secrets/${secretId}/lifecycle/${verb}`),
          tries: 1,
          appsBucket: true,
          authenticate: true,
          notFoundAdvice: 'This secret no longer exists. Refresh the secrets list.',
        },
        signal,
      );
      return this.parse(operation, res, ClientSecretSchema);
    } catch (e) {
      if (!this.outcomeUncertain(e)) throw e;
      const first = e as OktaError;
      // Activation and deactivation are idempotent: what matters is the state Okta holds now.
      let observed: ClientSecret;
      try {
        observed = await this.getSecret(appId, secretId, signal);
      } catch (readError) {
        throw this.unknownOutcome(operation, first, readError);
      }
      if (observed.status === target) return observed;
      if (first.kind === 'serverError') throw first;
      throw this.unknownOutcome(
        operation,
        first,
        undefined,
        `secret ${secretId} is still ${observed.status} after the answer was lost; it is safe to try again`,
      );
    }
  }

  private async reconcileCreate(
    operation: string,
    appId: string,
    before: readonly ClientSecret[],
    first: OktaError,
    signal?: AbortSignal,
  ): Promise<CreatedSecret> {
    let after: ClientSecret[];
    try {
      after = await this.listSecrets(appId, signal);
    } catch (readError) {
      throw this.unknownOutcome(
        operation,
        first,
        readError,
        `${first.detail ?? first.kind}, and listing the secrets to check failed too`,
      );
    }
    const known = new Set(before.map((s) => s.id));
    const fresh = after.filter((s) => !known.has(s.id));
    if (fresh.length === 1) {
      const orphan = fresh[0]!;
      // Okta lists secrets in plaintext, so the value can be read back from the list.
      if (orphan.client_secret) return { ...orphan, recovered: true };
      throw new OktaError({
        kind: 'outcomeUnknown',
        operation,
        org: this.org,
        orphanSecretId: orphan.id,
        cause: first,
        detail: `secret ${orphan.id} was created but its value was lost (${first.detail ?? first.kind})`,
        advice: `Deactivate and delete secret ${orphan.id} (nobody knows its value), then create another.`,
      });
    }
    if (fresh.length === 0) {
      if (first.kind === 'serverError') throw first;
      throw new OktaError({
        kind: 'outcomeUnknown',
        operation,
        org: this.org,
        cause: first,
        detail: `nothing was created (${first.detail ?? first.kind})`,
        advice: 'No new secret appeared in the list, so it is safe to try again.',
      });
    }
    throw new OktaError({
      kind: 'outcomeUnknown',
      operation,
      org: this.org,
      cause: first,
      detail: `${fresh.length} new secrets appeared (${fresh.map((s) => s.id).join(', ')}): someone else is changing this app too`,
      advice: 'Refresh the secrets list and check with the other admins before acting again.',
    });
  }

  private parse<S extends z.ZodMiniType>(operation: string, res: HttpResponse, schema: S): z.infer<S> {
    const type = header(res.headers, 'content-type');
    if (!type || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
      const shown = type ? type.split(';')[0]!.trim().slice(0, 60) : 'none';
      throw this.protocol(operation, `the answer is not JSON (content type ${shown})`, res.status);
    }
    let data: unknown;
    try {
      data = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw this.protocol(operation, 'the answer is not valid JSON', res.status);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      // Paths and issue codes only: never a value from the body (it may hold a client secret).
      throw this.protocol(
        operation,
        `the answer does not match the API: ${describeIssues(parsed.error.issues)}`,
        res.status,
      );
    }
    return parsed.data;
  }

  private log(entry: ApiCallLog): void {
    if (!this.onApiCall) return;
    try {
      this.onApiCall(entry);
    } catch {
      // A failing logger must not fail the call.
    }
  }

  private backoffMs(failures: number): number {
    const ceiling = Math.min(4000, this.retryBaseDelayMs * 2 ** (failures - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async pause(
    operation: string,
    ms: number,
    signal?: AbortSignal,
    reason: 'rateLimit' | 'retry' = 'retry',
  ): Promise<void> {
    if (signal?.aborted) throw new OktaError({ kind: 'cancelled', operation, org: this.org });
    try {
      this.onWait?.(reason, ms);
    } catch {
      // A failing listener must not fail the call.
    }
    try {
      await this.sleep(ms, signal);
    } catch (e) {
      throw new OktaError({ kind: 'cancelled', operation, org: this.org, cause: e });
    }
  }

  /** Sends `call` until it succeeds (2xx) or fails for good, per the retry rules; throws a classified OktaError. */
  private async execute(call: Call, signal?: AbortSignal): Promise<HttpResponse> {
    let failures = 0;
    let rateLimitRetries = 0;
    let reauthorized = false;
    let retryFor: string | undefined;
    const context = {
      operation: call.operation,
      org: this.org,
      notFoundAdvice: call.notFoundAdvice,
      authAdvice: this.auth.advice,
    };
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
      if (call.authenticate) {
        Object.assign(headers, await this.auth.authorize({ method: call.method, url: call.url.href, signal }));
      }
      if (call.extraHeaders) Object.assign(headers, call.extraHeaders);
      if (call.body) headers['content-type'] = call.body.contentType;
      if (rateLimitRetries > 0) {
        if (retryFor) headers['x-okta-retry-for'] = retryFor;
        headers['x-okta-retry-count'] = String(rateLimitRetries);
      }
      const started = this.now();
      let res: HttpResponse;
      try {
        res = await this.transport.send({
          operation: call.operation,
          method: call.method,
          url: call.url,
          headers,
          body: call.body?.text,
          signal,
        });
      } catch (e) {
        this.log({ method: call.method, path: call.url.pathname, status: 'error', ms: this.now() - started, attempt });
        if (isOktaError(e, 'network')) {
          failures++;
          if (failures < call.tries) {
            await this.pause(call.operation, this.backoffMs(failures), signal);
            continue;
          }
        }
        throw e;
      }
      const errorBody = res.status >= 400 ? parseErrorBody(header(res.headers, 'content-type'), res.body) : undefined;
      let remaining: number | undefined;
      if (call.appsBucket) {
        const snap = readRateLimit(res.headers, this.now());
        if (snap) {
          this.snapshot = snap;
          remaining = snap.remaining;
        }
      }
      const entry: ApiCallLog = {
        method: call.method,
        path: call.url.pathname,
        status: res.status,
        ms: this.now() - started,
        attempt,
      };
      if (remaining !== undefined) entry.rateLimitRemaining = remaining;
      if (errorBody?.errorId) entry.errorId = errorBody.errorId;
      this.log(entry);

      if (res.status >= 200 && res.status < 300) return res;
      if (call.acceptAnyStatus) return res;

      if (res.status === 429) {
        const now = this.now();
        const wait = rateLimitWaitMs(res.headers, now);
        const retryAt = new Date(now + wait);
        if (rateLimitRetries < this.maxRateLimitRetries && wait <= this.maxRateLimitWaitMs) {
          rateLimitRetries++;
          retryFor = header(res.headers, 'x-okta-request-id') ?? retryFor;
          await this.pause(call.operation, wait, signal, 'rateLimit');
          continue;
        }
        throw errorForStatus(context, 429, errorBody, retryAt, new Date(now));
      }
      if (res.status === 401 && !reauthorized && this.auth.onUnauthorized) {
        reauthorized = true;
        if (await this.auth.onUnauthorized({ status: res.status, headers: res.headers })) continue;
      }
      if (res.status >= 500 && !call.networkOnly) {
        failures++;
        if (failures < call.tries) {
          await this.pause(call.operation, this.backoffMs(failures), signal);
          continue;
        }
      }
      throw errorForStatus(context, res.status, errorBody);
    }
  }
}

/** A client for the org at `baseUrl` authenticated by an API token: the common case in one call. */
export function oktaClientWithApiToken(
  baseUrl: string,
  apiToken: string,
  opts: Partial<OktaClientOptions> = {},
): OktaClient {
  const host = URL.canParse(baseUrl) ? new URL(baseUrl).host : undefined;
  return new OktaClient({ ...opts, baseUrl, auth: new ApiTokenAuth(apiToken, host ? { org: host } : {}) });
}
