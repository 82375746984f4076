// The org's OAuth 2.0 service app (FACTS.md "Authentication"): registered with a public key, authenticating by
// private_key_jwt, requiring DPoP, granted okta.apps.read and okta.apps.manage (configurable per org seed).
// It answers the client-credentials requests of /oauth2/v1/token and checks `Authorization: DPoP` on the
// management API: proof signature, htm/htu, iat, jti replay, nonce, ath and the key thumbprint the token is
// bound to (cnf.jkt), then the scope the route needs. Grantable besides: okta.users.read(.self), okta.roles.read,
// okta.logs.read (the seed decides).
import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { accessDenied } from './errors.ts';
import { newAppId, newErrorId, randomBase62 } from './ids.ts';
import type { Answer } from './answer.ts';
import { NonceIssuer, ReplayCache } from './oneTimeValues.ts';
import { decodeJwt, publicKeyFromJwk, sha256Base64url, thumbprint, verifySignature, type DecodedJwt } from './jose.ts';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DEFAULT_SCOPES: readonly string[] = ['okta.apps.read', 'okta.apps.manage'];

/** Per org seed: `serviceApp: false` (none) or overrides. */
export interface ServiceAppSeed {
  /** Scopes granted to the app. Default okta.apps.read okta.apps.manage. */
  scopes?: string[];
  /** Lifetime of issued access tokens, seconds. Default 3600. */
  accessTokenSeconds?: number;
  /** The API also demands a DPoP nonce (401 use_dpop_nonce first). Default false. */
  apiNonce?: boolean;
  /** The app's label, as the System Log names it when it acts. Default "Workflows Secret Rotation". */
  label?: string;
}

/** What the --json line tells a client (the private key included: it is a simulator). */
export interface ServiceAppInfo {
  clientId: string;
  keyId: string;
  privateKeyPem: string;
  scopes: string[];
}

interface IssuedToken {
  jkt: string;
  scopes: readonly string[];
  expiresAt: number;
}

const IAT_PAST_S = 300; // a proof older than this is stale
const IAT_FUTURE_S = 60; // clock skew tolerated
const NO_STORE = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache' };

// One RSA 2048 key pair per process, shared by every org's service app (each has its own client id and key id):
// generating it costs ~100 ms, too much to pay per org and per test.
let sharedKeys: Promise<{ publicKey: KeyObject; privateKeyPem: string }> | undefined;
export function serviceAppKeys(): Promise<{ publicKey: KeyObject; privateKeyPem: string }> {
  sharedKeys ??= promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ publicKey, privateKey }) => ({
    publicKey,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  }));
  return sharedKeys;
}

