// The System Log events the simulator writes: one per client-secret lifecycle change, shaped as the spec's LogEvent.
// The event types are Okta's, from its event-type catalog (okta-developer-docs, okta-event-types.csv, since
// 2022.05.3): app.oauth2.credentials.lifecycle.{create,activate,deactivate,delete}, "OAuth client credentials (either
// client secret or JWK)". Inferred, as no public source shows them: the display messages, the target types (the app as
// AppInstance, the secret as OAuth2ClientSecret) and a service app as actor of type PublicClientApp.
// Never a secret value: the secret is named by its id.
import { randomUUID } from 'node:crypto';
import type { AdminRecord } from './admins.ts';
import type { AppRecord, SecretRecord } from './orgState.ts';

export type SecretChange = 'create' | 'activate' | 'deactivate' | 'delete';

const EVENT_TYPE: Record<SecretChange, string> = {
  create: 'app.oauth2.credentials.lifecycle.create',
  activate: 'app.oauth2.credentials.lifecycle.activate',
  deactivate: 'app.oauth2.credentials.lifecycle.deactivate',
  delete: 'app.oauth2.credentials.lifecycle.delete',
};

const DISPLAY_MESSAGE: Record<SecretChange, string> = {
  create: 'Create OAuth2 client credential',
  activate: 'Activate OAuth2 client credential',
  deactivate: 'Deactivate OAuth2 client credential',
  delete: 'Delete OAuth2 client credential',
};

/** Who sent a management API request: an admin by their API token, or a service app by its access token. */
export type Principal = { kind: 'admin'; admin: AdminRecord } | { kind: 'serviceApp'; clientId: string; label: string };

/** What an event records of the request that caused it. */
export interface EventSource {
  principal: Principal;
  /** Epoch ms on the org's clock. */
  now: number;
  /** X-Okta-Request-Id of the request, which Okta also uses as the transaction id. */
  requestId: string;
  path: string;
  ip: string;
  userAgent: string;
}

function actor(p: Principal): Record<string, string> {
  if (p.kind === 'admin') {
    const a = p.admin;
    return { id: a.id, type: 'User', alternateId: a.login, displayName: `${a.firstName} ${a.lastName}` };
  }
  return { id: p.clientId, type: 'PublicClientApp', alternateId: p.clientId, displayName: p.label };
}

/**
 * The parts of an event that describe the HTTP request behind it: `client` (user agent, IP address, and for an OAuth
 * client its id) and `request.ipChain`.
 */
export function requestParts(
  source: { ip: string; userAgent: string },
  clientId?: string,
): { client: Record<string, unknown>; request: Record<string, unknown> } {
  const { ip } = source;
  const client: Record<string, unknown> = {
    userAgent: { rawUserAgent: source.userAgent.slice(0, 512), os: 'Unknown', browser: 'UNKNOWN' },
    device: 'Unknown',
    ipAddress: ip,
  };
  if (clientId !== undefined) client.id = clientId;
  return { client, request: { ipChain: [{ ip, version: ip.includes(':') ? 'V6' : 'V4' }] } };
}

/** A LogEvent for one change of `secret` (its state after the change) of `app`. */
export function secretChangeEvent(
  source: EventSource,
  change: SecretChange,
  app: AppRecord,
  secret: SecretRecord,
): Record<string, unknown> {
  const { principal, requestId } = source;
  const { client, request } = requestParts(source, principal.kind === 'serviceApp' ? principal.clientId : undefined);
  return {
    uuid: randomUUID(),
    published: new Date(source.now).toISOString(),
    eventType: EVENT_TYPE[change],
    legacyEventType: EVENT_TYPE[change],
    version: '0',
    severity: 'INFO',
    displayMessage: DISPLAY_MESSAGE[change],
    actor: actor(principal),
    client,
    authenticationContext: { authenticationStep: 0, externalSessionId: 'unknown' },
    outcome: { result: 'SUCCESS' },
    securityContext: {},
    debugContext: { debugData: { requestId, requestUri: source.path, url: source.path } },
    transaction: {
      type: 'WEB',
      id: requestId,
      detail: principal.kind === 'admin' ? { requestApiTokenId: principal.admin.tokenId } : {},
    },
    request,
    target: [
      { id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label },
      {
        id: secret.id,
        type: 'OAuth2ClientSecret',
        alternateId: 'unknown',
        displayName: 'Client secret',
        detailEntry: { status: secret.status },
      },
    ],
  };
}
