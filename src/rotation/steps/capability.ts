// Step 1's question before anything is created: can this credential manage the app's secrets? Asked of Okta
// without side effects (the client's checkSecretManagement: a service app's granted scopes, or an API token's
// admin roles). A credential Okta will surely refuse stops the rotation here; one Okta does not let us judge is
// flagged (the checklist says so in step 1). Not being able to ask says nothing about the credential: unknown.
import { isOktaError } from '../../okta/errors.ts';
import { RotationError } from '../errors.ts';
import { capabilityNotAsked, credentialReadOnly } from '../../presentation/stepErrors.ts';
import type { RotationJournal } from '../model/journal.ts';
import type { StepContext } from './context.ts';

type Capability = NonNullable<RotationJournal['preflight']['capability']>;

export async function checkCapability(ctx: StepContext): Promise<void> {
  let capability: Capability;
  try {
    const a = await ctx.okta.checkSecretManagement(ctx.signal);
    capability = { verdict: a.verdict, reasons: [...a.reasons], ...(a.advice ? { advice: a.advice } : {}) };
  } catch (e) {
    if (ctx.signal?.aborted === true || isOktaError(e, 'cancelled')) throw e;
    capability = { verdict: 'unknown', reasons: [capabilityNotAsked(isOktaError(e) ? e.kind : 'unexpected')] };
  }
  await ctx.update((j) => {
    j.preflight.capability = capability;
  });
  if (capability.verdict === 'readOnly') {
    throw new RotationError('guard', credentialReadOnly(ctx.where, capability.reasons, capability.advice));
  }
}
