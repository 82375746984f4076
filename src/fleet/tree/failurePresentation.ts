// What a failed org load looks like in place in the tree, and which fix it offers. Pure, tested in Node.
import { isOktaError, type OktaError } from '../../okta/errors.ts';
import { utcTime } from '../../presentation/time.ts';
import type { CredentialType } from '../../orgs/orgCredential.ts';

type FixAction = 'setApiToken' | 'setServiceApp' | 'retry' | 'showLog' | 'startPracticeOrgs' | 'proxySettings';

export interface FailureItem {
  label: string;
  tooltip: string;
  action: FixAction;
}

/** The in-place item of a failed load; a refused credential is fixed by setting one of the same kind. */
export function presentFailure(
  e: unknown,
  credential: CredentialType = 'apiToken',
  now: Date = new Date(),
): FailureItem {
  const serviceApp = credential === 'serviceApp';
  const fix = serviceApp ? 'setServiceApp' : 'setApiToken';
  const message = e instanceof Error ? e.message : String(e);
  if (isOktaError(e) && e.connection) return connectionFailure(e.connection, message);
  if (isOktaError(e)) {
    const errorId = e.errorId ? ` (Okta error ID ${e.errorId})` : '';
    switch (e.kind) {
      case 'invalidToken':
        return serviceApp
          ? {
              label: 'Service app credentials refused: check the client id and private key',
              tooltip: message,
              action: fix,
            }
          : { label: 'API token refused: set a new one', tooltip: message, action: fix };
      case 'forbidden':
        return serviceApp
          ? {
              label: `Scope or role missing: grant okta.apps.read and okta.apps.manage and an app admin role to the service app${errorId}`,
              tooltip: message,
              action: fix,
            }
          : {
              label: `Permission missing: needs okta.apps.read and okta.apps.manage (an app admin role)${errorId}`,
              tooltip: message,
              action: fix,
            };
      case 'notFound':
        return {
          label: 'Okta Workflows OAuth app not found: set its app id in the org settings',
          tooltip: message,
          action: 'showLog',
        };
      case 'network':
      case 'timeout':
      case 'serverError':
        return {
          label: `${e.kind === 'timeout' ? 'No answer in time' : e.kind === 'network' ? 'Cannot reach the org' : 'Okta server error'}: retry${errorId}`,
          tooltip: message,
          action: 'retry',
        };
      case 'rateLimited':
        return {
          label: `Rate limited by Okta${e.retryAt ? ` until ${utcTime(e.retryAt, now, { roundUp: true })}` : ''}: retry later${errorId}`,
          tooltip: message,
          action: 'retry',
        };
      case 'cancelled':
        return { label: 'Loading cancelled: retry', tooltip: message, action: 'retry' };
      default:
        return { label: `${e.operation} failed${errorId}`, tooltip: message, action: 'retry' };
    }
  }
  return { label: 'Loading failed: see the log', tooltip: message, action: 'showLog' };
}

/** A connection refused before the request left: the row says who refused it, the tooltip the details and the fix. */
function connectionFailure(reason: NonNullable<OktaError['connection']>, message: string): FailureItem {
  switch (reason) {
    case 'proxyCredentials':
      return {
        label: 'The proxy refused the connection (407): check the proxy settings',
        tooltip: message,
        action: 'proxySettings',
      };
    case 'proxyUnreachable':
      return {
        label: 'The proxy cannot be reached: check the proxy settings',
        tooltip: message,
        action: 'proxySettings',
      };
    case 'proxyRefused':
      return {
        label: 'The proxy refused the connection to the org: check the proxy settings',
        tooltip: message,
        action: 'proxySettings',
      };
    case 'certificate':
      return { label: "The org's certificate is not accepted: see the details", tooltip: message, action: 'showLog' };
  }
}
