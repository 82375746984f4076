// What a UI needs to render a rotation, with no logic of its own: the steps with their states, what the person
// can do right now (nextActions), and the display data of the manual steps. Built from the journal only, so a
// snapshot never holds a secret value (the new secret's value is fetched separately, for the clipboard).
// The action schema is wrapped in z.lazy: built on first use, not when the extension activates.
import * as z from 'zod/mini';
import { previewSoakPending, productionGuardPending } from './guards.ts';
import { soakAcknowledgement, soakView } from './soak.ts';
import { ConnectionModeSchema } from './journal.ts';
import type {
  ConnectionMode,
  Environment,
  RotationJournal,
  RotationOutcome,
  SecretRef,
  StepError,
  SummaryValue,
} from './journal.ts';
import { STEP_IDS, STEP_INFO, stepModule } from './steps.ts';
import type { StepId, StepKind, StepState } from './steps.ts';
import type { StepOffers, StepStory } from './steps/context.ts';
import { shownSecretId } from '../okta/ids.ts';

const StepIdSchema = z.lazy(() => z.enum(STEP_IDS));

/** What the UI sends back to perform(). Parsed with zod: it comes from a webview, untrusted. */
export const RotationActionSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('run'), step: StepIdSchema }),
    z.strictObject({ type: z.literal('confirm'), step: StepIdSchema }),
    z.strictObject({ type: z.literal('chooseMode'), mode: ConnectionModeSchema }),
    z.strictObject({ type: z.literal('retire'), secretId: z.string().check(z.minLength(1), z.maxLength(100)) }),
    /** The pasted value of the secret in use. Compared, never stored, never journaled. */
    z.strictObject({ type: z.literal('identifyInUse'), value: z.string().check(z.minLength(1), z.maxLength(1000)) }),
    z.strictObject({ type: z.literal('override'), guard: z.literal('unverifiedNewSecret') }),
    z.strictObject({ type: z.literal('acknowledge'), guard: z.enum(['productionWithoutPreview', 'previewSoak']) }),
    z.strictObject({ type: z.literal('rollback') }),
    z.strictObject({ type: z.literal('abandon') }),
  ]),
);
export type RotationAction = z.infer<typeof RotationActionSchema>;

/** The guards a person can acknowledge: no recent preview rotation, or a paired preview org's soak not over. */
export type AcknowledgedGuard = 'productionWithoutPreview' | 'previewSoak';

interface SecretView {
  id: string;
  masked: string;
  status?: 'ACTIVE' | 'INACTIVE';
  created?: string;
}

/** What the UI can offer now. Each maps to one RotationAction (noted beside it). */
export type NextAction =
  | { type: 'run'; step: StepId; label: string } //                  → {type:'run', step}
  | { type: 'confirm'; step: StepId; label: string } //              → {type:'confirm', step}
  | { type: 'chooseMode'; options: ConnectionMode[]; current?: ConnectionMode } // → {type:'chooseMode', mode}
  | { type: 'retire'; secretId: string; masked: string; reason: 'inactive' | 'notInUse' } // → {type:'retire', secretId}
  | { type: 'identifyInUse'; candidates: SecretView[] } //           → {type:'identifyInUse', value}
  | { type: 'override'; guard: 'unverifiedNewSecret'; warning: string } // → same without warning
  | { type: 'acknowledge'; guard: AcknowledgedGuard; warning: string } // → same without warning
  | { type: 'rollback'; warning: string } //                         → {type:'rollback'}
  | { type: 'abandon'; warning: string }; //                         → {type:'abandon'}

