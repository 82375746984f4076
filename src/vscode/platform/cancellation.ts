// A person dismissing a prompt becomes a silent UserCancelled; isCancellation tells every kind of cancel apart
// from a failure. (VS Code's CancellationToken becomes an AbortSignal in withOktaProgress.)
import { isOktaError } from '../../okta/errors.ts';

/** Thrown when a person dismisses a prompt: the command wrapper stays silent. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled by the user.');
    this.name = 'UserCancelled';
  }
}

export function isCancellation(e: unknown): boolean {
  return e instanceof UserCancelled || isOktaError(e, 'cancelled') || (e instanceof Error && e.name === 'AbortError');
}

/** `value`, or UserCancelled when the prompt was dismissed (undefined). */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}
