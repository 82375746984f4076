// What the rotation around its steps says when it refuses an action or cannot finish one: the engine's refusals, a
// step cancelled or whose outcome Okta could not confirm, the rollback, the journal taken by another window or
// missing, a second rotation of the same app, a change from the tree that cannot be recorded. One function per
// message, given ids, hosts and counts, never a secret value. Pure, tested in Node.
import type { StepId } from '../rotation/model/steps.ts';
import { stepTitle } from './stories/titles.ts';
import { utcDateTime } from './time.ts';

/** "Rotation of app 0oa… in acme.okta.com": how every message about one rotation starts (errorText removes it). */
export function rotationWhere(appId: string, host: string): string {
  return `Rotation of app ${appId} in ${host}`;
}

// The engine's refusals: nothing was done.

/** `issues`: what the action's shape got wrong, already in words. */
export function actionNotUnderstood(issues: string): string {
  return `The action is not one the rotation understands (${issues}).`;
}

export function stepAlreadyRunning(where: string): string {
  return `${where}: a step is running; wait for it or cancel it.`;
}

/** `chosen` and `possible` are actions' titles (actionTitle). */
export function actionNotPossible(where: string, chosen: string, possible: readonly string[]): string {
  return `${where}: "${chosen}" is not possible now. Possible: ${possible.join(', ') || 'nothing'}.`;
}

export function runsInAnotherWindow(where: string, what: StepId | 'rollback'): string {
  const doing = what === 'rollback' ? 'The rollback' : `"${stepTitle(what)}"`;
  return `${where}: ${doing} runs in another window. Wait for it to end there: this checklist follows it.`;
}

export function productionNeedsAcknowledgement(where: string): string {
  return `${where}: this production org needs the preview warning acknowledged first.`;
}

export function manualStepIsConfirmed(step: StepId): string {
  return `"${stepTitle(step)}" is done by a person and confirmed.`;
}

/** A step's safety rule refused the run; `refusal` is the rule's own sentence (lower case, ending with a period). */
export function stepRefused(where: string, refusal: string): string {
  return `${where}: ${refusal}`;
}

/** The old secrets the person confirmed are not the rotation's any more (listed again in another window). */
export function oldSecretsChangedSinceShown(where: string): string {
  return `${where}: the old secrets are not the ones shown when you chose this (they were listed again meanwhile). Nothing was done: check the list and choose again.`;
}

/** `reason` says when the preview org's soak ends (or why it cannot), as the soak guard worded it. */
export function previewSoakWaits(where: string, reason: string): string {
  return `${where}: this production org waits for its preview org before its new secret is created: ${reason}. Acknowledge to create it now.`;
}

// The journal: taken by another window, missing, unsaved, or another rotation of the app holding it.

export function journalChangedElsewhere(where: string): string {
  return `${where}: this rotation changed in another window, so nothing was done. The checklist now shows where it stands: do it again if it is still what you want.`;
}

export function journalNotFound(rotationId: string): string {
  return `No rotation journal with id ${rotationId} was found.`;
}

/** `cause`: the store's own message (a file system error). */
export function journalSaveFailed(cause: string): string {
  return `Saving the rotation journal failed: ${cause}`;
}

/** Another rotation of the app holds its lock; `at` is the step it stands at. */
export function rotationAlreadyInProgress(
  holder: { app: { id: string }; org: { host: string }; rotationId: string; createdAt: string },
  at: StepId | undefined,
): string {
  return `A rotation of app ${holder.app.id} in ${holder.org.host} is already in progress (rotation ${holder.rotationId}, started ${utcDateTime(holder.createdAt)}${at ? `, at step "${stepTitle(at)}"` : ''}). Resume or abandon it before starting another.`;
}

/** A change of a secret made from the Orgs tree, while a step of the rotation runs. */
export function outsideChangeWhileStepRuns(host: string): string {
  return `A step of the rotation in ${host} is running: the change is not recorded in it. Open its checklist.`;
}

export function outsideChangeBeforeStepEnds(orgLabel: string): string {
  return `${orgLabel}: a step of its rotation is running; wait for it to end (its checklist shows it), then try again.`;
}

export function outsideChangeKeepsChanging(rotationId: string): string {
  return `The rotation ${rotationId} keeps changing in another window: the change made from the tree is not recorded in it.`;
}

// A step or a rollback that did not finish.

// A step's title is quoted, never followed by a colon: "Create the new secret: cancelled" reads to redact() as a
// secret's value, and the log would show "[REDACTED]".

/** The step's write may have reached Okta and reading Okta back failed; `readError` is that failure's message. */
export function stepOutcomeUnknown(step: StepId, readError: string): string {
  return `The request of "${stepTitle(step)}" may have reached Okta, and reading Okta back failed too (${readError}). Check again before doing anything else.`;
}

/** `readBack`: the request may have left, and Okta was read back showing nothing changed. */
export function stepCancelled(step: StepId, readBack: boolean): string {
  return `"${stepTitle(step)}" was cancelled. ${readBack ? 'Okta was read back: nothing had changed.' : 'Nothing had been sent to Okta.'} Run it again when ready.`;
}

/** After a crash, reading Okta to learn where a running step stood failed; `readError` is that failure's message. */
export function readAfterInterruptionFailed(readError: string): string {
  return `Reading Okta after the interruption failed: ${readError} Check again before doing anything else.`;
}

export function oldSecretGoneForRollback(where: string, secretId: string): string {
  return `${where}: old secret ${secretId} no longer exists; it cannot be reactivated.`;
}

export function rollbackOutcomeUnknown(where: string): string {
  return `${where}: the rollback may have reactivated the old secret, and Okta could not be read back. Roll back again: it reads Okta first and reactivates only what is still inactive.`;
}

export function rollbackCancelled(): string {
  return 'Rollback cancelled; it can be started again.';
}
