// Step 2: record the secret in use, as the preflight identified it, so it can be retired at the end.
import { RotationError } from '../errors.ts';
import { inUseNotIdentified } from '../../presentation/stepErrors.ts';
import type { ApiStepModule } from './context.ts';

export const recordInUse: ApiStepModule<'recordInUse'> = {
  id: 'recordInUse',
  kind: 'api',
  async run(ctx) {
    const p = ctx.journal.preflight;
    const inUse = p.secrets.find((s) => s.id === p.inUseSecretId);
    if (!inUse) throw new RotationError('unexpectedState', inUseNotIdentified(ctx.where));
    await ctx.update((j) => {
      j.inUse = { ...inUse, status: 'ACTIVE' };
    });
    return {
      state: 'done',
      result: { secretId: inUse.id, masked: inUse.masked, ...(inUse.created ? { created: inUse.created } : {}) },
    };
  },
  offers: () => [{ type: 'run', step: 'recordInUse' }],
};
