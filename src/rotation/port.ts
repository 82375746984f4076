// The part of the Okta client the engine needs, as a narrow port taken from the client's own types, so the two
// cannot drift apart. The engine never sees tokens, HTTP or retries. Errors it throws are OktaError
// (../okta/errors.ts).
import type { OktaClient } from '../okta/client.ts';

export type RotationOkta = Pick<
  OktaClient,
  | 'findWorkflowsApp'
  | 'listSecrets'
  | 'createSecret'
  | 'activateSecret'
  | 'deactivateSecret'
  | 'deleteSecret'
  | 'verifyClientSecret'
  | 'checkSecretManagement'
  | 'listClientAuthFailures'
>;

/** Times come from here, so tests control "now" (the preview-recency guard counts days). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
