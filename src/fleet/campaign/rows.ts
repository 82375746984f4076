// One row per org in the campaign view: where its rotation is, what comes next and who does it (you, or the
// extension in a bulk action), the last error with its fix, and what the row itself offers (the manual steps with
// that org's values, an acknowledgement, a retry). Built from the rotation's snapshot only: no secret value.
import type { StepError } from '../../rotation/journal.ts';
import type { AcknowledgedGuard, RotationSnapshot } from '../../rotation/snapshot.ts';
import { PHASE_LABELS, phaseOf, type Phase } from './phases.ts';

type RowAction =
  | { kind: 'run'; phase: Phase; label: string }
  | { kind: 'connection'; mode: 'newConnection' | 'reauthorize'; label: string }
  | { kind: 'confirm'; step: 'moveFlows' | 'deleteOldConnection'; label: string }
  | { kind: 'acknowledge'; guard: AcknowledgedGuard; label: string; warning: string }
  | { kind: 'copyNewSecret'; label: string }
  | { kind: 'copy'; field: 'domain' | 'clientId'; label: string }
  | { kind: 'setCredential'; label: string }
  | { kind: 'openChecklist'; label: string };

type RowState = 'notStarted' | 'working' | 'ready' | 'needsYou' | 'waiting' | 'failed' | 'done' | 'stopped';

export interface CampaignRow {
  key: string;
  label: string;
  environment: 'preview' | 'production';
  /** The label of the preview org it waits for. */
  pairedWith?: string;
  state: RowState;
  status: string;
  next: string;
  who: 'you' | 'extension' | '';
  error?: { message: string; fix: string };
  /** What the person enters in the Workflows console (no secret: the new one is copied in the host). */
  manual?: { domain: string; clientId: string; newSecretMasked?: string };
  actions: RowAction[];
  rotationId?: string;
}

export interface RowInput {
  key: string;
  label: string;
  environment: 'preview' | 'production';
  pairedWith?: string;
  snapshot?: RotationSnapshot;
  /** The phase running for this org right now, if any. */
  working?: Phase;
  /** The last error a bulk action or a row action met for this org (cleared when the next one goes through). */
  error?: StepError;
}

const CHECKLIST: RowAction = { kind: 'openChecklist', label: 'Open Checklist' };

export function campaignRow(input: RowInput): CampaignRow {
  const base = {
    key: input.key,
    label: input.label,
    environment: input.environment,
    ...(input.pairedWith ? { pairedWith: input.pairedWith } : {}),
  };
  const snap = input.snapshot;
  if (!snap) {
    const failed = input.error ? { error: { message: input.error.message, fix: fixFor(input.error) } } : {};
    return {
      ...base,
      state: input.working ? 'working' : input.error ? 'failed' : 'notStarted',
      status: input.working ? `${PHASE_LABELS[input.working]}…` : input.error ? 'Could not start' : 'Not started',
      next: 'Check the org',
      who: 'extension',
      ...failed,
      actions: [{ kind: 'run', phase: 'check', label: 'Check' }, ...credentialFix(input.error)],
    };
  }
  const row = rowOf(snap, input);
  const manual = {
    domain: snap.manual.domain,
    clientId: snap.manual.clientId,
    ...(snap.manual.newSecretMasked ? { newSecretMasked: snap.manual.newSecretMasked } : {}),
  };
  const error = input.error ?? snap.steps.find((s) => s.state === 'failed')?.error;
  return {
    ...base,
    ...row,
    ...(input.working ? { state: 'working' as const, status: `${PHASE_LABELS[input.working]}…` } : {}),
    ...(error && row.state !== 'done' ? { error: { message: error.message, fix: fixFor(error) } } : {}),
    manual,
    rotationId: snap.rotationId,
    actions: input.working ? [CHECKLIST] : [...row.actions, ...credentialFix(error), CHECKLIST],
  };
}

type RowPart = Pick<CampaignRow, 'state' | 'status' | 'next' | 'who' | 'actions'>;

