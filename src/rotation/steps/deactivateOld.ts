// Step 8: deactivate the confirmed old secrets, only once the new one verified valid (or the person overrode) and
// is ACTIVE in Okta. Until they are deleted, a rollback can reactivate them.
import { deactivationAllowed } from '../guards.ts';
import type { ApiStepModule } from './context.ts';
import { confirmedOldIds, requireNewSecretActive } from './secrets.ts';
import { RotationError } from '../errors.ts';

export const deactivateOld: ApiStepModule<'deactivateOld'> = {
  id: 'deactivateOld',
  label: 'Deactivate the old secret',
  description: 'Deactivates the old secret. Until it is deleted, a rollback can still reactivate it.',
  kind: 'api',
  refusal: (journal) =>
    deactivationAllowed(journal)
      ? undefined
      : 'the new secret has not verified as valid; verify it, or override explicitly.',
  async run(ctx) {
    const appId = ctx.journal.app.id;
    const secrets = await ctx.okta.listSecrets(appId, ctx.signal);
    const newId = requireNewSecretActive(ctx, secrets);
    for (const oldId of confirmedOldIds(ctx.journal)) {
      if (oldId === newId)
        throw new RotationError('guard', `${ctx.where}: refusing to deactivate ${oldId}: it is the new secret.`);
      const current = secrets.find((s) => s.id === oldId);
      if (current?.status === 'ACTIVE') await ctx.okta.deactivateSecret(appId, oldId, ctx.signal);
      await ctx.update((j) => {
        if (!j.deactivated.includes(oldId)) j.deactivated.push(oldId);
      });
    }
    return { state: 'done', result: { deactivated: [...ctx.journal.deactivated] } };
  },
  async recheck(ctx) {
    const secrets = await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal);
    const oldIds = confirmedOldIds(ctx.journal);
    const stillActive = oldIds.filter((id) => secrets.some((s) => s.id === id && s.status === 'ACTIVE'));
    await ctx.update((j) => {
      for (const id of oldIds) if (!stillActive.includes(id) && !j.deactivated.includes(id)) j.deactivated.push(id);
    });
    return stillActive.length === 0
      ? { state: 'done', result: { deactivated: [...ctx.journal.deactivated] } }
      : undefined;
  },
  offers: (journal, at) =>
    deactivationAllowed(journal)
      ? [at.run('Deactivate the old secret')]
      : [{ type: 'override', guard: 'unverifiedNewSecret', warning: 'The new secret has not verified as valid.' }],
};
