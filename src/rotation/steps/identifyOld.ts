// Step 7: list every active secret but the new one; the person confirms them as the old secrets to deactivate
// and delete (none confirmed: the deactivation, the watch and the delete are skipped).
import type { ApiStepModule } from './context.ts';
import { noteDrift } from './drift.ts';
import { requireNewSecretActive, secretRef } from './secrets.ts';

export const identifyOld: ApiStepModule<'identifyOld'> = {
  id: 'identifyOld',
  kind: 'api',
  async run(ctx) {
    const secrets = await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal);
    await noteDrift(ctx, secrets);
    const newId = requireNewSecretActive(ctx, secrets);
    const candidates = secrets.filter((s) => s.status === 'ACTIVE' && s.id !== newId).map(secretRef);
    await ctx.update((j) => {
      j.identify = { candidates, listedAt: ctx.now() };
    });
    const inUseId = ctx.journal.inUse?.id;
    return {
      state: 'pending',
      result: {
        candidateIds: candidates.map((c) => c.id),
        candidatesMasked: candidates.map((c) => c.masked),
        newSecretId: newId,
        matchesRecordedInUse: candidates.length === 1 && candidates[0]?.id === inUseId,
      },
    };
  },
  async confirm(ctx) {
    const newId = ctx.journal.newSecret?.id;
    const old = (ctx.journal.identify?.candidates ?? []).map((c) => c.id).filter((id) => id !== newId);
    await ctx.update((j) => {
      j.oldSecretIds = old;
      j.steps.identifyOld = {
        ...j.steps.identifyOld,
        state: 'done',
        endedAt: ctx.now(),
        result: { ...j.steps.identifyOld.result, confirmed: true },
      };
      if (old.length === 0) {
        for (const id of ['deactivateOld', 'watchOld', 'deleteOld'] as const) {
          j.steps[id] = { state: 'skipped', endedAt: ctx.now(), result: { reason: 'no old active secret' } };
        }
      }
    });
  },
  offers: (journal) =>
    journal.identify && journal.steps.identifyOld.state === 'pending'
      ? [
          { type: 'confirm', step: 'identifyOld' },
          { type: 'run', step: 'identifyOld' },
        ]
      : [{ type: 'run', step: 'identifyOld' }],
};