function rowOf(snap: RotationSnapshot, input: RowInput): RowPart {
  if (snap.outcome !== 'inProgress') {
    const done = snap.outcome === 'completed';
    return {
      state: done ? 'done' : 'stopped',
      status: done ? `Done: secret ${snap.secrets.new?.masked ?? ''} in use` : `Ended: ${snap.outcome}`,
      next: '',
      who: '',
      actions: [],
    };
  }
  for (const a of snap.nextActions) {
    if (a.type !== 'acknowledge') continue;
    const soak = a.guard === 'previewSoak';
    return {
      state: soak ? 'waiting' : 'needsYou',
      status: soak ? `Waiting for ${input.pairedWith ?? 'its preview org'}` : 'No recent preview rotation',
      next: soak ? 'Wait for the soak, or acknowledge it' : 'Acknowledge rotating without a recent preview rotation',
      who: 'you',
      actions: [
        { kind: 'acknowledge', guard: a.guard, label: 'Acknowledge…', warning: a.warning },
        // The soak is checked again at each try: once it is over, the create goes ahead.
        ...(soak ? [{ kind: 'run' as const, phase: 'create' as const, label: 'Create the New Secret' }] : []),
      ],
    };
  }
  const step = snap.steps.find((s) => s.id === snap.currentStep);
  const failed = step?.state === 'failed';
  const phase = phaseOf(snap);
  if (phase) {
    const twoSecrets = snap.nextActions.some((a) => a.type === 'retire' || a.type === 'identifyInUse');
    if (twoSecrets)
      return {
        state: 'needsYou',
        status: 'Two secrets',
        next: 'In the checklist: say which secret is in use, or retire the other',
        who: 'you',
        actions: [],
      };
    return {
      state: failed ? 'failed' : 'ready',
      status: failed ? `Failed: ${step?.label ?? ''}` : READY_STATUS[phase],
      next: `${failed ? 'Again: ' : ''}${PHASE_LABELS[phase]}`,
      who: 'extension',
      actions: [{ kind: 'run', phase, label: failed ? 'Run Again' : PHASE_LABELS[phase] }],
    };
  }
  return personStep(snap);
}

const READY_STATUS: Readonly<Record<Phase, string>> = {
  check: 'Due',
  create: 'Checked',
  verify: 'Connection set up',
  retire: 'New secret verified',
};

/** The current step is the person's, in the Workflows console. */
function personStep(snap: RotationSnapshot): RowPart {
  const copy: RowAction[] = [
    { kind: 'copyNewSecret', label: 'Copy New Secret' },
    { kind: 'copy', field: 'domain', label: 'Copy Domain' },
    { kind: 'copy', field: 'clientId', label: 'Copy Client ID' },
  ];
  switch (snap.currentStep) {
    case 'newConnection':
      return {
        state: 'needsYou',
        status: `New secret ${snap.secrets.new?.masked ?? ''} created`,
        next: 'In the Workflows console: a new Okta connection with the new secret, or re-authorize the old one',
        who: 'you',
        actions: [
          ...copy,
          { kind: 'connection', mode: 'newConnection', label: 'I Created the New Connection' },
          { kind: 'connection', mode: 'reauthorize', label: 'I Re-authorized the Existing One' },
        ],
      };
    case 'moveFlows':
      return {
        state: 'needsYou',
        status: 'New connection created',
        next: 'In the Workflows console: move every flow to the new connection',
        who: 'you',
        actions: [{ kind: 'confirm', step: 'moveFlows', label: 'Every Flow Moved' }],
      };
    case 'deleteOldConnection':
      return {
        state: 'needsYou',
        status: 'Old secret deleted',
        next: 'In the Workflows console: delete the old connection',
        who: 'you',
        actions: [{ kind: 'confirm', step: 'deleteOldConnection', label: 'I Deleted the Old Connection' }],
      };
    default:
      return { state: 'needsYou', status: 'Waiting', next: 'Open the checklist', who: 'you', actions: [] };
  }
}

/** The fix for an error, in a few words (the message says why). */
function fixFor(error: Pick<StepError, 'kind'>): string {
  switch (error.kind) {
    case 'invalidToken':
      return 'Set a new API token (or service app) for this org, then run it again.';
    case 'forbidden':
      return 'Use a token whose admin can manage apps (okta.apps.manage), then run it again.';
    case 'rateLimited':
      return 'Wait for the rate limit to reset, then run it again.';
    case 'network':
    case 'timeout':
    case 'serverError':
    case 'cancelled':
      return 'Run it again; nothing is lost.';
    case 'verificationFailed':
      return 'Check the new connection, then verify again (the checklist can override).';
    case 'staleJournal':
      return 'Another window drives this rotation: open its checklist there, or reopen it here.';
    default:
      return 'Open the checklist: it shows the step and what to do.';
  }
}

function credentialFix(error: StepError | undefined): RowAction[] {
  return error?.kind === 'invalidToken' || error?.kind === 'forbidden'
    ? [{ kind: 'setCredential', label: 'Set API Token…' }]
    : [];
}
