// Writes to client secrets are never retried blindly: when a write's answer is lost, what Okta did is read back
// and judged here. The rules are pure so the client and the rotation engine can share them.
import { OktaError, isOktaError } from './errors.ts';
import type { ClientSecret } from './schemas.ts';
import { listedIds } from './ids.ts';
import { requestMayHaveReachedOkta } from './requestReach.ts';

/** A created secret. `recovered` is set when the create's answer was lost and the value was read back from the list. */
export type CreatedSecret = ClientSecret & { recovered?: boolean };

/** What a list taken after a create holds that the list before did not. */
export type CreatedSecretSearch<S> =
  { found: 'none' } | { found: 'one'; secret: S } | { found: 'several'; ids: string[] };

/** The secrets of `secretsAfter` whose id is not in `idsBefore`: none, the one a create made, or several (someone else). */
export function findCreatedSecret<S extends { id: string }>(
  idsBefore: Iterable<string>,
  secretsAfter: readonly S[],
): CreatedSecretSearch<S> {
  const known = new Set(idsBefore);
  const fresh = secretsAfter.filter((s) => !known.has(s.id));
  if (fresh.length === 0) return { found: 'none' };
  if (fresh.length === 1) return { found: 'one', secret: fresh[0]! };
  return { found: 'several', ids: fresh.map((s) => s.id) };
}

/** A write whose effect is unknown: the answer was lost or unreadable, or Okta failed with a 5xx. */
export function outcomeUncertain(e: unknown): e is OktaError {
  if (!isOktaError(e)) return false;
  if (e.kind === 'serverError') return true;
  if (e.kind === 'protocol' && e.status !== undefined && e.status >= 200 && e.status < 300) return true;
  return (e.kind === 'network' || e.kind === 'timeout') && requestMayHaveReachedOkta(e);
}

/** The error when reading back what Okta did failed too (a cancel stays a cancel), or `detail` says why it is unknown. */
export function unknownOutcome(
  operation: string,
  org: string,
  first: OktaError,
  readError: unknown,
  detail?: string,
): OktaError {
  if (isOktaError(readError, 'cancelled')) return readError;
  return new OktaError({
    kind: 'outcomeUnknown',
    operation,
    org,
    detail: detail ?? `${first.detail ?? first.kind}, and checking what Okta did failed too`,
    cause: readError ?? first,
  });
}

/**
 * A create whose answer (`first`, the failure) was lost, judged by what the list shows afterwards: the one new
 * secret with its value is returned as recovered; one without a value is an orphan reported by id; nothing new is
 * safe to try again; several new ones mean someone else is at work.
 */
export function lostCreateOutcome(
  operation: string,
  org: string,
  first: OktaError,
  search: CreatedSecretSearch<ClientSecret>,
): CreatedSecret {
  const failure = first.detail ?? first.kind;
  if (search.found === 'one') {
    const orphan = search.secret;
    // Okta lists secrets in plaintext, so the value can be read back from the list.
    if (orphan.client_secret) return { ...orphan, recovered: true };
    throw new OktaError({
      kind: 'outcomeUnknown',
      operation,
      org,
      orphanSecretId: orphan.id,
      cause: first,
      detail: `secret ${orphan.id} was created but its value was lost (${failure})`,
      advice: `Deactivate and delete secret ${orphan.id} (nobody knows its value), then create another.`,
    });
  }
  if (search.found === 'none') {
    if (first.kind === 'serverError') throw first;
    throw new OktaError({
      kind: 'outcomeUnknown',
      operation,
      org,
      cause: first,
      detail: `nothing was created (${failure})`,
      advice: 'No new secret appeared in the list, so it is safe to try again.',
    });
  }
  throw new OktaError({
    kind: 'outcomeUnknown',
    operation,
    org,
    cause: first,
    detail: `${search.ids.length} new secrets appeared (${listedIds(search.ids)}): someone else is changing this app too`,
    advice: 'Refresh the secrets list and check with the other admins before acting again.',
  });
}
