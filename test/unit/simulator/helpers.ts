// Small helpers for the simulator's tests: they talk real HTTP to it with Node's global fetch.
import type { SimulatedOrg } from '../../../src/simulator/index.ts';

export interface Call {
  status: number;
  headers: Headers;
  text: string;
  /** parsed JSON body, undefined when empty */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(
  org: SimulatedOrg,
  method: string,
  pathOrUrl: string,
  opts: { token?: string | null; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Call> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const token = opts.token === undefined ? org.info.apiToken : opts.token;
  if (token !== null) headers.Authorization = `SSWS ${token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${org.info.baseUrl}${pathOrUrl}`;
  const res = await fetch(url, { method, headers, body, signal: opts.signal });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

export const secretsPath = (appId: string) => `/api/v1/apps/${appId}/credentials/secrets`;

/** POST /oauth2/v1/token as the secret probe does, with HTTP Basic unless `post` is set. */
export async function probe(
  org: SimulatedOrg,
  clientSecret: string,
  opts: { clientId?: string; post?: boolean; grantType?: string; origin?: string } = {},
): Promise<{ status: number; body: { error: string; error_description?: string } }> {
  const clientId = opts.clientId ?? org.info.clientId;
  const form = new URLSearchParams({
    grant_type: opts.grantType ?? 'authorization_code',
    code: 'made-up-code',
    redirect_uri: 'https://oauth.workflows.oktapreview.com/oauth/okta/cb',
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (opts.post) {
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);
  } else {
    headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  }
  if (opts.origin) headers.Origin = opts.origin;
  const res = await fetch(`${org.info.baseUrl}/oauth2/v1/token`, { method: 'POST', headers, body: form.toString() });
  return { status: res.status, body: (await res.json()) as { error: string; error_description?: string } };
}
