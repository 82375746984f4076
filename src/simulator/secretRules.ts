// Okta's rules for client secrets (OpenAPI excerpt): at most two secret objects per app, active or inactive;
// the only ACTIVE secret cannot be deactivated; an ACTIVE secret cannot be deleted; a supplied secret must be
// 14-100 printable ASCII characters (32+ for client_secret_jwt, refused for private_key_jwt).
// Each function either changes the app and returns the secret, or returns an error answer and changes nothing.
import { clientSecretInvalid, createBodyInvalid, secretRuleViolation } from './errors.ts';
import type { OktaErrorAnswer } from './errors.ts';
import { isoNow } from './ids.ts';
import { newSecretRecord } from './orgState.ts';
import type { AppRecord, SecretRecord } from './orgState.ts';

const MAX_SECRETS_PER_APP = 2;

type Outcome = { ok: true; secret: SecretRecord } | { ok: false; error: OktaErrorAnswer };
const fail = (error: OktaErrorAnswer): Outcome => ({ ok: false, error });

function suppliedSecretProblem(value: string, authMethod: string): OktaErrorAnswer | undefined {
  if (authMethod === 'private_key_jwt') return clientSecretInvalid('privateKeyJwt');
  if (!/^[\x20-\x7E]*$/.test(value)) return clientSecretInvalid('nonAscii');
  if (value.length > 100) return clientSecretInvalid('tooLong');
  if (value.length < 14) return clientSecretInvalid('tooShort');
  if (authMethod === 'client_secret_jwt' && value.length < 32) return clientSecretInvalid('tooShortForJwt');
  return undefined;
}

/** POST .../credentials/secrets with body `{}` or `{client_secret?, status?}` (already parsed JSON). */
export function createSecret(app: AppRecord, body: unknown): Outcome {
  const authMethod = app.oauthClient?.tokenEndpointAuthMethod ?? '';
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail(createBodyInvalid('The request body must be a JSON object.'));
  const { client_secret: supplied, status } = body as Record<string, unknown>;
  if (supplied !== undefined) {
    if (typeof supplied !== 'string')
      return fail(createBodyInvalid("client_secret: 'client_secret' must be a string."));
    const problem = suppliedSecretProblem(supplied, authMethod);
    if (problem) return fail(problem);
  }
  if (status !== undefined && status !== 'ACTIVE' && status !== 'INACTIVE') {
    return fail(createBodyInvalid("status: 'status' must be one of ACTIVE, INACTIVE."));
  }
  if (app.secrets.length >= MAX_SECRETS_PER_APP) return fail(secretRuleViolation('maxSecrets'));
  const secret = newSecretRecord({ clientSecret: supplied, status: status ?? 'ACTIVE' });
  app.secrets.push(secret);
  return { ok: true, secret };
}

/** Activating an ACTIVE secret is accepted and changes nothing, as Okta does. */
export function activateSecret(_app: AppRecord, secret: SecretRecord): Outcome {
  if (secret.status !== 'ACTIVE') {
    secret.status = 'ACTIVE';
    secret.lastUpdated = isoNow();
  }
  return { ok: true, secret };
}

/** Deactivating an INACTIVE secret is accepted and changes nothing. */
export function deactivateSecret(app: AppRecord, secret: SecretRecord): Outcome {
  if (secret.status === 'INACTIVE') return { ok: true, secret };
  const activeCount = app.secrets.filter((s) => s.status === 'ACTIVE').length;
  if (activeCount <= 1) return fail(secretRuleViolation('onlyActive'));
  secret.status = 'INACTIVE';
  secret.lastUpdated = isoNow();
  return { ok: true, secret };
}

export function deleteSecret(app: AppRecord, secret: SecretRecord): Outcome {
  if (secret.status === 'ACTIVE') return fail(secretRuleViolation('deleteActive'));
  app.secrets = app.secrets.filter((s) => s.id !== secret.id);
  return { ok: true, secret };
}
