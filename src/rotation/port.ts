// The part of the Okta client the engine needs, as a narrow port. OktaClient satisfies it structurally; the
// engine never sees tokens, HTTP or retries. Errors it throws are OktaError (../okta/errors.ts).
import type { ClientSecret, WorkflowsApp } from '../okta/schemas.ts';

/** Same shape as SecretProbeResult of ../okta/secretProbe.ts. */
export interface SecretProbeOutcome {
  outcome: 'valid' | 'invalid' | 'unknown';
  reason: string;
  status?: number;
}

export interface RotationOkta {
  findWorkflowsApp(opts?: { appId?: string }, signal?: AbortSignal): Promise<WorkflowsApp>;
  listSecrets(appId: string, signal?: AbortSignal): Promise<ClientSecret[]>;
  /** `recovered`: the answer was lost and the client read the new secret back from the list. */
  createSecret(appId: string, signal?: AbortSignal): Promise<ClientSecret & { recovered?: boolean }>;
  activateSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret>;
  deactivateSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret>;
  deleteSecret(appId: string, secretId: string, signal?: AbortSignal): Promise<void>;
  verifyClientSecret(app: WorkflowsApp, clientSecret: string, signal?: AbortSignal): Promise<SecretProbeOutcome>;
}

/** Times come from here, so tests control "now" (the preview-recency guard counts days). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
