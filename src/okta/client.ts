// The Okta Management API client for one org: the apps and client-secret operations, who the credential is and
// whether it may manage secrets, and the System Log, with Okta's rate limits honoured, safe retries (reads only),
// reconciliation of writes whose answer was lost, and errors a person can act on. Everything Okta sends is parsed
// with the zod schemas; nothing Okta sends is echoed into a message.
// This class only composes: the request loop (http/requestLoop.ts), the apps (apps.ts), the secrets (secrets.ts),
// the token-endpoint probe (secretProbe.ts), identity and roles (identity.ts, secretManagement.ts) and the System Log
// (systemLog.ts; a client's failed sign-ins: clientAuthFailures.ts) each live in their own module. Each public call is
// one operation (http/operationBudget.ts), or part of the caller's when its signal is an OperationBudget's.
import { OrgApps, type AppQuery } from './apps.ts';
import { ApiTokenAuth, type Authenticator } from './auth.ts';
import {
  listClientAuthFailures,
  type ClientAuthFailureQuery,
  type ClientAuthFailuresResult,
} from './clientAuthFailures.ts';
import type { ApiCallLog, WaitReason } from './http/listeners.ts';
import type { OperationLimits } from './http/operationBudget.ts';
import { RequestLoop } from './http/requestLoop.ts';
import { defaultSleep } from './http/sleep.ts';
import { OrgIdentity, type AdminRole, type CredentialIdentity } from './identity.ts';
import { checkOrgOrigin } from './orgOrigin.ts';
import type { RateLimitSnapshot } from './rateLimit.ts';
import type { Application, ClientSecret, WorkflowsApp } from './schemas.ts';
import type { CreatedSecret } from './secretReconcile.ts';
import { verifyClientSecret, type SecretProbeResult } from './secretProbe.ts';
import { assessSecretManagement, type SecretManagementAssessment } from './secretManagement.ts';
import { AppSecrets, type CreateSecretOptions } from './secrets.ts';
import { listSystemLogEvents, type SystemLogQuery, type SystemLogResult } from './systemLog.ts';
import { Transport } from './transport.ts';
import type { NetworkOptions } from './network/networkOptions.ts';

export type { RateLimitSnapshot } from './rateLimit.ts';
export type { Authenticator } from './auth.ts';
export type { ApiCallLog } from './http/listeners.ts';
export type { CreatedSecret } from './secretReconcile.ts';
export type { CreateSecretOptions } from './secrets.ts';
export type { AdminIdentity, AdminRole, CredentialIdentity } from './identity.ts';
export type { SecretManagementAssessment } from './secretManagement.ts';
export type { SystemLogEvent, SystemLogQuery, SystemLogResult } from './systemLog.ts';
export type { ClientAuthFailure, ClientAuthFailureQuery, ClientAuthFailuresResult } from './clientAuthFailures.ts';
export { ApiTokenAuth };

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
  /**
   * The limits of an operation the client starts itself, for a call given no operation's signal (an
   * OperationBudget's): its deadline, rate-limit waits and retries in all, items and bytes across its pages.
   * Defaults: DEFAULT_OPERATION_LIMITS (3 min, 4 waits, 6 retries, 20 000 items, 16 MiB).
   */
  operation?: Partial<OperationLimits>;
  /** Injectable for tests: waiting (must reject when `signal` aborts), the clock, and jitter. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Told before each wait: a 429's wait for the rate-limit reset, a retry's backoff, or an answer slow to come
   * (a UI shows the long ones).
   */
  onWait?: (reason: WaitReason, ms: number) => void;
  /**
   * Told when onApiCall or onWait throws (the call goes on regardless). Default: a process warning naming the
   * listener, without the error's text.
   */
  onListenerError?: (error: unknown, listener: 'onApiCall' | 'onWait') => void;
  now?: () => number;
  random?: () => number;
}

const ORIGIN_ERROR = 'Starting the Okta client';

export class OktaClient {
  /** The org's host, for messages: 'acme.okta.com'. */
  readonly org: string;
  readonly baseUrl: string;
  readonly #auth: Authenticator;
  readonly #transport: Transport;
  readonly #http: RequestLoop;
  readonly #apps: OrgApps;
  readonly #secrets: AppSecrets;
  readonly #identity: OrgIdentity;
  readonly #maxPages: number;

