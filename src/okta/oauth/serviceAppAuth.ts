// OAuth 2.0 for Okta, the least-privilege alternative to an API token: a service app gets an access token by
// client credentials, authenticating with a JWT signed by its private key (private_key_jwt), for only the scopes
// okta.apps.read and okta.apps.manage (plus optional ones, e.g. okta.logs.read, when the app was granted them), bound
// to a DPoP key. The token is cached until a minute before it expires, and refreshed once when the API answers 401.
// The scopes the token endpoint granted are kept: they are what the app may do (secretManagement.ts reads them).
// The private key stays in a private field: it is never logged, serialised or put into an error.
import { randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Authenticator, AuthorizeRequest, ServiceAppCredential, UnauthorizedAnswer } from '../auth.ts';
import { isOktaError, OktaError } from '../errors.ts';
import { registerSecret } from '../../redact.ts';
import { notifyListener, warnListenerFailed, type ApiCallLog } from '../http/listeners.ts';
import { USER_AGENT } from '../http/requestLoop.ts';
import { checkOrgOrigin } from '../orgOrigin.ts';
import { header } from '../rateLimit.ts';
import { Transport, type HttpResponse } from '../transport.ts';
import type { NetworkOptions } from '../network/networkOptions.ts';
import { abortable } from '../http/abortable.ts';
import { DpopKey, dpopNonceOf } from './dpop.ts';
import { refusedOptionalScopes } from './optionalScopes.ts';
import { signJwt, type JwsAlgorithm } from './jwt.ts';
import { readServiceAppCredentials } from './serviceAppCredentials.ts';
import { parseTokenAnswer, readOAuthError, SERVICE_APP_ADVICE, tokenError } from './tokenAnswer.ts';

/** What the extension needs, and nothing more. */
const SERVICE_APP_SCOPES: readonly string[] = ['okta.apps.read', 'okta.apps.manage'];

interface ServiceAppCredentials {
  /** The service app's client id (0oa…). */
  clientId: string;
  /** PEM (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY") or a private JWK (object or JSON text). */
  privateKey: string | JsonWebKey;
  /** The `kid` of the public key registered with the app; taken from the JWK when absent. */
  keyId?: string;
}

export interface ServiceAppAuthOptions extends ServiceAppCredentials {
  /** The org, as for OktaClient: 'https://acme.okta.com' (or http to loopback: the simulator). */
  baseUrl: string;
  /** Default okta.apps.read okta.apps.manage. Okta refuses the token when one of them is not granted. */
  scopes?: readonly string[];
  /**
   * Scopes asked for as well, kept only if granted: when Okta refuses the token (invalid_scope), the optional scopes
   * its answer names are dropped (all of them when it names none) and the token asked for again. Default none.
   */
  optionalScopes?: readonly string[];
  /** Deadline of one token request. Default 30 000. */
  timeoutMs?: number;
  /** The DPoP key's algorithm. Default RS256. */
  dpopAlgorithm?: JwsAlgorithm;
  /** A cached token is replaced this long before it expires. Default 60 000. */
  refreshMarginMs?: number;
  /** Every token request, as the client logs its API calls (path only; never a token). */
  onApiCall?: (c: ApiCallLog) => void;
  /** Told when onApiCall throws (the token request goes on regardless). Default: a process warning, as the client's. */
  onListenerError?: (error: unknown, listener: 'onApiCall') => void;
  /** Injectable clock for tests (epoch ms). */
  now?: () => number;
  /** Proxy and certificate trust, as the client's. */
  network?: NetworkOptions;
}

