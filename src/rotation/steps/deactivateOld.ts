// Step 8: deactivate the confirmed old secrets, only once the new one verified valid (or the person overrode) and
// is ACTIVE in Okta. Until they are deleted, a rollback can reactivate them. Right after the old secrets were listed
// and confirmed, that list stands for Okta's state: the only step between is the person's confirmation in the
// checklist, and Okta itself refuses to deactivate the only active secret, and accepts deactivating one twice.
import { isOktaError } from '../../okta/errors.ts';
import { deactivationAllowed } from '../model/guards.ts';
import type { ClientSecret } from '../../okta/schemas.ts';
import type { ApiStepModule, StepContext } from './context.ts';
import { noteDrift } from './drift.ts';
import { confirmedOldIds, noteGone, requireNewSecretActive } from './secrets.ts';
import { RotationError } from '../errors.ts';

export const deactivateOld: ApiStepModule<'deactivateOld'> = {
  id: 'deactivateOld',
  kind: 'api',
  refusal: (journal) =>
    deactivationAllowed(journal)
      ? undefined
      : 'the new secret has not verified as valid; verify it, or override explicitly.',
  async run(ctx) {
    const appId = ctx.journal.app.id;
    let secrets = listFreshFromIdentify(ctx);
    if (secrets === undefined) {
      const listed = await ctx.okta.listSecrets(appId, ctx.signal);
      await noteDrift(ctx, listed);
      secrets = listed;
    }
    const newId = requireNewSecretActive(ctx, secrets);
    for (const oldId of confirmedOldIds(ctx.journal)) {
      if (oldId === newId)
        throw new RotationError('guard', `${ctx.where}: refusing to deactivate ${oldId}: it is the new secret.`);
      const current = secrets.find((s) => s.id === oldId);
      // Only what Okta lists is recorded: a secret gone from its list was deleted elsewhere, not deactivated here.
      if (!current) {
        await noteGone(ctx, oldId);
        continue;
      }
      if (current.status === 'ACTIVE' && !(await deactivateUnlessGone(ctx, appId, oldId))) {
        await noteGone(ctx, oldId);
        continue;
      }
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
    const inactive = oldIds.filter((id) => secrets.some((s) => s.id === id && s.status === 'INACTIVE'));
    await ctx.update((j) => {
      for (const id of inactive) if (!j.deactivated.includes(id)) j.deactivated.push(id);
    });
    for (const id of oldIds) if (!secrets.some((s) => s.id === id)) await noteGone(ctx, id);
    return stillActive.length === 0
      ? { state: 'done', result: { deactivated: [...ctx.journal.deactivated] } }
      : undefined;
  },
  offers: (journal) =>
    deactivationAllowed(journal)
      ? [{ type: 'run', step: 'deactivateOld' }]
      : [{ type: 'override', guard: 'unverifiedNewSecret' }],
};

/** How long the old secrets' list stands for Okta's state when the deactivation follows it. */
const IDENTIFY_LIST_FRESH_MS = 2 * 60 * 1000;

/**
 * The secrets as identifyOld listed them (the old ones and the new one, ACTIVE), when nothing of ours acted since:
 * the list was confirmed moments ago and nothing is deactivated yet. After a pause, or once a deactivation went
 * through, Okta is asked again.
 */
function listFreshFromIdentify(ctx: StepContext): Array<Pick<ClientSecret, 'id' | 'status'>> | undefined {
  const j = ctx.journal;
  if (!j.identify || !j.newSecret || j.steps.identifyOld.state !== 'done' || j.deactivated.length > 0) return undefined;
  const age = Date.parse(ctx.now()) - Date.parse(j.identify.listedAt);
  if (!(age >= 0 && age <= IDENTIFY_LIST_FRESH_MS)) return undefined;
  return [
    ...j.identify.candidates.map((c) => ({ id: c.id, status: c.status ?? 'ACTIVE' })),
    { id: j.newSecret.id, status: 'ACTIVE' as const },
  ];
}

/** Deactivates the secret; false when Okta no longer knows it (deleted since it was listed). */
async function deactivateUnlessGone(ctx: StepContext, appId: string, secretId: string): Promise<boolean> {
  try {
    await ctx.okta.deactivateSecret(appId, secretId, ctx.signal);
    return true;
  } catch (e) {
    if (!isOktaError(e, 'notFound')) throw e;
    return false;
  }
}
