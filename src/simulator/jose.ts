// JWS verification for the simulated token endpoint and API: compact JWTs signed RS256 or ES256, public keys
// from JWKs, RFC 7638 thumbprints. Written apart from the client's signing code on purpose: a shared mistake
// would otherwise pass every test.
import { createHash, createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The parts of a compact JWS, or undefined when it is not one (no signature check here). */
export function decodeJwt(token: string | undefined): DecodedJwt | undefined {
  if (!token) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `jwt` is signed by `key` with its header's alg (RS256 or ES256 only; "none" and HS* never pass). */
export function verifySignature(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = jwt.header.alg;
  try {
    if (alg === 'RS256' && key.asymmetricKeyType === 'rsa')
      return verify('sha256', Buffer.from(jwt.signingInput), key, jwt.signature);
    if (alg === 'ES256' && key.asymmetricKeyType === 'ec')
      return verify('sha256', Buffer.from(jwt.signingInput), { key, dsaEncoding: 'ieee-p1363' }, jwt.signature);
  } catch {
    return false;
  }
  return false;
}

/** A public key from a JWK that must be public (no private members): the DPoP header's `jwk`. */
export function publicKeyFromJwk(jwk: unknown): KeyObject | undefined {
  if (!isObject(jwk) || 'd' in jwk || 'p' in jwk || 'k' in jwk) return undefined;
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') return undefined;
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** RFC 7638 thumbprint of a public JWK (RSA: e, kty, n; EC: crv, kty, x, y). */
export function thumbprint(jwk: Record<string, unknown>): string {
  const members =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export const sha256Base64url = (text: string): string => createHash('sha256').update(text, 'ascii').digest('base64url');
