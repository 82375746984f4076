// The System Log events of the org's token endpoint (/oauth2/v1/token), shaped as the spec's LogEvent:
// - a client authentication that fails for an app's client id (a secret INACTIVE, deleted, unknown or wrong; the
//   wrong method): `app.oauth2.invalid_client_credentials`, outcome FAILURE;
// - a refresh token grant: `app.oauth2.token.grant.refresh_token` SUCCESS, or `app.oauth2.token.grant` FAILURE when
//   the client authenticated but its refresh token is unknown.
// The event types and legacy types are Okta's (okta-developer-docs event-type catalogue: the legacy
// `app.oauth2.invalid_client_credentials_failure` became `app.oauth2.invalid_client_credentials`,
// `app.oauth2.token.grant_failure` became `app.oauth2.token.grant`). The catalogue lists `client_secret` and
// `client_auth_type` among the failure's details; `client_secret` holds the presented secret's 22-character hash, as
// in the secret lifecycle events and as the /api/v1/logs spec says ("secured by a hashing function"); never the value.
// Inferred, as no public example shows these events: the display messages, the outcome reasons, the client as actor
// of type PublicClientApp (as detection rules written against these events name it), the app as target of type
// AppInstance, and the debugData keys besides client_secret and client_auth_type. A successful grant carries no hash:
// none is documented there, so none can tie a grant to one secret.
import { randomUUID } from 'node:crypto';
import { requestParts } from './logEvents.ts';
import type { AppRecord } from './orgState.ts';

/** What an event records of the token request behind it. */
export interface TokenRequestSource {
  /** Epoch ms on the org's clock. */
  now: number;
  /** X-Okta-Request-Id of the answer, which Okta also uses as the transaction id. */
  requestId: string;
  ip: string;
  userAgent: string;
  grantType: string | null;
}

/** How the client tried to authenticate, and the presented secret's hash (never the secret). */
export interface PresentedClient {
  clientId: string;
  authType: string;
  secretHash?: string;
}

const TOKEN_PATH = '/oauth2/v1/token';

function tokenEvent(
  source: TokenRequestSource,
  app: AppRecord,
  clientId: string,
  parts: {
    eventType: string;
    legacyEventType: string;
    severity: 'INFO' | 'WARN';
    displayMessage: string;
    outcome: { result: 'SUCCESS' | 'FAILURE'; reason?: string };
    debugData: Record<string, string>;
  },
): Record<string, unknown> {
  const { client, request } = requestParts(source, clientId);
  return {
    uuid: randomUUID(),
    published: new Date(source.now).toISOString(),
    eventType: parts.eventType,
    legacyEventType: parts.legacyEventType,
    version: '0',
    severity: parts.severity,
    displayMessage: parts.displayMessage,
    actor: { id: clientId, type: 'PublicClientApp', alternateId: clientId, displayName: app.label },
    client,
    authenticationContext: { authenticationStep: 0, externalSessionId: 'unknown' },
    outcome: parts.outcome,
    securityContext: {},
    debugContext: {
      debugData: {
        requestId: source.requestId,
        requestUri: TOKEN_PATH,
        url: TOKEN_PATH,
        ...(source.grantType ? { grantType: source.grantType } : {}),
        ...parts.debugData,
      },
    },
    transaction: { type: 'WEB', id: source.requestId, detail: {} },
    request,
    target: [{ id: app.id, type: 'AppInstance', alternateId: app.label, displayName: app.label }],
  };
}

/** A client authentication that failed for `app`'s client id. */
export function invalidClientEvent(
  source: TokenRequestSource,
  app: AppRecord,
  presented: PresentedClient,
): Record<string, unknown> {
  return tokenEvent(source, app, presented.clientId, {
    eventType: 'app.oauth2.invalid_client_credentials',
    legacyEventType: 'app.oauth2.invalid_client_credentials_failure',
    severity: 'WARN',
    displayMessage: 'OAuth client authentication failed: invalid client credentials',
    outcome: { result: 'FAILURE', reason: 'INVALID_CLIENT_CREDENTIALS' },
    debugData: {
      client_auth_type: presented.authType,
      ...(presented.secretHash ? { client_secret: presented.secretHash } : {}),
    },
  });
}

/** A refresh token grant to `app`'s client, which authenticated: granted, or refused for its refresh token. */
export function refreshGrantEvent(
  source: TokenRequestSource,
  app: AppRecord,
  clientId: string,
  granted: boolean,
): Record<string, unknown> {
  return granted
    ? tokenEvent(source, app, clientId, {
        eventType: 'app.oauth2.token.grant.refresh_token',
        legacyEventType: 'app.oauth2.token.grant.refresh_token_success',
        severity: 'INFO',
        displayMessage: 'OAuth2 refresh token is granted',
        outcome: { result: 'SUCCESS' },
        debugData: {},
      })
    : tokenEvent(source, app, clientId, {
        eventType: 'app.oauth2.token.grant',
        legacyEventType: 'app.oauth2.token.grant_failure',
        severity: 'WARN',
        displayMessage: 'OAuth2 token grant failed',
        outcome: { result: 'FAILURE', reason: 'invalid_grant: the refresh token is invalid or expired' },
        debugData: {},
      });
}
