// Step 2: record the secret in use, as the preflight identified it, so it can be retired at the end.
import { RotationError } from '../errors.ts';
import { secretInList, secretPhrase, utcTime } from '../words.ts';
import type { ApiStepModule } from './context.ts';

export const recordInUse: ApiStepModule<'recordInUse'> = {
  id: 'recordInUse',
  label: 'Record the secret in use',
  description: 'Notes which client secret the Workflows connection uses today, so it can be retired at the end.',
  kind: 'api',
  story({ journal, record, now }) {
    const inUse = journal.inUse;
    if (record.state === 'done' && inUse) {
      return {
        summary: `Recorded ${secretInList(inUse, now)} as the secret your Workflows connection uses; it is retired at the end.`,
        todo: [],
        details: [
          { label: 'In use', value: secretPhrase(inUse, now) },
          ...(record.endedAt ? [{ label: 'Recorded', value: utcTime(record.endedAt, now) }] : []),
        ],
      };
    }
    const known = journal.preflight.secrets.find((s) => s.id === journal.preflight.inUseSecretId);
    return {
      summary: 'Notes which secret your Workflows connection uses today, so the right one is retired at the end.',
      todo: [
        `Record ${known ? secretInList(known, now) : 'the secret in use'} as the one your Workflows connection uses, so the right secret is retired at the end. Nothing changes in Okta.`,
      ],
      details: [],
    };
  },
  async run(ctx) {
    const p = ctx.journal.preflight;
    const inUse = p.secrets.find((s) => s.id === p.inUseSecretId);
    if (!inUse)
      throw new RotationError(
        'unexpectedState',
        `${ctx.where}: the preflight did not identify the secret in use. Check the org again.`,
      );
    await ctx.update((j) => {
      j.inUse = { ...inUse, status: 'ACTIVE' };
    });
    return {
      state: 'done',
      result: { secretId: inUse.id, masked: inUse.masked, ...(inUse.created ? { created: inUse.created } : {}) },
    };
  },
  offers: (_journal, at) => [at.run('Record the secret in use')],
};
