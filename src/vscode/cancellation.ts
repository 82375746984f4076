// Cancellation across the boundary: VS Code's CancellationToken becomes the AbortSignal the client and the
// engine understand, and a person dismissing a prompt becomes a silent UserCancelled.
import type * as vscode from 'vscode';
import { isOktaError } from '../okta/errors.ts';

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

export function toAbortSignal(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}

/** `value`, or UserCancelled when the prompt was dismissed (undefined). */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}