const oauthError = (
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Answer => ({
  status,
  body: { error, error_description: description },
  headers: { ...NO_STORE, ...headers },
});

/** 401 E0000011 with the RFC 9449 challenge a DPoP client reads. */
function apiUnauthorized(error: string, description: string, headers: Record<string, string> = {}): Answer {
  return {
    status: 401,
    body: {
      errorCode: 'E0000011',
      errorSummary: 'Invalid token provided',
      errorLink: 'E0000011',
      errorId: newErrorId(),
      errorCauses: [],
    },
    headers: {
      'WWW-Authenticate': `DPoP algs="RS256 ES256", error="${error}", error_description="${description}"`,
      ...headers,
    },
  };
}

type ProofCheck = { ok: true; jkt: string; proof: DecodedJwt } | { ok: false; description: string };

export class ServiceApp {
  readonly clientId = newAppId();
  readonly keyId = randomBase62(43);
  readonly label: string;
  readonly scopes: readonly string[];
  readonly accessTokenSeconds: number;
  readonly apiNonce: boolean;
  private readonly publicKey: KeyObject;
  private readonly privateKeyPem: string;
  private readonly now: () => number;
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly assertionIds = new ReplayCache();
  private readonly proofIds = new ReplayCache();
  private readonly tokenNonces = new NonceIssuer();
  private readonly apiNonces = new NonceIssuer();

  constructor(keys: { publicKey: KeyObject; privateKeyPem: string }, seed: ServiceAppSeed, now: () => number) {
    this.publicKey = keys.publicKey;
    this.privateKeyPem = keys.privateKeyPem;
    this.scopes = [...(seed.scopes ?? DEFAULT_SCOPES)];
    this.accessTokenSeconds = seed.accessTokenSeconds ?? 3600;
    if (!(this.accessTokenSeconds > 0)) throw new Error('simulator: serviceApp.accessTokenSeconds must be > 0');
    this.apiNonce = seed.apiNonce ?? false;
    this.label = seed.label ?? 'Workflows Secret Rotation';
    this.now = now;
  }

  info(): ServiceAppInfo {
    return { clientId: this.clientId, keyId: this.keyId, privateKeyPem: this.privateKeyPem, scopes: [...this.scopes] };
  }

  /** Every access token issued so far stops working (as if it expired or was revoked). */
  expireAccessTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  /** POST /oauth2/v1/token with a client assertion: client credentials for this app. */
  tokenRequest(form: URLSearchParams, dpopHeader: string | string[] | undefined, tokenUrl: string): Answer {
    const now = this.now();
    if (form.get('client_assertion_type') !== ASSERTION_TYPE)
      return oauthError(401, 'invalid_client', 'The client_assertion_type is not supported.');
    const clientProblem = this.checkAssertion(form, tokenUrl, now);
    if (clientProblem) return oauthError(401, 'invalid_client', clientProblem);
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(
        400,
        'unauthorized_client',
        'The client is not authorized to use the provided grant type. Configured grant types: [client_credentials].',
      );
    }
    if (typeof dpopHeader !== 'string' || dpopHeader === '')
      return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
    const proof = this.checkProof(dpopHeader, 'POST', tokenUrl, now);
    if (!proof.ok) return oauthError(400, 'invalid_dpop_proof', proof.description);
    if (!this.tokenNonces.valid(proof.proof.payload.nonce, now)) {
      return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', {
        'DPoP-Nonce': this.tokenNonces.issue(now),
      });
    }
    const requested = (form.get('scope') ?? '').split(' ').filter((s) => s.length > 0);
    if (requested.length === 0)
      return oauthError(
        400,
        'invalid_scope',
        "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
      );
    const refused = requested.filter((s) => !this.scopes.includes(s));
    if (refused.length > 0)
      return oauthError(
        400,
        'invalid_scope',
        `The following scopes are not granted to the client: ${refused.join(' ')}.`,
      );
    const token = this.accessToken(proof.jkt, requested, now);
    return {
      status: 200,
      body: {
        token_type: 'DPoP',
        expires_in: this.accessTokenSeconds,
        access_token: token,
        scope: requested.join(' '),
      },
      headers: NO_STORE,
    };
  }

  /**
   * `Authorization: DPoP <token>` on the management API: undefined when allowed, otherwise the answer to send.
   * `url` is the request's absolute URL without query; `scopes`: the route needs one of them (none: any token).
   */
  authorizeApi(
    authorization: string,
    dpopHeader: string | string[] | undefined,
    method: string,
    url: string,
    scopes: readonly string[],
  ): Answer | undefined {
    const now = this.now();
    const m = /^(DPoP|Bearer)\s+(\S+)\s*$/i.exec(authorization);
    const token = m?.[2] ? this.tokens.get(m[2]) : undefined;
    if (!m || !token || token.expiresAt <= now)
      return apiUnauthorized('invalid_token', 'The access token is invalid or expired.');
    if (m[1]!.toLowerCase() !== 'dpop')
      return apiUnauthorized('invalid_token', 'A DPoP-bound access token must be presented with the DPoP scheme.');
    if (typeof dpopHeader !== 'string' || dpopHeader === '')
      return apiUnauthorized('invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
    const proof = this.checkProof(dpopHeader, method, url, now);
    if (!proof.ok) return apiUnauthorized('invalid_dpop_proof', proof.description);
    if (proof.proof.payload.ath !== sha256Base64url(m[2]!))
      return apiUnauthorized('invalid_dpop_proof', "The DPoP proof 'ath' does not match the access token.");
    if (proof.jkt !== token.jkt)
      return apiUnauthorized('invalid_dpop_proof', 'The DPoP proof key is not the key the access token is bound to.');
    if (this.apiNonce && !this.apiNonces.valid(proof.proof.payload.nonce, now)) {
      return apiUnauthorized('use_dpop_nonce', 'Resource server requires nonce in DPoP proof.', {
        'DPoP-Nonce': this.apiNonces.issue(now),
      });
    }
    // The route's scopes (okta.apps.manage includes reading apps, so reads accept either).
    const needed = scopes;
    if (needed.length > 0 && !needed.some((s) => token.scopes.includes(s))) {
      const denied = accessDenied();
      denied.body.errorCauses = [
        { errorSummary: `The access token provided does not contain the required scopes: ${needed[0]}.` },
      ];
      return {
        status: 403,
        body: denied.body,
        headers: {
          'WWW-Authenticate': `DPoP error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", scope="${needed[0]}"`,
        },
      };
    }
    return undefined;
  }

  // ---- checks ----

  /** undefined when the assertion authenticates this client; otherwise Okta's invalid_client description. */
  private checkAssertion(form: URLSearchParams, tokenUrl: string, now: number): string | undefined {
    const jwt = decodeJwt(form.get('client_assertion') ?? undefined);
    if (!jwt) return 'The client_assertion is not a valid JWT.';
    const { header, payload } = jwt;
    const formClientId = form.get('client_id');
    if (payload.iss !== this.clientId || (formClientId !== null && formClientId !== this.clientId)) {
      return 'Client authentication failed. Either the client or the client authentication method is unsupported.';
    }
    if (payload.sub !== payload.iss) return "The client_assertion token has an invalid 'sub' claim.";
    if (header.kid !== undefined && header.kid !== this.keyId)
      return "The client_assertion token's 'kid' does not match a registered key.";
    if (!verifySignature(jwt, this.publicKey)) return 'The client_assertion signature is invalid.';
    const aud = payload.aud;
    if (aud !== tokenUrl && !(Array.isArray(aud) && aud.includes(tokenUrl)))
      return "The client_assertion token has an invalid 'aud' claim.";
    const exp = payload.exp;
    const iat = typeof payload.iat === 'number' ? payload.iat : Math.floor(now / 1000);
    if (typeof exp !== 'number' || exp * 1000 <= now) return 'The client_assertion token is expired.';
    if (exp - iat > 3600) return "The client_assertion token has an 'exp' more than one hour after 'iat'.";
    if (typeof payload.jti !== 'string' || payload.jti === '')
      return "The client_assertion token must contain a 'jti' claim.";
    if (!this.assertionIds.add(payload.jti, exp * 1000, now))
      return "The client_assertion token contains a 'jti' that has already been used.";
    return undefined;
  }

  private checkProof(text: string, method: string, url: string, now: number): ProofCheck {
    const proof = decodeJwt(text);
    if (!proof) return { ok: false, description: 'The DPoP proof is not a valid JWT.' };
    const { header, payload } = proof;
    if (header.typ !== 'dpop+jwt') return { ok: false, description: "The DPoP proof 'typ' must be 'dpop+jwt'." };
    const key = publicKeyFromJwk(header.jwk);
    if (!key) return { ok: false, description: "The DPoP proof 'jwk' header is missing or is not a public key." };
    if (!verifySignature(proof, key)) return { ok: false, description: 'The DPoP proof signature is invalid.' };
    if (payload.htm !== method)
      return { ok: false, description: "The DPoP proof 'htm' does not match the request method." };
    if (payload.htu !== url) return { ok: false, description: "The DPoP proof 'htu' does not match the request URL." };
    const iat = payload.iat;
    const nowS = now / 1000;
    if (typeof iat !== 'number' || iat < nowS - IAT_PAST_S || iat > nowS + IAT_FUTURE_S)
      return { ok: false, description: "The DPoP proof 'iat' is not recent." };
    if (typeof payload.jti !== 'string' || payload.jti === '')
      return { ok: false, description: "The DPoP proof must contain a 'jti' claim." };
    if (!this.proofIds.add(payload.jti, (iat + IAT_PAST_S) * 1000, now))
      return { ok: false, description: "The DPoP proof 'jti' has already been used." };
    return { ok: true, jkt: thumbprint(header.jwk as Record<string, unknown>), proof };
  }

  private accessToken(jkt: string, scopes: readonly string[], now: number): string {
    // Shaped as a JWT (as Okta's are), opaque to the client; the simulator looks it up rather than verifying it.
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iat = Math.floor(now / 1000);
    const exp = iat + this.accessTokenSeconds;
    const token = `${part({ kid: 'sim', alg: 'RS256' })}.${part({ ver: 1, jti: `AT.${randomBase62(20)}`, cid: this.clientId, iat, exp, scp: scopes, cnf: { jkt } })}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { jkt, scopes, expiresAt: exp * 1000 });
    return token;
  }
}
