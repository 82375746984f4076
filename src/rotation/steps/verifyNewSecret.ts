// Step 6: verify the new secret at the org's token endpoint (nothing changes in Okta). The old secret is not
// deactivated until this says valid, or the person overrides explicitly (journaled).
import { redact } from '../../redact.ts';
import { workflowsApp } from '../appRecord.ts';
import { RotationError } from '../errors.ts';
import { newSecretRefused, newSecretUnchecked, newValueNotStored } from '../../presentation/stepErrors.ts';
import type { NextAction } from '../model/actions.ts';
import type { ApiStepModule } from './context.ts';

export const verifyNewSecret: ApiStepModule<'verifyNewSecret'> = {
  id: 'verifyNewSecret',
  kind: 'api',
  async run(ctx) {
    const j = ctx.journal;
    const value = await ctx.secrets.get(j.rotationId);
    if (!value) {
      throw new RotationError('secretValueLost', newValueNotStored(ctx.where));
    }
    const probe = await ctx.okta.verifyClientSecret(workflowsApp(j), value, ctx.signal);
    const reason = redact(probe.reason, [value]);
    await ctx.update((jj) => {
      jj.verification = {
        outcome: probe.outcome,
        reason,
        ...(probe.status !== undefined ? { status: probe.status } : {}),
        at: ctx.now(),
      };
    });
    if (probe.outcome !== 'valid') {
      throw new RotationError(
        'verificationFailed',
        probe.outcome === 'invalid'
          ? newSecretRefused(ctx.where, j.newSecret?.id, reason)
          : newSecretUnchecked(ctx.where, j.newSecret?.id, reason),
      );
    }
    return { state: 'done', result: { outcome: probe.outcome, reason, secretId: j.newSecret?.id ?? null } };
  },
  offers(journal) {
    const out: NextAction[] = [{ type: 'run', step: 'verifyNewSecret' }];
    if (journal.steps.verifyNewSecret.state === 'failed') out.push({ type: 'override', guard: 'unverifiedNewSecret' });
    return out;
  },
};