export interface StepSnapshot {
  id: StepId;
  label: string;
  description: string;
  kind: StepKind;
  state: StepState;
  /** The step the rotation is at (the first neither done nor skipped). */
  current: boolean;
  startedAt?: string;
  endedAt?: string;
  result?: Record<string, SummaryValue>;
  error?: StepError;
  /** The step in words, for the checklist (built by the step's module from the journal). */
  story: StepStory;
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

export function currentStepOf(journal: RotationJournal): StepId | undefined {
  return STEP_IDS.find((id) => journal.steps[id].state !== 'done' && journal.steps[id].state !== 'skipped');
}

function canRollback(journal: RotationJournal): boolean {
  if (journal.outcome !== 'inProgress' || journal.rollback?.state === 'running') return false;
  const deleteState = journal.steps.deleteOld.state;
  return (
    journal.deactivated.length > 0 &&
    journal.deleted.length === 0 &&
    (deleteState === 'pending' || deleteState === 'failed')
  );
}

/** Abandoning is possible until deactivation was first attempted: after that, an attempt whose answer was lost
 * may have changed Okta, so the way out is a retry (which reads Okta first) or a rollback. */
function canAbandon(journal: RotationJournal): boolean {
  return (
    journal.outcome === 'inProgress' &&
    journal.deactivated.length === 0 &&
    journal.steps.deactivateOld.state === 'pending' &&
    !STEP_IDS.some((id) => journal.steps[id].state === 'running')
  );
}

const view = (s: SecretRef): SecretView => ({ ...s });

export function computeNextActions(journal: RotationJournal): NextAction[] {
  if (journal.outcome !== 'inProgress' || journal.rollback?.state === 'running') return [];
  const step = currentStepOf(journal);
  const actions: NextAction[] = [];
  if (productionGuardPending(journal)) {
    actions.push({
      type: 'acknowledge',
      guard: 'productionWithoutPreview',
      warning: `This is a production org and no preview org completed a rotation in the last ${journal.guards.productionWithoutPreview?.days ?? 0} days. Okta advises rotating in a preview org first.`,
    });
  } else if (step !== undefined && journal.steps[step].state !== 'running') {
    if (step === 'createSecret' && previewSoakPending(journal)) actions.push(soakAcknowledgement(journal));
    for (const offer of stepModule(step).offers(journal, offersAt(journal, step))) actions.push(offer);
  }
  if (canRollback(journal)) {
    actions.push({
      type: 'rollback',
      warning: 'Reactivates the old secret. The new secret stays active in Okta; the rotation ends as rolled back.',
    });
  }
  if (canAbandon(journal)) {
    actions.push({
      type: 'abandon',
      warning: journal.newSecret
        ? `Ends the rotation here. The new secret ${journal.newSecret.id} stays active in Okta and its stored value is wiped.`
        : 'Ends the rotation here. Nothing was created.',
    });
  }
  return actions;
}

/** The run and confirm actions of `step`, as its module offers them. */
function offersAt(journal: RotationJournal, step: StepId): StepOffers {
  const record = journal.steps[step];
  const again = record.state === 'failed' ? 'Retry: ' : '';
  return {
    record,
    run: (label) => ({ type: 'run', step, label: again + label }),
    confirm: (label) => ({ type: 'confirm', step, label }),
  };
}

/** Is `action` one of `offered`? perform() accepts only what the snapshot offers. */
export function isOffered(action: RotationAction, offered: readonly NextAction[]): boolean {
  return offered.some((o) => matchesOffer(o, action));
}

function matchesOffer(o: NextAction, a: RotationAction): boolean {
  switch (a.type) {
    case 'run':
      return o.type === 'run' && o.step === a.step;
    case 'confirm':
      return o.type === 'confirm' && o.step === a.step;
    case 'chooseMode':
      return o.type === 'chooseMode' && o.options.includes(a.mode);
    case 'retire':
      return o.type === 'retire' && o.secretId === a.secretId;
    case 'override':
      return o.type === 'override' && o.guard === a.guard;
    case 'acknowledge':
      return o.type === 'acknowledge' && o.guard === a.guard;
    case 'identifyInUse':
    case 'rollback':
    case 'abandon':
      return o.type === a.type;
  }
}

/** An action or an offer in a few words, for a refusal's message. */
export function describeAction(action: RotationAction | NextAction): string {
  switch (action.type) {
    case 'run':
    case 'confirm':
      return `${action.type} ${action.step}`;
    case 'chooseMode':
      return 'choose the connection mode';
    case 'retire':
      // The id comes from the page: shown only when it is an Okta secret id (a pasted secret must not echo).
      return `retire ${shownSecretId(action.secretId)}`;
    case 'override':
    case 'acknowledge':
      return `${action.type} ${action.guard}`;
    default:
      return action.type;
  }
}

/** The snapshot of `journal`; `now` dates the stories' ages and times ("created 97 days ago", "15:28 UTC"). */
export function buildSnapshot(journal: RotationJournal, busy: boolean, now: Date): RotationSnapshot {
  const current = currentStepOf(journal);
  const j = journal;
  const pg = j.guards.productionWithoutPreview;
  const consoleUrl = workflowsConsoleUrl(j.org.host);
  const snapshot: RotationSnapshot = {
    rotationId: j.rotationId,
    org: { ...j.org },
    environment: j.environment,
    app: { id: j.app.id, name: j.app.name, label: j.app.label, clientId: j.app.clientId },
    outcome: j.outcome,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    ...(j.endedAt ? { endedAt: j.endedAt } : {}),
    ...(j.mode ? { mode: j.mode } : {}),
    ...(current && j.outcome === 'inProgress' ? { currentStep: current } : {}),
    busy,
    steps: STEP_IDS.map((id) => ({
      id,
      ...STEP_INFO[id],
      ...j.steps[id],
      current: id === current && j.outcome === 'inProgress',
      story: stepModule(id).story({ journal: j, record: j.steps[id], now }),
    })),
    secrets: {
      ...(j.inUse ? { inUse: view(j.inUse) } : {}),
      ...(j.newSecret ? { new: view(j.newSecret) } : {}),
      old: (j.identify?.candidates ?? [])
        .filter((c) => j.oldSecretIds === undefined || j.oldSecretIds.includes(c.id))
        .map(view),
      listed: j.preflight.secrets.map(view),
    },
    ...(j.verification
      ? { verification: { outcome: j.verification.outcome, reason: j.verification.reason, at: j.verification.at } }
      : {}),
    manual: {
      domain: connectorDomain(j.org.host),
      clientId: j.app.clientId,
      ...(consoleUrl ? { workflowsConsoleUrl: consoleUrl } : {}),
      ...(j.newSecret ? { newSecretMasked: j.newSecret.masked } : {}),
    },
    guards: {
      ...(pg
        ? {
            productionWithoutPreview: {
              required: pg.required,
              acknowledged: pg.acknowledgedAt !== undefined,
              days: pg.days,
              ...(pg.lastPreviewCompletedAt ? { lastPreviewCompletedAt: pg.lastPreviewCompletedAt } : {}),
            },
          }
        : {}),
      ...(j.guards.unverifiedOverride ? { unverifiedOverride: { ...j.guards.unverifiedOverride } } : {}),
      ...(j.guards.previewSoak ? { previewSoak: soakView(j.guards.previewSoak) } : {}),
    },
    ...(j.rollback ? { rollback: { state: j.rollback.state, reactivated: [...j.rollback.reactivated] } } : {}),
    report: [...j.report],
    nextActions: busy ? [] : computeNextActions(j),
  };
  // Plain data only: a UI may post it to a webview as is.
  return JSON.parse(JSON.stringify(snapshot)) as RotationSnapshot;
}
