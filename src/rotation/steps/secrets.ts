// What several steps do with the app's secrets as Okta lists them: journal them masked, insist the new one is
// active before touching an old one, and delete without minding an earlier try whose answer was lost.
import { isOktaError } from '../../okta/errors.ts';
import type { ClientSecret } from '../../okta/schemas.ts';
import { maskSecret } from '../../redact.ts';
import { RotationError } from '../errors.ts';
import type { RotationJournal, SecretRef } from '../model/journal.ts';
import type { StepContext } from './context.ts';

/** A secret as the journal keeps it: id, status, creation time, the value masked, and Okta's hash of it when listed. */
export function secretRef(s: ClientSecret): SecretRef {
  return {
    id: s.id,
    status: s.status,
    masked: maskSecret(s.client_secret ?? ''),
    created: s.created,
    ...(s.secret_hash ? { hash: s.secret_hash } : {}),
  };
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

/** Deletes the secret; false when Okta no longer knew it (deleted before this call: the goal is reached anyway). */
export async function deleteIgnoringNotFound(ctx: StepContext, appId: string, secretId: string): Promise<boolean> {
  try {
    await ctx.okta.deleteSecret(appId, secretId, ctx.signal);
    return true;
  } catch (e) {
    if (!isOktaError(e, 'notFound')) throw e;
    return false;
  }
}

/** Was `secretId` found deleted outside the rotation? */
export function isGone(journal: RotationJournal, secretId: string): boolean {
  return (journal.outsideChanges ?? []).some((c) => c.secretId === secretId && c.change === 'deleted');
}

/** A secret the journal knows is gone from Okta's list: deleted outside the rotation, and journaled as such once. */
export async function noteGone(ctx: StepContext, secretId: string): Promise<void> {
  await ctx.update((j) => {
    const changes = (j.outsideChanges ??= []);
    if (changes.some((c) => c.secretId === secretId && c.change === 'deleted')) return;
    const known = [...(j.identify?.candidates ?? []), ...j.preflight.secrets].find((s) => s.id === secretId);
    changes.push({
      at: ctx.now(),
      secretId,
      ...(known ? { masked: known.masked } : {}),
      change: 'deleted',
      source: 'okta',
    });
  });
}
