// Errors of the rotation itself (not of Okta: those are OktaError). Each message names the rotation's org and
// app and says what to do. Messages are built from ids and our own words; they never carry a secret value.
import { OktaError } from '../okta/errors.ts';
import { sanitizeText } from '../okta/oktaText.ts';
import { journalChangedElsewhere, journalSaveFailed, rotationWhere } from '../presentation/rotationErrors.ts';
import { redact } from '../redact.ts';

/** Every message of an error built here: redacted, then one line (it may quote an id or a label from Okta). */
function safeMessage(text: string): string {
  return sanitizeText(redact(text), 2000);
}
import type { StepError } from './model/journal.ts';

export type RotationErrorKind =
  | 'alreadyRunning' //     another rotation of the same app is in progress
  | 'actionNotAvailable' // the action is not offered in the current state
  | 'invalidAction' //      the action does not have the expected shape
  | 'busy' //               a step of this rotation is running
  | 'guard' //              a safety rule refuses the action
  | 'secretMismatch' //     the pasted value matches no active secret
  | 'secretValueLost' //    the new secret's value is not available
  | 'unexpectedState' //    Okta's state is not what the step expects
  | 'verificationFailed' // the new secret did not authenticate (or could not be checked)
  | 'staleJournal' //       another window changed this rotation since this engine read it
  | 'runningElsewhere' //   a step of this rotation runs in another window now
  | 'journalNotFound';

export class RotationError extends Error {
  readonly kind: RotationErrorKind;

  constructor(kind: RotationErrorKind, message: string) {
    super(safeMessage(message));
    this.name = 'RotationError';
    this.kind = kind;
  }
}

export function isRotationError(e: unknown, kind?: RotationErrorKind): e is RotationError {
  return e instanceof RotationError && (kind === undefined || e.kind === kind);
}

/**
 * A store's answer to a save whose expected revision is not the stored one: the rotation changed in another window
 * (or engine) since this engine read it. Nothing was saved; the engine reads the rotation again.
 */
export function staleJournalError(journal: {
  rotationId: string;
  org: { host: string };
  app: { id: string };
}): RotationError {
  return new RotationError('staleJournal', journalChangedElsewhere(rotationWhere(journal.app.id, journal.org.host)));
}

/** The journal store failed: the engine cannot record the state, so it stops (perform rethrows the cause). */
export class JournalStoreFailure extends Error {
  constructor(cause: unknown) {
    super(safeMessage(journalSaveFailed(cause instanceof Error ? cause.message : String(cause))), { cause });
    this.name = 'JournalStoreFailure';
  }
}

/** What the journal and the person see of an error: its kind and message (an unknown error redacted, prefixed). */
export function toStepError(e: unknown, where: string): StepError {
  if (e instanceof OktaError) return { kind: e.kind, message: e.message, ...(e.errorId ? { errorId: e.errorId } : {}) };
  if (e instanceof RotationError) return { kind: e.kind, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'unexpected', message: safeMessage(`${where}: ${message}`) };
}
