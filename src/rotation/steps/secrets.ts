// What several steps do with the app's secrets as Okta lists them: journal them masked, insist the new one is
// active before touching an old one, and delete without minding an earlier try whose answer was lost.
import { isOktaError } from '../../okta/errors.ts';
import type { ClientSecret } from '../../okta/schemas.ts';
import { maskSecret } from '../../redact.ts';
import { RotationError } from '../errors.ts';
import type { RotationJournal, SecretRef } from '../model/journal.ts';
import type { StepContext } from './context.ts';

/** A secret as the journal keeps it: id, status, creation time and the value masked. */
export function secretRef(s: ClientSecret): SecretRef {
  return { id: s.id, status: s.status, masked: maskSecret(s.client_secret ?? ''), created: s.created };
}

/** The old secrets the person confirmed (none before identifyOld is confirmed). */
export function confirmedOldIds(journal: RotationJournal): string[] {
  return journal.oldSecretIds ?? [];
}

/** The new secret must be there and ACTIVE before anything old is touched. Returns its id. */
export function requireNewSecretActive(
  ctx: StepContext,
  secrets: ReadonlyArray<Pick<ClientSecret, 'id' | 'status'>>,
): string {
  const newId = ctx.journal.newSecret?.id;
  const current = secrets.find((s) => s.id === newId);
  if (!newId || current?.status !== 'ACTIVE') {
    throw new RotationError(
      'unexpectedState',
      `${ctx.where}: the new secret ${newId ?? '(none)'} is ${current ? current.status : 'missing'} in Okta, so no old secret is touched. Activate it in the Admin Console, or roll back.`,
    );
  }
  return newId;
}

export async function deleteIgnoringNotFound(ctx: StepContext, appId: string, secretId: string): Promise<void> {
  try {
    await ctx.okta.deleteSecret(appId, secretId, ctx.signal);
  } catch (e) {
    // Already deleted (by an earlier try whose answer was lost): the goal is reached.
    if (!isOktaError(e, 'notFound')) throw e;
  }
}
