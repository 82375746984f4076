// The preflight's judgement of the app's secrets (Okta allows two at most): done when the secret in use is known
// and a new one fits; pending when the person must say which secret is in use, or confirm retiring one.
import type { ClientSecret } from '../../okta/schemas.ts';
import { maskSecret } from '../../redact.ts';
import { RotationError } from '../errors.ts';
import { identifiedInUseInactive, secretCountUnfit } from '../../presentation/stepErrors.ts';
import type { SummaryValue } from '../model/journal.ts';
import type { StepContext, StepEnd } from './context.ts';
import { secretRef } from './secrets.ts';

type RetireCandidate = { id: string; masked: string; reason: 'inactive' | 'notInUse' };

export async function assessSecrets(ctx: StepContext, secrets: ClientSecret[]): Promise<StepEnd> {
  const active = secrets.filter((s) => s.status === 'ACTIVE');
  const inactive = secrets.filter((s) => s.status === 'INACTIVE');
  const known = ctx.journal.preflight.inUseSecretId;
  if (active.length === 0 || secrets.length > 2) {
    throw new RotationError('unexpectedState', secretCountUnfit(ctx.where, active.length, inactive.length));
  }
  if (known !== undefined && !active.some((s) => s.id === known)) {
    throw new RotationError('unexpectedState', identifiedInUseInactive(ctx.where, known));
  }
  let inUse: ClientSecret | undefined;
  let retire: RetireCandidate | undefined;
  let needsIdentification = false;
  if (active.length === 1) {
    inUse = active[0];
    const other = inactive[0];
    if (other) retire = { id: other.id, masked: maskSecret(other.client_secret ?? ''), reason: 'inactive' };
  } else if (known !== undefined) {
    inUse = active.find((s) => s.id === known);
    const other = active.find((s) => s.id !== known);
    if (other) retire = { id: other.id, masked: maskSecret(other.client_secret ?? ''), reason: 'notInUse' };
  } else {
    needsIdentification = true;
  }
  await ctx.update((j) => {
    j.preflight.secrets = secrets.map(secretRef);
    j.preflight.needsInUseIdentification = needsIdentification;
    if (inUse) j.preflight.inUseSecretId = inUse.id;
    if (retire) j.preflight.retireCandidate = retire;
    else delete j.preflight.retireCandidate;
  });
  const result: Record<string, SummaryValue> = {
    appId: ctx.journal.app.id,
    clientId: ctx.journal.app.clientId,
    active: active.length,
    inactive: inactive.length,
    secretIds: secrets.map((s) => s.id),
    ...(inUse ? { inUseSecretId: inUse.id, inUseMasked: maskSecret(inUse.client_secret ?? '') } : {}),
  };
  // Pending for the person: what they are asked is the step's story (presentation), from the journal.
  if (needsIdentification) return { state: 'pending', result };
  if (retire) return { state: 'pending', result: { ...result, retireSecretId: retire.id } };
  return { state: 'done', result };
}