  constructor(opts: OktaClientOptions) {
    const url = checkOrgOrigin(opts.baseUrl, ORIGIN_ERROR);
    this.org = url.host;
    this.baseUrl = url.origin;
    this.#auth = opts.auth;
    this.#transport = new Transport({
      origin: url.origin,
      org: this.org,
      timeoutMs: opts.timeoutMs ?? 30_000,
      connections: opts.connections ?? 4,
      maxBodyBytes: opts.maxBodyBytes ?? 5 * 1024 * 1024,
      network: opts.network,
    });
    this.#http = new RequestLoop({
      origin: url.origin,
      org: this.org,
      auth: opts.auth,
      transport: this.#transport,
      readTries: Math.max(1, opts.maxRetries ?? 3),
      maxRateLimitRetries: Math.max(0, opts.maxRateLimitRetries ?? 2),
      maxRateLimitWaitMs: opts.maxRateLimitWaitMs ?? 65_000,
      retryBaseDelayMs: opts.retryBaseDelayMs ?? 250,
      operationLimits: opts.operation ?? {},
      sleep: opts.sleep ?? defaultSleep,
      now: opts.now ?? Date.now,
      random: opts.random ?? Math.random,
      onApiCall: opts.onApiCall,
      onWait: opts.onWait,
      onListenerError: opts.onListenerError,
    });
    this.#maxPages = opts.maxPages ?? 100;
    this.#apps = new OrgApps(this.#http, this.#maxPages);
    this.#secrets = new AppSecrets(this.#http);
    this.#identity = new OrgIdentity(this.#http);
  }

  /** The last X-Rate-Limit-* headers seen for the org's /api/v1/apps bucket. */
  rateLimit(): RateLimitSnapshot | undefined {
    return this.#http.rateLimit();
  }

  // ---- apps ----

  listApps(query: AppQuery = {}, signal?: AbortSignal): Promise<Application[]> {
    return this.#http.operation(signal, (op) => this.#apps.list(query, op.signal));
  }

  getApp(appId: string, signal?: AbortSignal): Promise<Application> {
    return this.#http.operation(signal, (op) => this.#apps.get(appId, op.signal));
  }

  /**
   * The "Okta Workflows OAuth" app: the given app id (checked to be an OAuth app), or discovered by name, then by
   * label / Workflows service domain. Throws notFound (none), or input (not an OAuth app; several candidates).
   */
  findWorkflowsApp(opts: { appId?: string } = {}, signal?: AbortSignal): Promise<WorkflowsApp> {
    return this.#http.operation(signal, (op) => this.#apps.findWorkflowsApp(opts, op.signal));
  }

  // ---- client secrets ----

  listSecrets(appId: string, signal?: AbortSignal): Promise<ClientSecret[]> {
    return this.#http.operation(signal, (op) => this.#secrets.list(appId, op.signal));
  }

  getSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.#http.operation(signal, (op) => this.#secrets.get(appId, secretId, op.signal));
  }

  /**
   * Creates a client secret (Okta generates the value). Never retried blindly: when the answer is lost, the
   * secrets are listed again and compared with the list taken just before, or with `opts.listedBefore` (the list
   * the caller read just before, which spares listing twice).
   */
  createSecret(appId: string, signal?: AbortSignal, opts?: CreateSecretOptions): Promise<CreatedSecret> {
    return this.#http.operation(signal, (op) => this.#secrets.create(appId, op.signal, opts));
  }

  activateSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.#http.operation(signal, (op) => this.#secrets.activate(appId, secretId, op.signal));
  }

  deactivateSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.#http.operation(signal, (op) => this.#secrets.deactivate(appId, secretId, op.signal));
  }

  deleteSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<void> {
    return this.#http.operation(signal, (op) => this.#secrets.delete(appId, secretId, op.signal));
  }

  /** Checks a client secret against the org's token endpoint without changing anything (see secretProbe.ts). */
  verifyClientSecret(app: WorkflowsApp, clientSecret: string, signal?: AbortSignal): Promise<SecretProbeResult> {
    return this.#http.operation(signal, (op) => verifyClientSecret(this.#http, app, clientSecret, op.signal));
  }

  // ---- who the credential is, what it may do, what Okta logged ----

  /** The admin behind an API token (users/me), or a service app's client id (no call). */
  whoAmI(signal?: AbortSignal): Promise<CredentialIdentity> {
    const app = this.#auth.serviceApp;
    if (app) return Promise.resolve({ kind: 'serviceApp', clientId: app.clientId });
    return this.#http.operation(signal, (op) => this.#identity.me(op.signal));
  }

  /** The admin roles of the user `userId`. A 403 (the credential may not view admin assignments) throws forbidden. */
  listAdminRoles(userId: string, signal?: AbortSignal): Promise<AdminRole[]> {
    return this.#http.operation(signal, (op) => this.#identity.roles(userId, op.signal));
  }

  /** The permissions of a custom role, by its id. */
  rolePermissions(roleId: string, signal?: AbortSignal): Promise<string[]> {
    return this.#http.operation(signal, (op) => this.#identity.permissions(roleId, op.signal));
  }

  /**
   * Whether the credential can manage the Workflows app's secrets (able / readOnly / unknown, with reasons and what
   * to do), from what Okta lets us read without side effects. Refusals to read roles make it unknown, not a failure.
   */
  checkSecretManagement(signal?: AbortSignal): Promise<SecretManagementAssessment> {
    return this.#http.operation(signal, async (op) =>
      assessSecretManagement(await this.#identity.secretManagementEvidence(this.#auth, op.signal)),
    );
  }

  /** The System Log events matching `query`, every page; `permitted: false` when Okta refuses the read (403). */
  listSystemLogEvents(query: SystemLogQuery = {}, signal?: AbortSignal): Promise<SystemLogResult> {
    return this.#http.operation(signal, (op) => listSystemLogEvents(this.#http, this.#maxPages, query, op.signal));
  }

  /**
   * The failed client authentications and failed token grants of an app's OAuth client published in [since, until)
   * (a forgotten flow still presenting a deactivated secret), every page within the operation; `notPermitted` when
   * Okta refuses to read the System Log (403), never thrown.
   */
  listClientAuthFailures(query: ClientAuthFailureQuery, signal?: AbortSignal): Promise<ClientAuthFailuresResult> {
    return this.#http.operation(signal, (op) => listClientAuthFailures(this.#http, this.#maxPages, query, op.signal));
  }

  /** Closes the org's connections once in-flight calls are done. */
  close(): Promise<void> {
    const auth = this.#auth.close?.() ?? Promise.resolve();
    return Promise.all([this.#transport.close(), auth]).then(() => undefined);
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
