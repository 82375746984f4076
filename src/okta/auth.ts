// How the client proves who it is. One interface for every credential: the API token here (ApiTokenAuth) and the
// OAuth 2.0 service app (oauth/serviceAppAuth.ts: private_key_jwt, DPoP) are interchangeable, so the client and
// the request loop never change with the kind of credential an org uses.
import { registerSecret } from '../redact.ts';
import { OktaError } from './errors.ts';

export interface AuthorizeRequest {
  method: string;
  /** The absolute URL about to be called (a DPoP proof signs it). */
  url: string;
  signal?: AbortSignal;
}

/** What the client passes to onUnauthorized: the 401's headers (a DPoP nonce challenge comes in them). */
export interface UnauthorizedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** A credential that is an OAuth 2.0 service app rather than an admin's API token. */
export interface ServiceAppCredential {
  /** Its client id: who it is, without a call. */
  readonly clientId: string;
  /** The scopes its access token was granted (the token answer's `scope`); fetches a token if none is cached. */
  grantedScopes(signal?: AbortSignal): Promise<readonly string[]>;
}

export interface Authenticator {
  /** Set by a service app (oauth/serviceAppAuth.ts); absent for an API token. */
  readonly serviceApp?: ServiceAppCredential;
  /** The headers that authenticate this one request. Called before every attempt, retries included. */
  authorize(req: AuthorizeRequest): Promise<Record<string, string>>;
  /**
   * Called once after a 401. Return true if fresh credentials were obtained (e.g. an access token refreshed) and
   * the request should be tried once more; false (or absent) makes the 401 final.
   */
  onUnauthorized?(answer?: UnauthorizedAnswer): Promise<boolean>;
  /** What a refusal names ("API token", "service app"). */
  readonly credentialName?: string;
  /** Advice for a final 401 or 403 when the API-token wording would mislead (e.g. a service app). */
  readonly advice?: { readonly invalidToken?: string; readonly forbidden?: string };
  /** Releases what the authenticator holds (a connection to the token endpoint). The client's close() calls it. */
  close?(): Promise<void>;
}

export interface ApiTokenAuthOptions {
  /** The org's host, named when the token is refused. */
  org?: string;
}

/** Okta's API tokens are 42 characters ('00' and 40 more); a longer paste is something else (a page, a key...). */
const MAX_TOKEN_LENGTH = 200;
const MIN_TOKEN_LENGTH = 8;

/** Why `token` (trimmed) cannot be an API token, in words that never quote it; undefined when it may be one. */
function tokenProblem(token: string): string | undefined {
  if (token.length === 0) return 'it is empty';
  if (/\s/.test(token)) return 'it contains a space or a line break';
  // Printable ASCII only: a control character could split the header, and no token has anything else.
  if (/\p{Cc}/u.test(token)) return 'it contains control characters';
  if (!/^[\x21-\x7e]+$/.test(token)) return 'it contains characters an API token never has';
  if (token.length < MIN_TOKEN_LENGTH) return 'it is too short to be an Okta API token';
  if (token.length > MAX_TOKEN_LENGTH)
    return `it is ${token.length} characters long, far more than an Okta API token (42): something else was pasted`;
  return undefined;
}

/** `Authorization: SSWS <token>`: an Okta API token, which carries its creator's admin rights. */
export class ApiTokenAuth implements Authenticator {
  readonly credentialName = 'API token';
  // A private field: the token never shows in JSON.stringify, util.inspect or an error's properties.
  readonly #token: string;

  /** Throws OktaError 'input' (without the token in it) for what cannot be a token: nothing is ever sent with it. */
  constructor(token: string, opts: ApiTokenAuthOptions = {}) {
    const t = typeof token === 'string' ? token.trim() : '';
    const problem = tokenProblem(t);
    if (problem) {
      throw new OktaError({
        kind: 'input',
        operation: 'Reading the API token',
        ...(opts.org ? { org: opts.org } : {}),
        detail: problem,
        advice: `Copy the API token again exactly as Okta showed it when it was created (Security > API > Tokens; Okta shows it only once, so create a new one if it is lost), then set it again for ${opts.org ?? 'this org'}.`,
      });
    }
    this.#token = t;
    registerSecret(t);
  }

  authorize(): Promise<Record<string, string>> {
    return Promise.resolve({ authorization: `SSWS ${this.#token}` });
  }

  toJSON(): { type: string } {
    return { type: 'ApiTokenAuth' };
  }
}
