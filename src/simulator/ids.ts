// Identifiers and credentials that look like Okta's, from crypto randomness (never Math.random).
import { createHash, randomBytes, randomInt } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** App ids: `0oa` + 17 characters, 20 in all, as Okta's. OIDC apps use the same value as client_id. */
export const newAppId = (): string => `0oa${randomBase62(17)}`;
/** Client secret object ids: `ocs` + 17 characters. */
export const newSecretId = (): string => `ocs${randomBase62(17)}`;
/** Okta error ids are 25-ish opaque characters (e.g. `oaeXXXXXXXXXXXXXXXXXXXX`); fresh on every error. */
export const newErrorId = (): string => `oae${randomBase62(22)}`;
/** Request ids, sent back as `X-Okta-Request-Id`. */
export const newRequestId = (): string => randomBase62(27);
/** SSWS api tokens: `00` + 40 characters, the shape of Okta's. */
export const newApiToken = (): string => `00${randomBase62(40)}`;
/** Okta-generated client secrets: 64 base64url characters. */
export const newClientSecret = (): string => randomBytes(48).toString('base64url');

/**
 * The `secret_hash` fingerprint: 22 base64url characters, the first 16 bytes of SHA-256 of the value (UTF-8). Okta
 * does not document it; this matches every value/hash pair Okta publishes (the developer guide
 * "client-secret-rotation-key"), and the client's src/okta/secretHash.ts computes the same (a test holds them together).
 */
export function secretHash(clientSecret: string): string {
  return createHash('sha256').update(clientSecret, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/** ISO 8601 with milliseconds, as Okta's timestamps. */
export const isoNow = (): string => new Date().toISOString();

/** User ids: `00u` + 17 characters, as Okta's. */
export const newUserId = (): string => `00u${randomBase62(17)}`;
/** API token ids (not the token): `00T` + 17 characters; the System Log names a token by it. */
export const newApiTokenId = (): string => `00T${randomBase62(17)}`;
/** Role assignment ids: 20 characters, as in the spec's examples (`ra125eqBFpETrMwu80g4`). */
export const newRoleAssignmentId = (): string => `ra1${randomBase62(17)}`;
/** Custom role ids: `cr0` + 17 characters, as in the spec's examples. */
export const newCustomRoleId = (): string => `cr0${randomBase62(17)}`;
/** Resource set ids: `iam` + 17 characters, as in the spec's examples. */
export const newResourceSetId = (): string => `iam${randomBase62(17)}`;
