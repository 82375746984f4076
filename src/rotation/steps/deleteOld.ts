// Step 9: delete the deactivated old secrets. After this there is no way back (no rollback).
import { RotationError } from '../errors.ts';
import { refusingToDeleteNew } from '../../presentation/stepErrors.ts';
import type { ApiStepModule } from './context.ts';
import { confirmedOldIds, deleteIgnoringNotFound, isGone, noteGone } from './secrets.ts';

export const deleteOld: ApiStepModule<'deleteOld'> = {
  id: 'deleteOld',
  kind: 'api',
  async run(ctx) {
    const appId = ctx.journal.app.id;
    const newId = ctx.journal.newSecret?.id;
    for (const oldId of confirmedOldIds(ctx.journal)) {
      if (oldId === newId) throw new RotationError('guard', refusingToDeleteNew(ctx.where, oldId));
      if (ctx.journal.deleted.includes(oldId) || isGone(ctx.journal, oldId)) continue;
      // Okta no longer knowing it means someone deleted it before this call: recorded as such, not as ours.
      if (!(await deleteIgnoringNotFound(ctx, appId, oldId))) {
        await noteGone(ctx, oldId);
        continue;
      }
      await ctx.update((j) => {
        j.deleted.push(oldId);
      });
    }
    return { state: 'done', result: { deleted: [...ctx.journal.deleted] } };
  },
  async recheck(ctx) {
    const secrets = await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal);
    const oldIds = confirmedOldIds(ctx.journal);
    const remaining = oldIds.filter((id) => secrets.some((s) => s.id === id));
    await ctx.update((j) => {
      for (const id of oldIds) if (!remaining.includes(id) && !j.deleted.includes(id)) j.deleted.push(id);
    });
    return remaining.length === 0 ? { state: 'done', result: { deleted: [...ctx.journal.deleted] } } : undefined;
  },
  offers: () => [{ type: 'run', step: 'deleteOld' }],
};
