// Does a client secret authenticate? Asked of the org's token endpoint with a made-up authorization code: a
// secret that authenticates gets "invalid_grant" (only the code was wrong), one that does not gets
// "invalid_client". Nothing is changed in the org. Sent from Node only: with an Origin header Okta demands
// PKCE and would answer invalid_client whatever the secret.
import { randomBytes } from 'node:crypto';
import { isOktaError } from './errors.ts';
import type { RequestLoop } from './http/requestLoop.ts';
import { header } from './rateLimit.ts';
import { OAuthErrorBodySchema } from './errorBodies.ts';
import type { WorkflowsApp } from './schemas.ts';
import type { HttpResponse } from './transport.ts';

export type SecretProbeResult = { outcome: 'valid' | 'invalid' | 'unknown'; reason: string; status?: number };

export interface ProbeRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** The token request for `app`, or the reason it cannot be probed. */
export function buildProbeRequest(
  baseUrl: string,
  app: WorkflowsApp,
  clientSecret: string,
): ProbeRequest | { unknown: string } {
  const redirectUri = app.redirectUris[0];
  if (!redirectUri) return { unknown: 'the app has no redirect URI to probe with' };
  if (!app.clientId) return { unknown: 'the app has no client id' };
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: randomBytes(24).toString('base64url'),
    redirect_uri: redirectUri,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const method = app.tokenEndpointAuthMethod || 'client_secret_basic';
  if (method === 'client_secret_basic') {
    // RFC 6749 §2.3.1: both parts form-encoded before Base64.
    const enc = (s: string): string => new URLSearchParams({ v: s }).toString().slice(2);
    headers.authorization = `Basic ${Buffer.from(`${enc(app.clientId)}:${enc(clientSecret)}`).toString('base64')}`;
  } else if (method === 'client_secret_post') {
    form.set('client_id', app.clientId);
    form.set('client_secret', clientSecret);
  } else {
    return { unknown: `the app authenticates with ${method}, which a client secret alone cannot be checked against` };
  }
  return { url: new URL('/oauth2/v1/token', baseUrl), headers, body: form.toString() };
}

/** What the token endpoint's answer says about the secret. */
export function interpretProbeAnswer(status: number, contentType: string | undefined, body: Buffer): SecretProbeResult {
  let error: string | undefined;
  if (contentType && /json/i.test(contentType)) {
    try {
      const parsed = OAuthErrorBodySchema.safeParse(JSON.parse(body.toString('utf8')));
      if (parsed.success) error = parsed.data.error;
    } catch {
      // Not JSON: judged by status alone below.
    }
  }
  if (status === 401 && error === 'invalid_client')
    return { outcome: 'invalid', reason: 'Okta refused the client secret (invalid_client)', status };
  if (status === 400 && error === 'invalid_grant')
    return { outcome: 'valid', reason: 'the client secret authenticates (Okta refused only the made-up code)', status };
  if (status === 429)
    return { outcome: 'unknown', reason: 'Okta rate-limited the check; try again in a minute', status };
  if (status >= 500) return { outcome: 'unknown', reason: `Okta answered with a server error (${status})`, status };
  // A safe token: OAuth error codes are [\x20-\x21\x23-\x5B\x5D-\x7E]+, but we show only plain words.
  const shown = error && /^[a-z_]{1,64}$/.test(error) ? error : undefined;
  if (status >= 200 && status < 300)
    return { outcome: 'unknown', reason: `Okta answered ${status} to a made-up code, which it never should`, status };
  return {
    outcome: 'unknown',
    reason: `Okta answered ${status}${shown ? ` ${shown}` : ''}, which says nothing certain about the secret`,
    status,
  };
}

/** Asks the org's token endpoint whether `clientSecret` authenticates `app`; only the caller's cancel throws. */
export async function verifyClientSecret(
  http: RequestLoop,
  app: WorkflowsApp,
  clientSecret: string,
  signal?: AbortSignal,
): Promise<SecretProbeResult> {
  const operation = `Checking a client secret of app ${app.id}`;
  const req = buildProbeRequest(http.origin, app, clientSecret);
  if ('unknown' in req) return { outcome: 'unknown', reason: req.unknown };
  let res: HttpResponse;
  try {
    res = await http.execute(
      {
        operation,
        method: 'POST',
        url: req.url,
        body: { contentType: req.headers['content-type']!, text: req.body },
        tries: 2,
        networkOnly: true,
        appsBucket: false,
        authenticate: false,
        extraHeaders: req.headers,
        acceptAnyStatus: true,
      },
      signal,
    );
  } catch (e) {
    // Not being able to ask says nothing about the secret; only the caller's cancel is an error.
    if (isOktaError(e) && e.kind !== 'cancelled')
      return { outcome: 'unknown', reason: `the token endpoint could not be asked: ${e.detail ?? e.kind}` };
    throw e;
  }
  return interpretProbeAnswer(res.status, header(res.headers, 'content-type'), res.body);
}
