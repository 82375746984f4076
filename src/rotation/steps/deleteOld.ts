// Step 9: delete the deactivated old secrets. After this there is no way back (no rollback).
import { RotationError } from '../errors.ts';
import type { ApiStepModule } from './context.ts';
import { confirmedOldIds, confirmedOldInWords, deleteIgnoringNotFound } from './secrets.ts';
import { utcTime } from '../words.ts';

export const deleteOld: ApiStepModule<'deleteOld'> = {
  id: 'deleteOld',
  label: 'Delete the old secret',
  description: 'Deletes the deactivated old secret. After this there is no way back.',
  kind: 'api',
  story({ journal, record, now }) {
    const oldText = confirmedOldInWords(journal, now);
    if (record.state === 'done')
      return {
        summary: `Deleted ${oldText}. It cannot come back.`,
        todo: [],
        details: record.endedAt ? [{ label: 'Deleted', value: utcTime(record.endedAt, now) }] : [],
      };
    if (record.state === 'skipped' && journal.outcome === 'inProgress')
      return { summary: 'Not needed: no old secret was active.', todo: [], details: [] };
    return {
      summary: 'Deletes the deactivated old secret; after this there is no way back.',
      todo: [`Delete ${oldText}. This cannot be undone: after the delete there is no roll back.`],
      details: [],
    };
  },
  async run(ctx) {
    const appId = ctx.journal.app.id;
    const newId = ctx.journal.newSecret?.id;
    for (const oldId of confirmedOldIds(ctx.journal)) {
      if (oldId === newId)
        throw new RotationError('guard', `${ctx.where}: refusing to delete ${oldId}: it is the new secret.`);
      if (ctx.journal.deleted.includes(oldId)) continue;
      await deleteIgnoringNotFound(ctx, appId, oldId);
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
  offers: (_journal, at) => [at.run('Delete the old secret')],
};
