// Okta object ids, checked before they go into a URL path: an id is `0oa`/`ocs`/`00u` + 17 letters or digits (a role
// id: letters, digits and underscores), so no slash, dot or percent sign can ever reach the path (no traversal, no
// query smuggling).
import { OktaError } from './errors.ts';

/** An app id (Okta's application ids all start with 0oa: 20 characters). */
export const APP_ID = /^0oa[A-Za-z0-9]{17}$/;
/** A client secret id (ocs…: 20 characters). */
export const SECRET_ID = /^ocs[A-Za-z0-9]{17}$/;
/** An OAuth client id as the spec allows it: 6 to 100 letters, digits or $-_.+!*'(), (an app's own id by default). */
export const CLIENT_ID = /^[A-Za-z0-9$\-_.+!*'(),]{6,100}$/;
/** A user id (00u…: 20 characters). */
export const USER_ID = /^00u[A-Za-z0-9]{17}$/;
/** A custom role's id (`cr0…`), or an IAM-based standard role's (`ACCESS_CERTIFICATIONS_ADMIN`). */
const ROLE_ID = /^[A-Za-z0-9_]{3,64}$/;
/** Ids listed in a message at most; the rest are counted. */
const MAX_LISTED_IDS = 5;

export function isAppId(value: string): boolean {
  return typeof value === 'string' && APP_ID.test(value);
}

function isSecretId(value: string): boolean {
  return typeof value === 'string' && SECRET_ID.test(value);
}

/** An app id as a message may show it: a value that is not an id might be a pasted secret, so it is never echoed. */
export function shownAppId(value: string): string {
  return isAppId(value) ? value : '(not an app id)';
}

/** A secret id as a message may show it (see shownAppId). */
export function shownSecretId(value: string): string {
  return isSecretId(value) ? value : '(not a secret id)';
}

/** Throws OktaError 'input' unless `value` is an app id. */
export function assertAppId(value: string, operation: string, org?: string): string {
  if (typeof value === 'string' && APP_ID.test(value)) return value;
  throw new OktaError({
    kind: 'input',
    operation,
    org,
    detail: 'the app id is not an Okta app id',
    advice:
      'An app id is "0oa" followed by 17 letters or digits, as in the Admin Console URL of the app. Paste it again.',
  });
}

/** Throws OktaError 'input' unless `value` is a client secret id. */
export function assertSecretId(value: string, operation: string, org?: string): string {
  if (typeof value === 'string' && SECRET_ID.test(value)) return value;
  throw new OktaError({
    kind: 'input',
    operation,
    org,
    detail: 'the secret id is not an Okta client secret id',
    advice:
      'A client secret id is "ocs" followed by 17 letters or digits. Refresh the secrets list and pick one from it.',
  });
}

/** "a, b, c and 7 more": the first few of `ids` (already checked to be ids), never an unbounded list. */
export function listedIds(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED_IDS).join(', ');
  return ids.length > MAX_LISTED_IDS ? `${shown} and ${ids.length - MAX_LISTED_IDS} more` : shown;
}

export function isUserId(value: string): boolean {
  return typeof value === 'string' && USER_ID.test(value);
}

export function isRoleId(value: string): boolean {
  return typeof value === 'string' && ROLE_ID.test(value);
}

/** A user id as a message may show it (see shownAppId). */
export function shownUserId(value: string): string {
  return isUserId(value) ? value : '(not a user id)';
}

/** A role id as a message may show it (see shownAppId). */
export function shownRoleId(value: string): string {
  return isRoleId(value) ? value : '(not a role id)';
}

/** Throws OktaError 'input' unless `value` is a user id. */
export function assertUserId(value: string, operation: string, org?: string): string {
  if (isUserId(value)) return value;
  throw new OktaError({
    kind: 'input',
    operation,
    org,
    detail: 'the user id is not an Okta user id',
    advice: 'A user id is "00u" followed by 17 letters or digits, as Okta returns it for the admin behind a token.',
  });
}

/** Throws OktaError 'input' unless `value` is a role id. */
export function assertRoleId(value: string, operation: string, org?: string): string {
  if (isRoleId(value)) return value;
  throw new OktaError({
    kind: 'input',
    operation,
    org,
    detail: 'the role id is not an Okta role id',
    advice: "Use the id of a custom role (cr0…) as Okta lists it in the admin's role assignments.",
  });
}

/** Throws OktaError 'input' unless `value` is an OAuth client id. */
export function assertClientId(value: string, operation: string, org?: string): string {
  if (typeof value === 'string' && CLIENT_ID.test(value)) return value;
  throw new OktaError({
    kind: 'input',
    operation,
    org,
    detail: 'the client id is not an Okta OAuth client id',
    advice: "Use the app's client id as Okta lists it (by default the app id, 0oa…).",
  });
}
