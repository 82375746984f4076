// How the client proves who it is. One interface, so an OAuth 2.0 service-app authenticator (private_key_jwt,
// DPoP: issue 6) can replace the API token without the client changing.
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

export interface Authenticator {
  /** The headers that authenticate this one request. Called before every attempt, retries included. */
  authorize(req: AuthorizeRequest): Promise<Record<string, string>>;
  /**
   * Called once after a 401. Return true if fresh credentials were obtained (e.g. an access token refreshed) and
   * the request should be tried once more; false (or absent) makes the 401 final.
   */
  onUnauthorized?(answer?: UnauthorizedAnswer): Promise<boolean>;
  /** Advice for a final 401 or 403 when the API-token wording would mislead (e.g. a service app). */
  readonly advice?: { readonly invalidToken?: string; readonly forbidden?: string };
  /** Releases what the authenticator holds (a connection to the token endpoint). The client's close() calls it. */
  close?(): Promise<void>;
}

/** `Authorization: SSWS <token>`: an Okta API token, which carries its creator's admin rights. */
export class ApiTokenAuth implements Authenticator {
  // A private field: the token never shows in JSON.stringify, util.inspect or an error's properties.
  readonly #token: string;

  constructor(token: string) {
    const t = typeof token === 'string' ? token.trim() : '';
    // Printable ASCII without spaces: anything else could not be a token and could split the header.
    if (t.length < 8 || !/^[\x21-\x7e]+$/.test(t)) {
      throw new OktaError({
        kind: 'input',
        operation: 'Reading the API token',
        detail: t.length === 0 ? 'it is empty' : 'it does not look like an Okta API token',
        advice: 'Paste the API token exactly as Okta showed it (Security > API > Tokens), without spaces.',
      });
    }
    this.#token = t;
  }

  authorize(): Promise<Record<string, string>> {
    return Promise.resolve({ authorization: `SSWS ${this.#token}` });
  }

  toJSON(): { type: string } {
    return { type: 'ApiTokenAuth' };
  }
}
