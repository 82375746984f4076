// Okta's `secret_hash` of a client secret: the first 16 bytes of SHA-256 of the value (UTF-8), base64url without
// padding, 22 characters. Okta does not document it; it matches every value/hash pair Okta publishes (the
// developer guide "client-secret-rotation-key"). A pasted value is matched to a listed secret by this hash, never by
// comparing plaintext, so a list whose values are masked or absent still tells which secret a value is.
import { createHash, timingSafeEqual } from 'node:crypto';

/** The shape of a `secret_hash`: 22 base64url characters (16 bytes). */
export const SECRET_HASH = /^[A-Za-z0-9_-]{22}$/;

export function isSecretHash(value: unknown): value is string {
  return typeof value === 'string' && SECRET_HASH.test(value);
}

/** The `secret_hash` Okta lists for a secret whose value is `value`. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/**
 * True when `value` is the secret whose `secret_hash` is `hash`, in time independent of where they differ. False
 * for a hash that is not one (a value is never compared with anything but a well-formed hash).
 */
export function secretMatchesHash(value: string, hash: string): boolean {
  if (typeof value !== 'string' || !isSecretHash(hash)) return false;
  // Compared as text: a hash whose last character differs only in its unused bits is not the same hash.
  return timingSafeEqual(Buffer.from(secretHash(value), 'ascii'), Buffer.from(hash, 'ascii'));
}

/**
 * `secret` with its `client_secret` only when that is the plaintext: a value whose hash is not the listed
 * `secret_hash` is a masked one (Okta's answers may mask it) and is dropped, as if Okta had not sent it. Without a
 * hash there is nothing to check against, and the value is kept as sent.
 */
export function withPlaintextOnly<T extends { client_secret?: string | undefined; secret_hash?: string | undefined }>(
  secret: T,
): T {
  const { client_secret: value, secret_hash: hash } = secret;
  if (value === undefined || hash === undefined || secretMatchesHash(value, hash)) return secret;
  const { client_secret: _masked, ...rest } = secret;
  return rest as T;
}
