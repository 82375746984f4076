// POST /oauth2/v1/token, for three callers. (1) The secret probe of FACTS.md: the client must authenticate
// with an ACTIVE secret by the app's own method (client_secret_basic: HTTP Basic; client_secret_post: form
// fields); then a made-up authorization code is refused with invalid_grant. No code is ever valid here, and the
// probe of a secret that authenticates writes nothing to the System Log (whether Okta logs a failed code exchange
// is not documented). (2) A Workflows connection refreshing its token (refresh_token grant with a refresh token the
// org issued to the client: forgottenFlow.ts). (3) The service app's client credentials (private_key_jwt + DPoP): a
// request with a client_assertion goes to serviceApp.ts.
// A client authentication that fails for an app's client id is answered 401 invalid_client and logged
// (tokenEvents.ts), with the presented secret's hash, never the secret. A request carrying an `Origin` header is
// treated as a browser request, for which Okta demands PKCE and answers invalid_client.
import { timingSafeEqual } from 'node:crypto';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';
import { randomBase62, secretHash } from '../ids.ts';
import type { AppRecord } from '../orgState.ts';
import { ASSERTION_TYPE } from '../serviceApp.ts';
import { invalidClientEvent, refreshGrantEvent, type TokenRequestSource } from '../tokenEvents.ts';

const NO_STORE = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache' };
const oauthError = (status: number, error: string, description: string): Answer => ({
  status,
  body: { error, error_description: description },
  headers: NO_STORE,
});

const INVALID_CLIENT_DESCRIPTION =
  'Client authentication failed. Either the client or the client authentication method is unsupported.';
const invalidClient = () => oauthError(401, 'invalid_client', INVALID_CLIENT_DESCRIPTION);

interface ClientCredentials {
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
  clientId: string;
  clientSecret?: string;
}

function readCredentials(ctx: RequestContext, form: URLSearchParams): ClientCredentials | Answer {
  const header = ctx.headers.authorization;
  const formSecret = form.get('client_secret');
  if (header && /^basic\s/i.test(header)) {
    if (formSecret !== null) {
      return oauthError(
        400,
        'invalid_request',
        'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
      );
    }
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return invalidClient();
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    try {
      return {
        method: 'client_secret_basic',
        clientId: dec(decoded.slice(0, colon)),
        clientSecret: dec(decoded.slice(colon + 1)),
      };
    } catch {
      return invalidClient();
    }
  }
  const clientId = form.get('client_id');
  if (!clientId) return oauthError(401, 'invalid_client', 'No client credentials found.');
  return formSecret === null
    ? { method: 'none', clientId }
    : { method: 'client_secret_post', clientId, clientSecret: formSecret };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authenticates(app: AppRecord, creds: ClientCredentials): boolean {
  const client = app.oauthClient;
  if (!client || creds.method !== client.tokenEndpointAuthMethod || creds.clientSecret === undefined) return false;
  const given = creds.clientSecret;
  return app.secrets.some((s) => s.status === 'ACTIVE' && sameString(s.clientSecret, given));
}

export function tokenEndpoint(ctx: RequestContext): Answer {
  const type = String(ctx.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  if (form.has('client_assertion') || form.has('client_assertion_type')) return clientAssertionRequest(ctx, form);
  const creds = readCredentials(ctx, form);
  if ('status' in creds) return creds;
  const app = ctx.org.apps.find((a) => a.oauthClient?.clientId === creds.clientId);
  const grantType = form.get('grant_type');
  const source: TokenRequestSource = {
    now: ctx.now,
    requestId: ctx.requestId,
    ip: ctx.ip,
    userAgent: String(ctx.headers['user-agent'] ?? ''),
    grantType,
  };
  if (!app) return invalidClient();
  if (ctx.headers.origin !== undefined || !authenticates(app, creds)) {
    ctx.org.systemLog.add(
      invalidClientEvent(source, app, {
        clientId: creds.clientId,
        authType: creds.method,
        ...(creds.clientSecret === undefined ? {} : { secretHash: secretHash(creds.clientSecret) }),
      }),
    );
    return invalidClient();
  }

  const configured = `Configured grant types: [${app.oauthClient?.grantTypes.join(', ')}].`;
  switch (grantType) {
    case null:
      return oauthError(400, 'invalid_request', 'The request is missing a required parameter: grant_type.');
    case 'authorization_code':
      if (!form.get('code'))
        return oauthError(400, 'invalid_request', 'The request is missing a required parameter: code.');
      return oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.');
    case 'refresh_token':
      return refreshGrant(ctx, form, app, creds.clientId, source);
    case 'client_credentials':
    case 'password':
    case 'implicit':
      return oauthError(
        400,
        'unauthorized_client',
        `The client is not authorized to use the provided grant type. ${configured}`,
      );
    default:
      return oauthError(
        400,
        'unsupported_grant_type',
        `The authorization grant type is not supported by the authorization server. ${configured}`,
      );
  }
}

/** A refresh token grant for a client that authenticated: new tokens for a refresh token issued to it. */
function refreshGrant(
  ctx: RequestContext,
  form: URLSearchParams,
  app: AppRecord,
  clientId: string,
  source: TokenRequestSource,
): Answer {
  const scope = ctx.org.refreshTokenScope(form.get('refresh_token') ?? '', clientId);
  ctx.org.systemLog.add(refreshGrantEvent(source, app, clientId, scope !== undefined));
  if (scope === undefined) return oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.');
  // Okta's refresh answer; the refresh token stays the same (no rotation configured for the app).
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: randomBase62(64),
      scope,
      refresh_token: form.get('refresh_token'),
    },
    headers: NO_STORE,
  };
}

/** private_key_jwt: only the org's service app authenticates this way. */
function clientAssertionRequest(ctx: RequestContext, form: URLSearchParams): Answer {
  const app = ctx.org.serviceApp;
  if (!app)
    return form.get('client_assertion_type') === ASSERTION_TYPE
      ? invalidClient()
      : oauthError(401, 'invalid_client', 'The client_assertion_type is not supported.');
  return app.tokenRequest(form, ctx.headers.dpop, `${ctx.org.baseUrl}/oauth2/v1/token`);
}
