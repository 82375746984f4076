// A campaign row's action, said as the rotation's own actions: choosing the connection and confirming it are one
// click in a row but two actions of the engine.
import type { ActionOutcome } from '../../rotation/deps.ts';
import type { AcknowledgedGuard } from '../../rotation/model/actions.ts';
import type { Phase } from '../../rotation/model/phases.ts';
import type { RotationHandle } from './drivePhase.ts';

/** The row actions that are the rotation's own (the others: copying and opening the checklist, are the host's). */
export type RotationRowAction =
  | { kind: 'run'; phase: Phase }
  | { kind: 'connection'; mode: 'newConnection' | 'reauthorize' }
  | { kind: 'confirm'; step: 'moveFlows' | 'deleteOldConnection' }
  | { kind: 'acknowledge'; guard: AcknowledgedGuard };

/** Performs a row's action on its rotation; a phase is run by drivePhase, never performed. */
export async function performRowAction(
  handle: RotationHandle,
  action: RotationRowAction,
  signal?: AbortSignal,
): Promise<ActionOutcome> {
  switch (action.kind) {
    case 'connection': {
      if (handle.snapshot().mode !== action.mode) {
        const chosen = await handle.perform({ type: 'chooseMode', mode: action.mode }, signal);
        if (!chosen.ok) return chosen;
      }
      return handle.perform({ type: 'confirm', step: 'newConnection' }, signal);
    }
    case 'confirm':
      return handle.perform({ type: 'confirm', step: action.step }, signal);
    case 'acknowledge':
      return handle.perform({ type: 'acknowledge', guard: action.guard }, signal);
    case 'run':
      return { ok: false, error: { kind: 'actionNotAvailable', message: 'a phase is run, not performed' } };
  }
}
