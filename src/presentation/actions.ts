// How each thing a person can do with a rotation reads and weighs: its label, its role (the one primary action
// of a step, the secondary ones, the dangerous ones), its icon and what the live region says while it runs. One
// mapping, shared by the checklist and the campaign, so the same offer reads the same in both. Pure, tested in Node.
import type { NextAction, RotationAction } from '../rotation/model/actions.ts';
import type { ConnectionMode, RotationJournal } from '../rotation/model/journal.ts';
import type { StepId } from '../rotation/model/steps.ts';
import { stepTitle } from './stories/titles.ts';

type ActionRole = 'primary' | 'secondary' | 'danger';

export interface OfferWords {
  label: string;
  role: ActionRole;
  /** The codicon shown before the label. */
  icon?: string;
  /** Said while it runs ("Create the new secret…"). */
  busyText?: string;
}

const CONFIRM_LABELS: Partial<Record<StepId, string>> = {
  moveFlows: 'Every flow uses the new connection',
  identifyOld: 'These are the old secrets',
  deleteOldConnection: 'I deleted the old connection',
  watchOld: 'Every flow moved: go on without a watch…',
};

const MODE_LABELS: Readonly<Record<ConnectionMode, string>> = {
  newConnection: 'Create a new connection',
  reauthorize: 'Re-authorize the existing connection',
};

/** What a person confirms after setting up the connection in the Workflows console the way `mode` says. */
export function connectionDoneLabel(mode: ConnectionMode | undefined): string {
  return mode === 'reauthorize' ? 'I re-authorized the connection with the new secret' : 'I created the new connection';
}

/** "Create the new secret", "Check the org again", "List again", "Retry: Verify the new secret". */
export function runLabel(step: StepId, journal: RotationJournal): string {
  const record = journal.steps[step];
  if (record.state === 'uncertain') return 'Check what Okta did';
  const again = record.state === 'failed' ? 'Retry: ' : '';
  if (step === 'preflight' && record.result !== undefined) return `${again}Check the org again`;
  if (step === 'identifyOld' && journal.identify !== undefined && record.state === 'pending') return 'List again';
  if (step === 'identifyOld') return `${again}List the active secrets`;
  if (step === 'watchOld') {
    if (journal.watch?.status === 'cannotWatch') return 'Try to read the System Log again';
    return `${again}${journal.watch ? 'Look again now' : 'Look at the System Log now'}`;
  }
  return `${again}${stepTitle(step)}`;
}

/** The label of one offer. */
export function offerLabel(offer: NextAction, journal: RotationJournal): string {
  switch (offer.type) {
    case 'run':
      return runLabel(offer.step, journal);
    case 'confirm':
      return offer.step === 'newConnection'
        ? connectionDoneLabel(journal.mode)
        : (CONFIRM_LABELS[offer.step] ?? `Done: ${stepTitle(offer.step)}`);
    case 'chooseMode':
      return offer.current === undefined ? 'Choose how to connect' : 'Choose the other way to connect';
    case 'retire':
      return `Retire ${offer.masked}…`;
    case 'identifyInUse':
      return 'Identify the secret in use…';
    case 'override':
      return offer.guard === 'oldSecretStillUsed' ? 'Delete it anyway…' : 'Continue without verification…';
    case 'acknowledge':
      return offer.guard === 'previewSoak' ? 'Create it now, before the soak ends…' : 'Rotate production anyway…';
    case 'rollback':
      return caughtStillUsed(journal) ? 'Roll back (recommended)…' : 'Roll back to the old secret…';
    case 'abandon':
      return 'Abandon the rotation…';
  }
}

/** The label of one way to connect, before a choice or as the other way ("… instead"). */
export function modeLabel(mode: ConnectionMode, current: ConnectionMode | undefined): string {
  return current === undefined ? MODE_LABELS[mode] : `${MODE_LABELS[mode]} instead`;
}

const ICONS: Readonly<Record<NextAction['type'], string | undefined>> = {
  run: 'play',
  confirm: 'check',
  chooseMode: undefined,
  retire: 'trash',
  identifyInUse: 'search',
  override: 'warning',
  acknowledge: 'warning',
  rollback: 'discard',
  abandon: 'close',
};

/** The watch caught a connection still using the old secret: Roll back is the step's own, recommended action. */
export function caughtStillUsed(journal: Pick<RotationJournal, 'watch' | 'outcome'>): boolean {
  return journal.outcome === 'inProgress' && journal.watch?.status === 'caught' && journal.watch.decision === undefined;
}

