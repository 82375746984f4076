// How a campaign drives one org's rotation through a bulk action's stretch of steps (../../rotation/model/phases.ts):
// one offered action at a time, exactly as a person clicking in the checklist would, stopping at the first step a
// person does, a refusal or a failure. Nothing here decides what is allowed: the engine does.
import type { ActionOutcome } from '../../rotation/deps.ts';
import type { RotationAction } from '../../rotation/model/actions.ts';
import type { StepError } from '../../rotation/model/journal.ts';
import { phaseApplies, type Phase } from '../../rotation/model/phases.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import type { StepId } from '../../rotation/model/steps.ts';

/** One rotation as the campaign drives it: the engine itself (the same one its checklist shows). */
export interface RotationHandle {
  readonly rotationId: string;
  snapshot(): RotationSnapshot;
  perform(action: RotationAction, signal?: AbortSignal): Promise<ActionOutcome>;
}

export type PhaseEnd =
  | { ok: true; /** Where it stopped: a person's step, or the end of the stretch. */ at?: StepId }
  | { ok: false; error: StepError; /** A refusal (a guard, a lock), not a failed call to Okta. */ refused: boolean };

/** Drives the rotation through the phase's steps (bounded); each action is one the snapshot offers. */
export async function drivePhase(handle: RotationHandle, phase: Phase, signal?: AbortSignal): Promise<PhaseEnd> {
  let looked = false;
  for (let i = 0; i < 12; i++) {
    const snap = handle.snapshot();
    const here = { ok: true as const, ...(snap.currentStep ? { at: snap.currentStep } : {}) };
    if (!phaseApplies(phase, snap)) return here;
    // The watch waits for time, not for a person: one look per bulk action, the next one later.
    if (looked && snap.currentStep === 'watchOld') return here;
    const action = nextAction(snap);
    if (action === undefined) return here;
    if ('stop' in action) return { ok: false, refused: true, error: action.stop };
    looked = action.type === 'run' && action.step === 'watchOld';
    const outcome = await handle.perform(action, signal);
    if (!outcome.ok) return { ok: false, error: outcome.error, refused: isRefusal(outcome.error.kind) };
  }
  return { ok: false, refused: true, error: { kind: 'unexpected', message: `${phase}: the rotation did not move on` } };
}

const REFUSALS = new Set(['guard', 'actionNotAvailable', 'staleJournal', 'busy', 'alreadyRunning']);

function isRefusal(kind: string): boolean {
  return REFUSALS.has(kind);
}

/**
 * The action a phase takes at the current step: run it when it is offered; confirm the old secrets when the list
 * is exactly the secret recorded in use (anything else is for the person to judge in the checklist). A step that
 * waits for a person (an acknowledgement, two secrets to tell apart) stops the phase here.
 */
function nextAction(snap: RotationSnapshot): RotationAction | { stop: StepError } | undefined {
  const step = snap.currentStep;
  if (step === undefined) return undefined;
  for (const a of snap.nextActions)
    if (a.type === 'acknowledge' && a.guard === 'productionWithoutPreview')
      return {
        stop: {
          kind: 'guard',
          message: `This production org has no recent preview rotation (none in the last ${snap.guards.productionWithoutPreview?.days ?? 0} days): go ahead from its row or its checklist, or rotate a preview org first.`,
        },
      };
  if (step === 'identifyOld' && snap.nextActions.some((a) => a.type === 'confirm' && a.step === 'identifyOld')) {
    const result = snap.steps.find((s) => s.id === 'identifyOld')?.result;
    if (result?.matchesRecordedInUse === true) return { type: 'confirm', step: 'identifyOld' };
    return {
      stop: {
        kind: 'unexpectedState',
        message: `The active secrets besides the new one (${snap.secrets.old.map((s) => s.masked).join(', ') || 'none'}) are not just the one recorded in use (${snap.secrets.inUse?.masked ?? '?'}): open the checklist to confirm which to retire.`,
      },
    };
  }
  if (step === 'preflight' && snap.nextActions.some((a) => a.type === 'retire' || a.type === 'identifyInUse')) {
    return {
      stop: {
        kind: 'unexpectedState',
        message:
          'The app has two secrets: open the checklist to say which one the Workflows connection uses, or to retire the one not in use.',
      },
    };
  }
  const run = snap.nextActions.find((a) => a.type === 'run' && a.step === step);
  return run ? { type: 'run', step } : undefined;
}
