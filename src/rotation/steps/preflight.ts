// Step 1: check the org. Finds the Workflows app again, asks whether the credential may manage its secrets
// (capability.ts) and judges its secrets (secretAssessment.ts). Two person's
// answers run under this step too: which secret is in use (the pasted value, compared, never kept), and the
// confirmed retirement of a secret not in use, so that a new one fits under Okta's two-secret cap.
import type { ClientSecret } from '../../okta/schemas.ts';
import { secretMatchesHash } from '../../okta/secretHash.ts';
import { appRecord } from '../appRecord.ts';
import { RotationError } from '../errors.ts';
import {
  inUseInactiveSoNotRetired,
  notOfferedForRetirement,
  otherAppAnswered,
  pastedValueMatchesNone,
  secretsListedWithoutValues,
} from '../../presentation/stepErrors.ts';
import { constantTimeEquals } from '../guards.ts';
import type { NextAction } from '../model/actions.ts';
import type { ApiStepModule, StepContext, StepEnd } from './context.ts';
import { checkCapability } from './capability.ts';
import { assessSecrets } from './secretAssessment.ts';
import { deleteIgnoringNotFound } from './secrets.ts';

export const preflight: ApiStepModule<'preflight'> = {
  id: 'preflight',
  kind: 'api',
  async run(ctx) {
    const app = await ctx.okta.findWorkflowsApp({ appId: ctx.journal.app.id }, ctx.signal);
    if (app.id !== ctx.journal.app.id) {
      throw new RotationError('unexpectedState', otherAppAnswered(ctx.where, app.id));
    }
    await ctx.update((j) => {
      j.app = appRecord(app);
    });
    await checkCapability(ctx);
    return assessSecrets(ctx, await ctx.okta.listSecrets(app.id, ctx.signal));
  },
  offers(journal) {
    const p = journal.preflight;
    const out: NextAction[] = [];
    if (p.needsInUseIdentification) {
      out.push({
        type: 'identifyInUse',
        candidates: p.secrets.filter((s) => s.status === 'ACTIVE').map((s) => ({ ...s })),
      });
    } else if (p.retireCandidate) {
      out.push({
        type: 'retire',
        secretId: p.retireCandidate.id,
        masked: p.retireCandidate.masked,
        reason: p.retireCandidate.reason,
      });
    }
    out.push({ type: 'run', step: 'preflight' });
    return out;
  },
};

/**
 * The person pasted the value the Workflows connection uses: the one active secret it matches is in use. Matched by
 * Okta's secret_hash (the first 16 bytes of the value's SHA-256), computed here: Okta need not list the values, and
 * the value is compared in this process only and never kept.
 */
export async function identifyInUse(ctx: StepContext, value: string): Promise<StepEnd> {
  const secrets = await ctx.okta.listSecrets(ctx.journal.app.id, ctx.signal);
  const active = secrets.filter((s) => s.status === 'ACTIVE');
  if (active.some((s) => s.secret_hash === undefined && s.client_secret === undefined)) {
    throw new RotationError('unexpectedState', secretsListedWithoutValues(ctx.where));
  }
  const matches = active.filter((s) =>
    s.secret_hash !== undefined
      ? secretMatchesHash(value, s.secret_hash)
      : constantTimeEquals(s.client_secret ?? '', value),
  );
  const match: ClientSecret | undefined = matches.length === 1 ? matches[0] : undefined;
  if (!match) {
    throw new RotationError('secretMismatch', pastedValueMatchesNone(ctx.where, active.length));
  }
  await ctx.update((j) => {
    j.preflight.inUseSecretId = match.id;
  });
  return assessSecrets(ctx, secrets);
}

/** The person confirmed retiring the offered secret (never the one in use): deactivated if active, then deleted. */
export async function retire(ctx: StepContext, secretId: string): Promise<StepEnd> {
  const j = ctx.journal;
  if (secretId === j.preflight.inUseSecretId || secretId !== j.preflight.retireCandidate?.id) {
    throw new RotationError('guard', notOfferedForRetirement(ctx.where, secretId));
  }
  const appId = j.app.id;
  let secrets = await ctx.okta.listSecrets(appId, ctx.signal);
  const target = secrets.find((s) => s.id === secretId);
  if (target?.status === 'ACTIVE') {
    const otherActive = secrets.some((s) => s.status === 'ACTIVE' && s.id === j.preflight.inUseSecretId);
    if (!otherActive) throw new RotationError('guard', inUseInactiveSoNotRetired(ctx.where, secretId));
    await ctx.okta.deactivateSecret(appId, secretId, ctx.signal);
  }
  if (target) await deleteIgnoringNotFound(ctx, appId, secretId);
  secrets = secrets.filter((s) => s.id !== secretId);
  await ctx.update((jj) => {
    if (!jj.preflight.retired.includes(secretId)) jj.preflight.retired.push(secretId);
    delete jj.preflight.retireCandidate;
  });
  const end = await assessSecrets(ctx, secrets);
  return { ...end, result: { ...end.result, retired: [...ctx.journal.preflight.retired] } };
}
