// One row per org in the campaign view: where its rotation is, what comes next and who does it (you, or the
// extension in a bulk action), the last error with its fix, and what the row itself offers (the manual steps with
// that org's values, an acknowledgement, a retry). Built from the rotation's snapshot only (no secret value), with
// the same words the checklist gives the same offers (../actions.ts).
import type { StepError } from '../../rotation/model/journal.ts';
import { phaseOf } from '../../rotation/model/phases.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import { connectionDoneLabel, offerLabel, runLabel } from '../actions.ts';
import { ENDING_TITLES } from '../endings.ts';
import { watchLine } from '../watch.ts';
import { PHASE_WORDS } from './phases.ts';
import type { CampaignRow, RowAction, RowInput, RowPart, RowState } from './rowShape.ts';

const CHECKLIST: RowAction = { kind: 'openChecklist', label: 'Open checklist' };

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
      status: input.working
        ? `${PHASE_WORDS[input.working].working}…`
        : input.error
          ? 'Could not start'
          : 'Not started',
      next: PHASE_WORDS.check.row,
      who: 'extension',
      ...failed,
      actions: [{ kind: 'run', phase: 'check', label: PHASE_WORDS.check.row }, ...credentialFix(input.error)],
    };
  }
  const row = rowOf(snap, input);
  const manual = {
    domain: snap.manual.domain,
    clientId: snap.manual.clientId,
    ...(snap.manual.newSecretMasked ? { newSecretMasked: snap.manual.newSecretMasked } : {}),
  };
  const error = shownError(input.error ?? snap.steps.find((s) => s.state === 'failed')?.error, row.state);
  return {
    ...base,
    ...row,
    ...(input.working ? { state: 'working' as const, status: `${PHASE_WORDS[input.working].working}…` } : {}),
    ...(error ? { error: { message: error.message, fix: fixFor(error) } } : {}),
    manual,
    rotationId: snap.rotationId,
    actions: input.working ? [CHECKLIST] : [...row.actions, ...credentialFix(error), CHECKLIST],
  };
}

/** A row done, or only waiting for its preview org's soak (by design), shows no error: nothing failed. */
function shownError(error: StepError | undefined, state: RowState): StepError | undefined {
  if (!error || state === 'done' || state === 'stopped') return undefined;
  if (state === 'waiting' && error.kind === 'guard') return undefined;
  return error;
}

function rowOf(snap: RotationSnapshot, input: RowInput): RowPart {
  if (snap.outcome !== 'inProgress') {
    const done = snap.outcome === 'completed';
    return {
      state: done ? 'done' : 'stopped',
      status: done ? `Done: secret ${snap.secrets.new?.masked ?? ''} in use` : ENDING_TITLES[snap.outcome],
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
      next: soak
        ? `Its new secret is created once ${input.pairedWith ?? 'its preview org'} has soaked, or now if you go ahead`
        : 'Go ahead without a recent preview rotation, or rotate a preview org first',
      who: 'you',
      actions: [
        { kind: 'acknowledge', guard: a.guard, label: offerLabel(a, snap.journal) },
        // The soak is checked again at each try: once it is over, the create goes ahead.
        ...(soak
          ? [{ kind: 'run' as const, phase: 'create' as const, label: runLabel('createSecret', snap.journal) }]
          : []),
      ],
    };
  }
  const step = snap.steps.find((s) => s.id === snap.currentStep);
  const failed = step?.state === 'failed';
  const phase = phaseOf(snap);
  if (phase === 'watch' && !failed) return watchRow(snap, input.now ?? new Date(snap.updatedAt));
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
    if (step?.state === 'uncertain')
      return {
        state: 'failed',
        status: 'Outcome unknown: Okta could not be read back',
        next: runLabel(step.id, snap.journal),
        who: 'extension',
        actions: [{ kind: 'run', phase, label: runLabel(step.id, snap.journal) }],
      };
    const label = `${failed ? 'Retry: ' : ''}${PHASE_WORDS[phase].row}`;
    const ready =
      phase === 'delete'
        ? snap.currentStep === 'deleteOld'
          ? watchLine(snap.journal, input.now ?? new Date(snap.updatedAt))
          : 'Old connection deleted'
        : PHASE_WORDS[phase].ready;
    return {
      state: failed ? 'failed' : 'ready',
      status: failed ? `Did not complete: ${PHASE_WORDS[phase].row.toLowerCase()}` : ready,
      next: label,
      who: 'extension',
      actions: [{ kind: 'run', phase, label }],
    };
  }
  return personStep(snap);
}

/** The watch of the deactivated old secret: how long, what it found, and what comes next. */
function watchRow(snap: RotationSnapshot, now: Date): RowPart {
  const w = snap.journal.watch;
  const look = (label: string): RowAction[] => [{ kind: 'run', phase: 'watch', label }];
  const status = watchLine(snap.journal, now);
  switch (w?.status) {
    case undefined:
      return {
        state: 'ready',
        status,
        next: PHASE_WORDS.watch.row,
        who: 'extension',
        actions: look(PHASE_WORDS.watch.row),
      };
    case 'watching':
    case 'clean':
      return {
        state: 'watching',
        status,
        next: 'The extension looks again by itself; the delete follows a clean watch',
        who: 'extension',
        actions: look(runLabel('watchOld', snap.journal)),
      };
    case 'caught':
      return {
        state: 'needsYou',
        status,
        next: 'In its checklist: Roll back (recommended), or delete it anyway',
        who: 'you',
        actions: [],
      };
    case 'cannotWatch':
      return {
        state: 'needsYou',
        status,
        next: 'In its checklist: confirm every flow moved, or grant okta.logs.read and look again',
        who: 'you',
        actions: look(runLabel('watchOld', snap.journal)),
      };
  }
}

/** The current step is the person's, in the Workflows console. */
function personStep(snap: RotationSnapshot): RowPart {
  const copy: RowAction[] = [
    { kind: 'copyNewSecret', label: 'Copy new secret' },
    { kind: 'copy', field: 'domain', label: 'Copy domain' },
    { kind: 'copy', field: 'clientId', label: 'Copy client ID' },
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
          { kind: 'connection', mode: 'newConnection', label: connectionDoneLabel('newConnection') },
          { kind: 'connection', mode: 'reauthorize', label: connectionDoneLabel('reauthorize') },
        ],
      };
    case 'moveFlows':
      return {
        state: 'needsYou',
        status: 'New connection created',
        next: 'In the Workflows console: move every flow to the new connection',
        who: 'you',
        actions: [
          {
            kind: 'confirm',
            step: 'moveFlows',
            label: offerLabel({ type: 'confirm', step: 'moveFlows' }, snap.journal),
          },
        ],
      };
    case 'deleteOldConnection':
      return {
        state: 'needsYou',
        status: 'Old secret deleted',
        next: 'In the Workflows console: delete the old connection',
        who: 'you',
        actions: [
          {
            kind: 'confirm',
            step: 'deleteOldConnection',
            label: offerLabel({ type: 'confirm', step: 'deleteOldConnection' }, snap.journal),
          },
        ],
      };
    default:
      return { state: 'needsYou', status: 'Waiting for you', next: 'Open the checklist', who: 'you', actions: [] };
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
    ? [{ kind: 'setCredential', label: 'Set credentials…' }]
    : [];
}
