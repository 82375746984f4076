// What a UI reads of a rotation at one moment: the journal as saved, the steps with their states, what the person
// can do now (nextActions) and the values of the manual steps. Plain data with no secret value (the new secret's
// value is fetched apart, for the clipboard), built by the engine (../snapshot.ts); the words a person reads are
// the presentation's (src/presentation), told from this.
import type { NextAction, SecretView } from './actions.ts';
import type {
  ConnectionMode,
  Environment,
  RotationJournal,
  RotationOutcome,
  StepError,
  SummaryValue,
} from './journal.ts';
import type { RunningElsewhere } from './ownership.ts';
import type { StepId, StepKind, StepState } from './steps.ts';

export interface StepSnapshot {
  id: StepId;
  kind: StepKind;
  state: StepState;
  /** The step the rotation is at (the first neither done nor skipped). */
  current: boolean;
  startedAt?: string;
  endedAt?: string;
  result?: Record<string, SummaryValue>;
  error?: StepError;
}

export interface RotationSnapshot {
  rotationId: string;
  org: { host: string; baseUrl: string };
  environment: Environment;
  app: { id: string; name: string; label: string; clientId: string };
  outcome: RotationOutcome;
  createdAt: string;
  updatedAt: string;
  endedAt?: string;
  mode?: ConnectionMode;
  currentStep?: StepId;
  /** A step (or rollback) is running in this engine right now: offer no action, show progress. */
  busy: boolean;
  /** A step (or the rollback) runs in another window now: offer no action here, say where it runs. */
  runningElsewhere?: RunningElsewhere;
  steps: StepSnapshot[];
  secrets: { inUse?: SecretView; new?: SecretView; old: SecretView[]; listed: SecretView[] };
  verification?: { outcome: 'valid' | 'invalid' | 'unknown'; reason: string; at: string };
  /** What the person types into the Workflows console's Okta connection dialog. */
  manual: { domain: string; clientId: string; workflowsConsoleUrl?: string; newSecretMasked?: string };
  guards: {
    productionWithoutPreview?: {
      required: boolean;
      acknowledged: boolean;
      days: number;
      lastPreviewCompletedAt?: string;
    };
    unverifiedOverride?: { at: string; verificationOutcome: string };
    previewSoak?: {
      previewOrg: string;
      hours: number;
      previewCompletedAt?: string;
      satisfied?: boolean;
      acknowledgedAt?: string;
    };
  };
  rollback?: { state: 'running' | 'done'; reactivated: string[] };
  /** How the rotation ended, in sentences (ids only). */
  report: string[];
  nextActions: NextAction[];
  /** The journal the snapshot was built from (a copy: plain data, no secret), which the stories are told from. */
  journal: RotationJournal;
}

/** The domain the Workflows connector wants: no scheme, no "-admin". */
export function connectorDomain(host: string): string {
  const [first, ...rest] = host.toLowerCase().split('.');
  return [(first ?? '').replace(/-admin$/, ''), ...rest].join('.');
}

/** A guess of the Workflows console URL from the org domain (FACTS.md hosts); undefined when we cannot tell. */
export function workflowsConsoleUrl(host: string): string | undefined {
  const domain = connectorDomain(host);
  const m = /^([a-z0-9-]+)\.(okta\.com|oktapreview\.com|okta-emea\.com)$/.exec(domain);
  return m ? `https://${m[1]}.workflows.${m[2]}/` : undefined;
}