interface AccessToken {
  value: string;
  /** DPoP (bound to our key) or Bearer (a server that does not bind). */
  type: 'DPoP' | 'Bearer';
  expiresAt: number;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export class ServiceAppAuth implements Authenticator {
  readonly clientId: string;
  readonly keyId: string | undefined;
  readonly scopes: readonly string[];
  readonly optionalScopes: readonly string[];
  readonly org: string;
  /** Who the app is and what it was granted, for the client's whoAmI and capability check. */
  readonly serviceApp: ServiceAppCredential;
  /** Read by the client to word 401 and 403 errors for a service app rather than an API token. */
  readonly credentialName = 'service app';
  readonly advice = { invalidToken: SERVICE_APP_ADVICE.tokenRefused, forbidden: SERVICE_APP_ADVICE.forbidden };
  readonly #key: KeyObject;
  readonly #alg: JwsAlgorithm;
  readonly #tokenUrl: string;
  readonly #transport: Transport;
  readonly #dpopAlgorithm: JwsAlgorithm;
  readonly #refreshMarginMs: number;
  readonly #now: () => number;
  readonly #onApiCall: ((c: ApiCallLog) => void) | undefined;
  readonly #onListenerError: (error: unknown, listener: 'onApiCall') => void;
  #dpop: Promise<DpopKey> | undefined;
  #token: AccessToken | undefined;
  #pending: Promise<AccessToken> | undefined;
  /** What the last token answer granted. */
  #granted: readonly string[] | undefined;
  /** Optional scopes Okta refused: no longer asked for. */
  readonly #refused = new Set<string>();
  /** The last nonces the token endpoint and the API handed out (RFC 9449 §8, §9: each server has its own). */
  #tokenNonce: string | undefined;
  #apiNonce: string | undefined;

  constructor(opts: ServiceAppAuthOptions) {
    const operation = 'Reading the service app credentials';
    const url = checkOrgOrigin(opts.baseUrl, operation);
    this.org = url.host;
    const { clientId, key, alg, kid } = readServiceAppCredentials(opts, this.org, operation);
    this.clientId = clientId;
    this.keyId = opts.keyId?.trim() || kid;
    this.scopes = [...(opts.scopes ?? SERVICE_APP_SCOPES)];
    this.optionalScopes = (opts.optionalScopes ?? []).filter((s) => !this.scopes.includes(s));
    this.serviceApp = { clientId, grantedScopes: (signal) => this.grantedScopes(signal) };
    this.#key = key;
    this.#alg = alg;
    this.#tokenUrl = `${url.origin}/oauth2/v1/token`;
    this.#dpopAlgorithm = opts.dpopAlgorithm ?? 'RS256';
    this.#refreshMarginMs = opts.refreshMarginMs ?? 60_000;
    this.#now = opts.now ?? Date.now;
    this.#onApiCall = opts.onApiCall;
    this.#onListenerError = opts.onListenerError ?? warnListenerFailed;
    this.#transport = new Transport({
      origin: url.origin,
      org: this.org,
      timeoutMs: opts.timeoutMs ?? 30_000,
      connections: 1,
      maxBodyBytes: 256 * 1024,
      network: opts.network,
    });
  }

  async authorize(req: AuthorizeRequest): Promise<Record<string, string>> {
    const token = await this.accessToken(req.signal);
    if (token.type === 'Bearer') return { authorization: `Bearer ${token.value}` };
    const dpop = await this.dpopKey();
    return {
      authorization: `DPoP ${token.value}`,
      dpop: dpop.proof({
        method: req.method,
        url: req.url,
        nonce: this.#apiNonce,
        accessToken: token.value,
        iat: this.seconds(),
      }),
    };
  }

  /** After a 401: a DPoP nonce challenge is answered with the nonce; anything else gets a new access token. */
  async onUnauthorized(answer?: UnauthorizedAnswer): Promise<boolean> {
    const nonce = dpopNonceOf(answer?.headers ?? {});
    if (nonce) this.#apiNonce = nonce;
    const challenge = header(answer?.headers ?? {}, 'www-authenticate') ?? '';
    if (nonce && /\berror="?use_dpop_nonce\b/i.test(challenge)) return true;
    this.#token = undefined;
    await this.accessToken();
    return true;
  }

  /** The scopes the current access token was granted (fetching a token when none is cached). */
  async grantedScopes(signal?: AbortSignal): Promise<readonly string[]> {
    await this.accessToken(signal);
    return this.#granted ?? this.scopes;
  }

  /** Drops the cached access token (the next call fetches another). */
  forgetToken(): void {
    this.#token = undefined;
  }

  close(): Promise<void> {
    return this.#transport.close();
  }

  toJSON(): { type: string; clientId: string; scopes: readonly string[] } {
    return { type: 'ServiceAppAuth', clientId: this.clientId, scopes: this.scopes };
  }

  // ---- internals ----

  private seconds(): number {
    return Math.floor(this.#now() / 1000);
  }

  private dpopKey(): Promise<DpopKey> {
    this.#dpop ??= DpopKey.generate(this.#dpopAlgorithm);
    return this.#dpop;
  }

  /** The cached token while it is fresh; otherwise one token request shared by every caller waiting for it. */
  private async accessToken(signal?: AbortSignal): Promise<AccessToken> {
    const cached = this.#token;
    if (cached && this.#now() < cached.expiresAt) return cached;
    if (!this.#pending) {
      const pending = this.requestToken().finally(() => {
        this.#pending = undefined;
      });
      // Every caller may have cancelled: the failure is theirs to see, never an unhandled rejection.
      pending.catch(() => undefined);
      this.#pending = pending;
    }
    // The shared request is not tied to one caller's signal; a caller that cancels stops waiting for it.
    return abortable(
      this.#pending,
      signal,
      () => new OktaError({ kind: 'cancelled', operation: this.operation(), org: this.org }),
    );
  }

  private operation(): string {
    return `Getting an access token for service app ${this.clientId}`;
  }

  private clientAssertion(iat: number): string {
    const header: Record<string, unknown> = { typ: 'JWT' };
    if (this.keyId) header.kid = this.keyId;
    // exp well under Okta's one-hour limit; a fresh jti every time (Okta refuses a replayed assertion).
    return signJwt(
      header,
      { iss: this.clientId, sub: this.clientId, aud: this.#tokenUrl, iat, exp: iat + 300, jti: randomUUID() },
      this.#key,
      this.#alg,
    );
  }

  private async requestToken(): Promise<AccessToken> {
    const operation = this.operation();
    const dpop = await this.dpopKey();
    const url = new URL(this.#tokenUrl);
    let nonceRetried = false;
    for (let attempt = 1; ; attempt++) {
      const iat = this.seconds();
      const requested = [...this.scopes, ...this.optionalScopes.filter((s) => !this.#refused.has(s))];
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        scope: requested.join(' '),
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: this.clientAssertion(iat),
      }).toString();
      const headers = {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': USER_AGENT,
        dpop: dpop.proof({ method: 'POST', url: this.#tokenUrl, nonce: this.#tokenNonce, iat }),
      };
      const started = this.#now();
      let res: HttpResponse;
      try {
        res = await this.#transport.send({ operation, method: 'POST', url, headers, body });
      } catch (e) {
        const status = isOktaError(e, 'cancelled') ? 'cancelled' : 'error';
        this.log({ method: 'POST', path: url.pathname, status, ms: this.#now() - started, attempt });
        throw e;
      }
      this.log({ method: 'POST', path: url.pathname, status: res.status, ms: this.#now() - started, attempt });
      const nonce = dpopNonceOf(res.headers);
      if (nonce) this.#tokenNonce = nonce;
      if (res.status === 200) return this.readToken(res, operation, requested);
      const error = readOAuthError(res);
      // The first request of a session has no nonce yet: Okta hands one out with 400 use_dpop_nonce. Once.
      if (error?.error === 'use_dpop_nonce' && nonce && !nonceRetried) {
        nonceRetried = true;
        continue;
      }
      // An optional scope not granted: ask again without it (without all of them if the refusal names none).
      const asked = this.optionalScopes.filter((s) => !this.#refused.has(s));
      if (error?.error === 'invalid_scope' && asked.length > 0) {
        for (const s of refusedOptionalScopes(asked, error.error_description)) this.#refused.add(s);
        continue;
      }
      throw tokenError(operation, this.org, res.status, error);
    }
  }

  private readToken(res: HttpResponse, operation: string, requested: readonly string[]): AccessToken {
    const answer = parseTokenAnswer(res, operation, this.org);
    registerSecret(answer.value);
    this.#granted = answer.scopes ?? requested;
    // A short-lived token is still used for half its life rather than fetched again on every call.
    const margin = Math.min(this.#refreshMarginMs, answer.lifetimeMs / 2);
    const token: AccessToken = {
      value: answer.value,
      type: answer.type,
      expiresAt: this.#now() + answer.lifetimeMs - margin,
    };
    this.#token = token;
    return token;
  }

  private log(entry: ApiCallLog): void {
    notifyListener('onApiCall', this.#onApiCall, [entry], this.#onListenerError);
  }
}
