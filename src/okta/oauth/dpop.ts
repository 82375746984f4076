// DPoP (RFC 9449): a key pair made on this machine for this session, and the proof JWT that goes with every
// request: to the token endpoint (binding the access token to the key) and to the API (with `ath`, proving
// the caller holds the key the token is bound to). A stolen access token is useless without the private key.
import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { accessTokenHash, jwkThumbprint, publicJwkOf, signJwt, type JwsAlgorithm, type PublicJwk } from './jwt.ts';

const generate = promisify(generateKeyPair);

/**
 * The DPoP-Nonce header when it is a nonce (RFC 9449: 1 to 512 visible characters, no quote or backslash); any
 * other value is ignored, never put into a proof.
 */
export function dpopNonceOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers['dpop-nonce'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v !== undefined && /^[\x21\x23-\x5b\x5d-\x7e]{1,512}$/.test(v) ? v : undefined;
}

export interface ProofRequest {
  method: string;
  /** The request URL; its query and fragment are dropped (`htu`). */
  url: string;
  nonce?: string | undefined;
  /** Set on API calls: the proof then carries `ath`. */
  accessToken?: string | undefined;
  /** Seconds since the epoch. */
  iat: number;
}

export class DpopKey {
  readonly #privateKey: KeyObject;
  readonly alg: JwsAlgorithm;
  readonly publicJwk: PublicJwk;
  /** RFC 7638 thumbprint: what the issued token's `cnf.jkt` names. */
  readonly thumbprint: string;

  private constructor(privateKey: KeyObject, alg: JwsAlgorithm) {
    this.#privateKey = privateKey;
    this.alg = alg;
    this.publicJwk = publicJwkOf(privateKey);
    this.thumbprint = jwkThumbprint(this.publicJwk);
  }

  /**
   * A fresh key pair. RS256 by default, as Okta's own SDK and guide use; ES256 is far cheaper to make (RSA 2048
   * takes ~100 ms, off the main thread) and also accepted by RFC 9449 servers.
   */
  static async generate(alg: JwsAlgorithm = 'RS256'): Promise<DpopKey> {
    const pair =
      alg === 'RS256' ? await generate('rsa', { modulusLength: 2048 }) : await generate('ec', { namedCurve: 'P-256' });
    return new DpopKey(pair.privateKey, alg);
  }

  proof(req: ProofRequest): string {
    const url = new URL(req.url);
    const payload: Record<string, unknown> = {
      htm: req.method.toUpperCase(),
      htu: `${url.origin}${url.pathname}`,
      iat: req.iat,
      jti: randomUUID(),
    };
    if (req.nonce) payload.nonce = req.nonce;
    if (req.accessToken !== undefined) payload.ath = accessTokenHash(req.accessToken);
    return signJwt({ typ: 'dpop+jwt', jwk: this.publicJwk }, payload, this.#privateKey, this.alg);
  }

  toJSON(): { type: string; thumbprint: string } {
    return { type: 'DpopKey', thumbprint: this.thumbprint };
  }
}