/**
 * Every offer with its words, its role decided among the others: the step's own action that moves the rotation
 * on is the one primary action (a decision before "Check the org again", the confirmation before "List again", Roll
 * back when the watch caught the old secret still used); an override is dangerous; the ways out (rollback, abandon)
 * and the guard's acknowledgements are secondary otherwise.
 */
export function offersInWords(
  offers: readonly NextAction[],
  journal: RotationJournal,
): Array<{ offer: NextAction; words: OfferWords }> {
  let primaryTaken = false;
  return offers.map((offer) => {
    const label = offerLabel(offer, journal);
    const wantsPrimary = isPrimary(offer, offers) || (offer.type === 'rollback' && caughtStillUsed(journal));
    const role: ActionRole =
      offer.type === 'override' ? 'danger' : wantsPrimary && !primaryTaken ? 'primary' : 'secondary';
    if (role === 'primary') primaryTaken = true;
    const icon = ICONS[offer.type];
    const busyText = offer.type === 'run' ? `${label}…` : offer.type === 'retire' ? `Retiring ${offer.masked}…` : '';
    return {
      offer,
      words: { label, role, ...(icon ? { icon } : {}), ...(busyText ? { busyText } : {}) },
    };
  });
}

function isPrimary(a: NextAction, all: readonly NextAction[]): boolean {
  switch (a.type) {
    case 'run':
      return !all.some((o) => o.type === 'identifyInUse' || o.type === 'retire' || o.type === 'confirm');
    case 'override':
      return !all.some((o) => o.type === 'run');
    case 'chooseMode':
      return a.current === undefined;
    case 'acknowledge':
      return a.guard === 'productionWithoutPreview';
    case 'confirm':
    case 'retire':
    case 'identifyInUse':
      return true;
    case 'rollback':
    case 'abandon':
      return false;
  }
}

/** An action or an offer as a command, for a refusal ("Delete the old secret" is not possible now; possible: …). */
export function actionTitle(action: RotationAction | NextAction, journal: RotationJournal): string {
  switch (action.type) {
    case 'run':
      return runLabel(action.step, journal);
    case 'confirm':
      return `Confirm: ${stepTitle(action.step)}`;
    case 'chooseMode':
      return 'Choose how to connect';
    case 'retire': {
      // The id comes from the page: a secret the rotation listed is named masked, anything else (a pasted value
      // in the wrong place) never echoed.
      const known = journal.preflight.secrets.find((s) => s.id === action.secretId);
      return known ? `Retire secret ${known.masked}` : 'Retire a secret';
    }
    case 'identifyInUse':
      return 'Identify the secret in use';
    case 'override':
      return action.guard === 'oldSecretStillUsed'
        ? 'Delete the old secret although a connection still uses it'
        : 'Continue without a verified new secret';
    case 'acknowledge':
      return action.guard === 'previewSoak'
        ? 'Go ahead before the preview soak ends'
        : 'Go ahead without a recent preview rotation';
    case 'rollback':
      return 'Roll back';
    case 'abandon':
      return 'Abandon the rotation';
  }
}

/** An action under way, for a progress title and the checklist's busy line ("Rolling back: reactivating …"). */
export function actionInWords(action: RotationAction | NextAction, journal: RotationJournal): string {
  switch (action.type) {
    case 'run':
      return runLabel(action.step, journal);
    case 'confirm':
      return `Confirming: ${stepTitle(action.step)}`;
    case 'chooseMode':
      return 'Choosing how to connect';
    case 'retire': {
      const known = journal.preflight.secrets.find((s) => s.id === action.secretId);
      return known ? `Retiring secret ${known.masked}` : 'Retiring a secret';
    }
    case 'identifyInUse':
      return 'Identifying the secret in use';
    case 'override':
      return action.guard === 'oldSecretStillUsed'
        ? 'Allowing the delete although a connection still uses the old secret'
        : 'Continuing without a verified new secret';
    case 'acknowledge':
      return action.guard === 'previewSoak'
        ? "Acknowledging: the preview org's soak is not over"
        : 'Acknowledging: no recent preview rotation';
    case 'rollback':
      return 'Rolling back: reactivating the old secret';
    case 'abandon':
      return 'Abandoning the rotation';
  }
}
