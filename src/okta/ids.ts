// Okta object ids, checked before they go into a URL path: an id is `0oa`/`ocs` + 17 letters or digits, so no
// slash, dot or percent sign can ever reach the path (no traversal, no query smuggling).
import { OktaError } from './errors.ts';

const APP_ID = /^0oa[A-Za-z0-9]{17}$/;
const SECRET_ID = /^ocs[A-Za-z0-9]{17}$/;

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
