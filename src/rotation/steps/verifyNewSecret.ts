// Step 6: verify the new secret at the org's token endpoint (nothing changes in Okta). The old secret is not
// deactivated until this says valid, or the person overrides explicitly (journaled).
import { redact } from '../../redact.ts';
import { workflowsApp } from '../appRecord.ts';
import { RotationError } from '../errors.ts';
import type { NextAction } from '../snapshot.ts';
import { utcTime } from '../words.ts';
import type { ApiStepModule } from './context.ts';

export const verifyNewSecret: ApiStepModule<'verifyNewSecret'> = {
  id: 'verifyNewSecret',
  label: 'Verify the new secret',
  description: "Checks at the org's token endpoint that the new secret authenticates the app (nothing is changed).",
  kind: 'api',
  story({ journal, record, now }) {
    const v = journal.verification;
    const secret = journal.newSecret ? `the new secret ${journal.newSecret.masked}` : 'the new secret';
    const details = v
      ? [
          { label: "Okta's answer", value: v.reason },
          { label: 'Checked', value: utcTime(v.at, now) },
        ]
      : [];
    if (record.state === 'done')
      return { summary: `Okta's token endpoint accepted ${secret}: it works.`, todo: [], details };
    if (record.state === 'skipped' && journal.guards.unverifiedOverride)
      return {
        summary: `Not verified: you chose to continue without a verified new secret (${utcTime(journal.guards.unverifiedOverride.at, now)}).`,
        todo: [],
        details,
      };
    return {
      summary: "Checks at the org's token endpoint that the new secret works; nothing changes in Okta.",
      todo:
        record.state === 'failed'
          ? [
              'Verify again in a moment. If it keeps failing, check the new connection in the Workflows console.',
              'Only if you are sure the new connection works, continue without verification.',
            ]
          : [`Check at the org's token endpoint that ${secret} works. Nothing changes in Okta.`],
      details,
    };
  },
  async run(ctx) {
    const j = ctx.journal;
    const value = await ctx.secrets.get(j.rotationId);
    if (!value) {
      throw new RotationError(
        'secretValueLost',
        `${ctx.where}: the new secret's value is no longer in secure storage, so it cannot be verified. Check the new connection in the Workflows console, then override.`,
      );
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
          ? `${ctx.where}: the new secret ${j.newSecret?.id ?? ''} was refused by the token endpoint (${reason}). Do not retire the old secret; check the secret in the Admin Console, then verify again.`
          : `${ctx.where}: the new secret ${j.newSecret?.id ?? ''} could not be checked (${reason}). Verify again in a moment.`,
      );
    }
    return { state: 'done', result: { outcome: probe.outcome, reason, secretId: j.newSecret?.id ?? null } };
  },
  offers(_journal, at) {
    const out: NextAction[] = [at.run('Verify the new secret')];
    if (at.record.state === 'failed') {
      out.push({
        type: 'override',
        guard: 'unverifiedNewSecret',
        warning:
          'The new secret has not verified as valid. Deactivating the old secret may break every flow. Continue only if you checked the new connection works.',
      });
    }
    return out;
  },
};
