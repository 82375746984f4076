// Step 3: create the new secret. The secrets are listed first and the ids journaled before the POST: an id outside
// that list, found after a lost answer or a crash, is the new secret, adopted instead of creating another. The
// value goes to the PendingSecretStore before the journal says the secret exists.
import type { CreatedSecret } from '../../okta/secretReconcile.ts';
import { findCreatedSecret } from '../../okta/secretReconcile.ts';
import type { ClientSecret } from '../../okta/schemas.ts';
import { RotationError } from '../errors.ts';
import type { ApiStepModule, StepContext, StepEnd } from './context.ts';
import { noteDrift } from './drift.ts';
import { secretRef } from './secrets.ts';

export const createSecret: ApiStepModule<'createSecret'> = {
  id: 'createSecret',
  kind: 'api',
  async run(ctx) {
    const appId = ctx.journal.app.id;
    // One list serves all three: reconciling an earlier try, the checks, and the client's pre-create list. On a
    // first try right after the org check, the check's own list is that list (listFreshFromPreflight).
    let list: ReadonlyArray<Pick<ClientSecret, 'id' | 'status'>> | undefined = listFreshFromPreflight(ctx);
    if (list === undefined) {
      const listed = await ctx.okta.listSecrets(appId, ctx.signal);
      const adopted = await adoptLostCreate(ctx, listed);
      if (adopted) return adopted;
      await noteDrift(ctx, listed);
      list = listed;
    }
    const inUseId = ctx.journal.inUse?.id;
    if (!list.some((s) => s.id === inUseId && s.status === 'ACTIVE')) {
      throw new RotationError(
        'unexpectedState',
        `${ctx.where}: the secret in use (${inUseId ?? 'unknown'}) is no longer active. Nothing was created. Check the app in the Admin Console.`,
      );
    }
    if (list.length >= 2) {
      throw new RotationError(
        'unexpectedState',
        `${ctx.where} already has two secrets (${list.map((s) => s.id).join(', ')}), perhaps created by someone else. Nothing was created. Delete the one not in use, then run this step again.`,
      );
    }
    await ctx.update((j) => {
      j.create = { preCreateSecretIds: list.map((s) => s.id) };
    });
    const created: CreatedSecret = await ctx.okta.createSecret(appId, ctx.signal, { listedBefore: list });
    return adoptNewSecret(ctx, created, created.recovered === true);
  },
  recheck: async (ctx) => adoptLostCreate(ctx, await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal)),
  offers: () => [{ type: 'run', step: 'createSecret' }],
};

/** How long the org check's list stands for Okta's state when the create follows it with no person's step between. */
const PREFLIGHT_LIST_FRESH_MS = 2 * 60 * 1000;

/**
 * The secrets as the org check listed them, when nothing can have changed them since: this is the create's first
 * try (no pre-create list journaled, so no earlier POST to reconcile), and the check ended moments ago. The one
 * step between them (recording the secret in use) is ours and calls nothing; no person's step in another console
 * comes between, and after a longer pause the create asks Okta again.
 */
function listFreshFromPreflight(ctx: StepContext): Array<Pick<ClientSecret, 'id' | 'status'>> | undefined {
  const j = ctx.journal;
  const checked = j.steps.preflight;
  if (j.create !== undefined || checked.state !== 'done' || checked.endedAt === undefined) return undefined;
  const age = Date.parse(ctx.now()) - Date.parse(checked.endedAt);
  if (!(age >= 0 && age <= PREFLIGHT_LIST_FRESH_MS)) return undefined;
  return j.preflight.secrets.map((s) => ({ id: s.id, status: s.status ?? 'INACTIVE' }));
}

/**
 * After an interrupted or failed create: the one secret outside the journaled pre-create list is the new one.
 * Returns the step's end when it was found, undefined when nothing was created (safe to create).
 */
async function adoptLostCreate(ctx: StepContext, secrets: ClientSecret[]): Promise<StepEnd | undefined> {
  const pre = ctx.journal.create?.preCreateSecretIds;
  if (!pre) return undefined;
  const search = findCreatedSecret(pre, secrets);
  switch (search.found) {
    case 'none':
      return undefined;
    case 'one':
      return adoptNewSecret(ctx, search.secret, true);
    case 'several':
      throw new RotationError(
        'unexpectedState',
        `${ctx.where}: several new secrets appeared (${search.ids.join(', ')}); someone else is changing this app. Check it in the Admin Console.`,
      );
  }
}

async function adoptNewSecret(ctx: StepContext, secret: ClientSecret, recovered: boolean): Promise<StepEnd> {
  const id = ctx.journal.rotationId;
  const value = secret.client_secret ?? (await ctx.secrets.get(id));
  if (value === undefined || value === '') {
    // Okta holds it: the journal says so, so every ending names it (and the way out is known).
    await ctx.update((j) => {
      if (j.create) j.create.orphanSecretId = secret.id;
    });
    throw new RotationError(
      'secretValueLost',
      `${ctx.where}: secret ${secret.id} was created but its value could not be recovered. Delete ${secret.id} in the Admin Console (the app's Client secrets), then run this step again.`,
    );
  }
  // The value is safe in the secret store before the journal says the secret exists.
  await ctx.secrets.store(id, value);
  const newRef = secretRef({ ...secret, client_secret: value });
  await ctx.update((j) => {
    j.newSecret = newRef;
  });
  return {
    state: 'done',
    result: { secretId: secret.id, masked: newRef.masked, created: secret.created, recovered },
  };
}
