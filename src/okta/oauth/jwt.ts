// Compact JWS (RFC 7515) signing with node:crypto only, for the two JWTs the service-app login needs: the
// client assertion (private_key_jwt) and the DPoP proof. RS256 and ES256, the algorithms Okta accepts for both.
// No verification here: the client only ever signs.
import { createHash, createPrivateKey, createPublicKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

export type JwsAlgorithm = 'RS256' | 'ES256';

/** The members of a public JWK that RFC 7638 hashes, and nothing private. */
export type PublicJwk = { kty: 'RSA'; n: string; e: string } | { kty: 'EC'; crv: 'P-256'; x: string; y: string };

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** The JWS algorithm a private key signs with, or undefined for a key we do not support. */
export function algorithmOf(key: KeyObject): JwsAlgorithm | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return 'RS256';
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'ES256';
  return undefined;
}

/** `header.payload.signature`; `alg` is set from `alg`, whatever `header` says. */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
  alg: JwsAlgorithm,
): string {
  const input = `${base64url(JSON.stringify({ ...header, alg }))}.${base64url(JSON.stringify(payload))}`;
  // JWS wants ECDSA signatures as r||s (IEEE P1363), not node's default DER.
  const signature = sign('sha256', Buffer.from(input), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}

/** The public half of a private key as a minimal JWK (safe to send: DPoP puts it in every proof). */
export function publicJwkOf(privateKey: KeyObject): PublicJwk {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JsonWebKey;
  if (jwk.kty === 'RSA' && jwk.n && jwk.e) return { kty: 'RSA', n: jwk.n, e: jwk.e };
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && jwk.x && jwk.y) return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  throw new Error('unsupported key type');
}

/** RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: PublicJwk): string {
  const canonical =
    jwk.kty === 'RSA'
      ? JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })
      : JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** DPoP's `ath`: base64url(SHA-256(access token)). */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url');
}

/** A private KeyObject from a PEM (PKCS#8, PKCS#1 or SEC1) or a JWK. Throws a plain Error whose text holds no key material. */
export function privateKeyFrom(input: string | JsonWebKey): { key: KeyObject; kid?: string } {
  if (typeof input === 'string' && !input.trim().startsWith('{')) {
    if (!/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/.test(input)) {
      throw new Error(
        /ENCRYPTED PRIVATE KEY/.test(input)
          ? 'the PEM is encrypted (give the key without a passphrase)'
          : 'it is neither a PEM private key nor a JWK',
      );
    }
    try {
      return { key: createPrivateKey({ key: input.trim(), format: 'pem' }) };
    } catch {
      throw new Error('the PEM private key could not be read');
    }
  }
  let jwk: JsonWebKey;
  try {
    jwk = typeof input === 'string' ? (JSON.parse(input) as JsonWebKey) : input;
  } catch {
    throw new Error('the JWK is not valid JSON');
  }
  if (typeof jwk !== 'object' || jwk === null || typeof jwk.d !== 'string')
    throw new Error('the JWK is not a private key (it has no "d")');
  try {
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    return typeof jwk.kid === 'string' && jwk.kid ? { key, kid: jwk.kid } : { key };
  } catch {
    throw new Error('the JWK private key could not be read');
  }
}
