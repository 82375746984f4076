// Which buttons an error message offers. Pure, tested in Node.
import { isOktaError } from '../okta/errors.ts';
import type { CredentialType } from './orgCredential.ts';

export type ErrorAction = 'Show Log' | 'Set API Token' | 'Set OAuth Service App' | 'Retry';

/**
 * A message that starts with the org's host ("acme.okta.com refused the API token …") names the org as the person
 * named it instead ("Acme Production refused the API token …"); any other message is left as it is.
 */
export function withOrgLabel(message: string, host: string | undefined, label: string | undefined): string {
  return host && label && message.startsWith(`${host} `) ? `${label}${message.slice(host.length)}` : message;
}

/** The buttons for an error; a refused credential is replaced by one of the same kind (the org's, when known). */
export function errorActions(e: unknown, credential: CredentialType = 'apiToken'): ErrorAction[] {
  if (!isOktaError(e)) return ['Show Log'];
  switch (e.kind) {
    case 'invalidToken':
    case 'forbidden':
      return [credential === 'serviceApp' ? 'Set OAuth Service App' : 'Set API Token', 'Show Log'];
    case 'network':
    case 'timeout':
    case 'serverError':
    case 'rateLimited':
      return ['Retry', 'Show Log'];
    default:
      return ['Show Log'];
  }
}
