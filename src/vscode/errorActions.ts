// Which buttons an error message offers. Pure, tested in Node.
import { isOktaError } from '../okta/errors.ts';

export type ErrorAction = 'Show Log' | 'Set API Token' | 'Retry';

export function errorActions(e: unknown): ErrorAction[] {
  if (!isOktaError(e)) return ['Show Log'];
  switch (e.kind) {
    case 'invalidToken':
    case 'forbidden':
      return ['Set API Token', 'Show Log'];
    case 'network':
    case 'timeout':
    case 'serverError':
    case 'rateLimited':
      return ['Retry', 'Show Log'];
    default:
      return ['Show Log'];
  }
}
