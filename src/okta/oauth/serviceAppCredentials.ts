// A service app's client id and private key as the person gave them, checked before any request: a malformed id,
// a key that cannot be read or one of a kind Okta does not take is said in words that never hold key material.
// The key as given and its private members are registered with redaction at once.
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { OktaError } from '../errors.ts';
import { registerSecret } from '../../redact.ts';
import { algorithmOf, privateKeyFrom, type JwsAlgorithm } from './jwt.ts';

export interface CheckedServiceAppCredentials {
  clientId: string;
  key: KeyObject;
  alg: JwsAlgorithm;
  /** The key id the JWK carried, if any. */
  kid?: string;
}

/** The credentials checked, or an `input` OktaError for `org` under `operation`. */
export function readServiceAppCredentials(
  opts: { clientId: unknown; privateKey: string | JsonWebKey },
  org: string,
  operation: string,
): CheckedServiceAppCredentials {
  const clientId = typeof opts.clientId === 'string' ? opts.clientId.trim() : '';
  if (!/^[A-Za-z0-9_-]{6,100}$/.test(clientId)) {
    throw new OktaError({
      kind: 'input',
      operation,
      org,
      detail: 'the client id is missing or malformed',
      advice: 'Copy the client id of the service app (Applications > the app > General > Client Credentials).',
    });
  }
  let parsed: { key: KeyObject; kid?: string };
  try {
    parsed = privateKeyFrom(opts.privateKey);
  } catch (e) {
    // privateKeyFrom's messages are our own words, never key material.
    throw new OktaError({
      kind: 'input',
      operation,
      org,
      detail: `the private key cannot be used: ${e instanceof Error ? e.message : 'it could not be read'}`,
      advice:
        'Paste the private key of the service app as a PEM (-----BEGIN PRIVATE KEY-----) or as a JWK with its "d" member.',
    });
  }
  const alg = algorithmOf(parsed.key);
  if (!alg) {
    throw new OktaError({
      kind: 'input',
      operation,
      org,
      detail: 'the private key is neither RSA (2048 bits or more) nor EC P-256',
      advice: 'Use the RSA or EC P-256 key pair whose public key is registered with the service app.',
    });
  }
  rememberKeyMaterial(opts.privateKey, parsed.key);
  return { clientId, key: parsed.key, alg, ...(parsed.kid ? { kid: parsed.kid } : {}) };
}

/** The private key as given and its private members: registered with redaction, so none of it can show anywhere. */
function rememberKeyMaterial(given: string | JsonWebKey, key: KeyObject): void {
  if (typeof given === 'string') registerSecret(given);
  const jwk = key.export({ format: 'jwk' });
  for (const member of [jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi]) registerSecret(member);
}
