// Okta's own text from a hostile org (error summaries, causes and ids, the token endpoint's descriptions, app
// labels and names, timestamps) reaches people only through the one sanitizer: one line, control characters, ANSI
// and OSC escapes and bidi controls made visible, capped with an ellipsis. And every view of an error built from it
// (message, String(), stack, util.inspect, JSON.stringify, its cause, the log line) holds only redacted, sanitized
// text, even when Okta echoes the API token or a listed secret back.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { isOktaError, type OktaError } from '../../../src/okta/errors.ts';
import { ServiceAppAuth } from '../../../src/okta/oauth/serviceAppAuth.ts';
import { OktaClient } from '../../../src/okta/client.ts';
import { apiCallLine, describeError, logLine } from '../../../src/vscode/platform/logFormat.ts';
import type { ApiCallLog } from '../../../src/okta/http/listeners.ts';
import { rejection } from '../okta/fixture.ts';
import { APP_ID, HOSTILE_TOKEN, hostileWorld, json, secret, workflowsApp } from './hostileOrg.ts';

const FORGED_LINE = '\r\n2026-01-01 00:00:00.000 [info] acme.okta.com GET /api/v1/apps 200 12 ms';
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Every view of an error a person or a log can get. */
function views(e: Error): Record<string, string> {
  return {
    message: e.message,
    string: String(e),
    stack: e.stack ?? '',
    inspect: inspect(e, { depth: 8 }),
    json: JSON.stringify(e),
    cause: inspect(e.cause, { depth: 8 }),
    log: logLine(describeError(e)),
  };
}

/** No view holds any of `values`; message, String(), JSON and the log line are one line of safe characters. */
function assertCleanViews(e: Error, values: string[] = []): void {
  for (const [view, text] of Object.entries(views(e))) {
    for (const v of values) assert.ok(!text.includes(v), `${view} holds ${v.slice(0, 12)}…: ${text.slice(0, 400)}`);
    const lines = view === 'stack' || view === 'inspect' || view === 'cause' ? [text.split('\n')[0]!] : [text];
    for (const line of lines) assert.ok(!UNSAFE.test(line), `${view} is not one safe line: ${JSON.stringify(line)}`);
  }
  assert.ok(e.stack?.startsWith(`${e.name}: ${e.message}`), 'the stack starts with the clean message');
}

const errorBody = (over: Record<string, unknown>) =>
  json({ errorCode: 'E0000007', errorSummary: 'Not found', errorId: 'oaeTextCase', errorCauses: [], ...over }, 404);

describe("hostile org: Okta's text reaches people as one safe line", function () {
  this.timeout(10_000);
  const world = hostileWorld();

  const summaries: Array<[string, unknown, RegExp]> = [
    ['a forged log line (CR LF)', `Not found${FORGED_LINE}`, /Not found\\r\\n2026-01-01/],
    ['an ANSI colour escape', '\u001b[31mNot found\u001b[0m', /\\x1b\[31mNot found\\x1b\[0m/],
    [
      'an OSC 8 hyperlink escape',
      '\u001b]8;;https://evil.example\u0007click here\u001b]8;;\u0007',
      /\\x1b\]8;;https:\/\/evil\.example\\x07click here/,
    ],
    ['a bidi override (RLO)', 'Not found \u202etxt.exe', /Not found \\u202etxt\.exe/],
    ['zero-width characters and a BOM', 'Not\u200b fo\ufeffund', /Not\\u200b fo\\ufeffund/],
    ['a line separator (U+2028)', 'Not\u2028found', /Not\\u2028found/],
    ['a NUL and a DEL', 'Not\u0000found\u007f', /Not\\x00found\\x7f/],
    ['a C1 CSI', 'Not\u009b2Jfound', /Not\\x9b2Jfound/],
    ['a lone surrogate', 'Not \ud800found', /Not \\ud800found/],
  ];
  for (const [what, summary, shown] of summaries) {
    it(`an errorSummary with ${what}: shown as visible escapes, on one line, in the message and the log`, async () => {
      const { org, client } = world();
      const logged: ApiCallLog[] = [];
      const { client: c } = client({ onApiCall: (call) => logged.push(call) });
      org.script = () => errorBody({ errorSummary: summary });
      const e = await rejection(c.getApp(APP_ID));
      assert.equal(e.kind, 'notFound');
      assert.match(e.message, shown);
      assertCleanViews(e);
      for (const call of logged) assert.ok(!UNSAFE.test(apiCallLine('org', call)));
    });
  }

  it('a 1 MB errorSummary: a capped line with an ellipsis, not a megabyte notification', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => errorBody({ errorSummary: 'A'.repeat(1024 * 1024) });
    const e = await rejection(c.getApp(APP_ID));
    assert.ok(e.message.length < 1000, `${e.message.length} characters`);
    assert.match(e.message, /A{100,300}…/);
    assert.ok((e.errorSummary ?? '').length <= 300);
  });

  it('10 000 errorCauses, one of them 1 MB: five shown, each capped, the rest counted', async () => {
    const { org, client } = world();
    const { client: c } = client();
    const causes = Array.from({ length: 10_000 }, (_, i) => ({
      errorSummary: i === 0 ? 'C'.repeat(1 << 20) : `cause ${i}`,
    }));
    org.script = () => errorBody({ errorCauses: causes });
    const e = await rejection(c.getApp(APP_ID));
    assert.equal(e.causes.length, 6);
    assert.equal(e.causes[5], 'and 9995 more');
    assert.ok(e.message.length < 3000, `${e.message.length} characters`);
  });

  it('an errorId and errorCode with a line break, HTML and 1 KB: sanitized and capped everywhere they show', async () => {
    const { org, client } = world();
    const logged: ApiCallLog[] = [];
    const { client: c } = client({ onApiCall: (call) => logged.push(call) });
    org.script = () =>
      errorBody({ errorId: `oae1\r\nforged ${'i'.repeat(1000)}`, errorCode: '<img src=x onerror=alert(1)>\n' });
    const e = await rejection(c.getApp(APP_ID));
    assert.ok((e.errorId ?? '').length <= 64 && (e.errorId ?? '').startsWith('oae1\\r\\nforged'), e.errorId);
    assertCleanViews(e);
    const line = apiCallLine('127.0.0.1', logged[0]!);
    assert.ok(!UNSAFE.test(line) && line.includes('errorId oae1\\r\\nforged'), line);
  });

  it('an app label with a line break and a bidi override, quoted in an error: one safe line', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json(workflowsApp({ label: `Okta Workflows OAuth\r\n\u202eevil`, signOnMode: 'SAML_2_0' }));
    const e = await rejection(c.findWorkflowsApp({ appId: APP_ID }));
    assert.equal(e.kind, 'input');
    assert.match(e.message, /"Okta Workflows OAuth\\r\\n\\u202eevil" is not an OpenID Connect app/);
    assertCleanViews(e);
  });

  it('an app label of 10 KB and a name with an escape: the app is found, its label capped, its name visible', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json(workflowsApp({ label: 'L'.repeat(10_000), name: 'flow\u001b[2J' }));
    const app = await c.findWorkflowsApp({ appId: APP_ID });
    assert.ok(app.label.length <= 200 && app.label.endsWith('…'));
    assert.equal(app.name, 'flow\\x1b[2J');
  });

  it("a secret's timestamp of 1 MB: kept as at most 64 characters (it goes into the journal)", async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json([secret({ created: `2026${'9'.repeat(1 << 20)}` })]);
    const [listed] = await c.listSecrets(APP_ID);
    assert.ok(listed!.created.length <= 64);
  });

  it("the token probe's OAuth error with a line break: the secret's check says nothing of it", async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json({ error: 'invalid_grant\r\nforged', error_description: '\u001b[31mred' }, 400);
    const app = { ...workflowsApp(), id: APP_ID, clientId: APP_ID, tokenEndpointAuthMethod: 'client_secret_basic' };
    const result = await c.verifyClientSecret(
      { ...app, redirectUris: ['https://oauth.workflows.oktapreview.com/oauth/callback'] },
      'candidate-secret-value-0123456789',
    );
    assert.equal(result.outcome, 'unknown');
    assert.ok(!UNSAFE.test(result.reason) && !result.reason.includes('forged'), result.reason);
  });
});

describe('hostile org: every view of an error holds only redacted, sanitized text', function () {
  this.timeout(10_000);
  const world = hostileWorld();
  const listed = 'hostileEchoedSecret-0123456789_abcdefghijklmnopqrstuvwxyzABCDEFG';

  const echoes: Array<[string, (secretValue: string) => string]> = [
    ['the API token as is', () => `token ${HOSTILE_TOKEN} is not valid`],
    ['the API token URL-encoded in a query', () => `bad request ?token=${encodeURIComponent(HOSTILE_TOKEN)}&x=1`],
    ['the Authorization header, form-encoded', () => `header was SSWS+${HOSTILE_TOKEN}`],
    ['a listed secret as is', (v) => `secret ${v} rejected`],
    ['a listed secret JSON-escaped inside JSON', (v) => JSON.stringify(JSON.stringify({ secret: v }))],
    ['a listed secret inside base64 (Basic)', (v) => `Basic ${Buffer.from(`${APP_ID}:${v}`).toString('base64')}`],
    ['a listed secret in an environment-variable line', (v) => `OKTA_CLIENT_SECRET=${v}\r\nnext`],
  ];
  for (const [what, echo] of echoes) {
    it(`Okta echoing ${what} in errorSummary and errorCauses: absent from message, String, stack, inspect, JSON, cause and log`, async () => {
      const { org, client } = world();
      const { client: c } = client();
      org.script = (req) =>
        req.path.endsWith('/credentials/secrets')
          ? json([secret({ client_secret: listed })])
          : errorBody({ errorSummary: echo(listed), errorCauses: [{ errorSummary: echo(listed) }] });
      await c.listSecrets(APP_ID); // the extension has now seen the listed value
      const e = await rejection(c.getSecret(APP_ID, 'ocs1hostileSECRETid0'));
      assert.ok(isOktaError(e));
      assertCleanViews(e, [HOSTILE_TOKEN, listed, encodeURIComponent(HOSTILE_TOKEN)]);
    });
  }

  it('a network failure: the cause is a summary (name, code, redacted message), never the socket error itself', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => ({ ...json([]), cutAfter: 20 });
    const e = await rejection(c.getApp(APP_ID));
    assert.equal(e.kind, 'network');
    assert.ok(e.cause instanceof Error && e.cause.constructor.name === 'CauseSummary', inspect(e.cause));
    assert.ok(!/localAddress|remotePort|bytesWritten/.test(inspect(e, { depth: 8 })), inspect(e, { depth: 8 }));
    assertCleanViews(e, [HOSTILE_TOKEN]);
  });
});

describe("hostile org: the service app's token endpoint", function () {
  this.timeout(10_000);
  const world = hostileWorld();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  function serviceClient(baseUrl: string): OktaClient {
    return new OktaClient({
      baseUrl,
      auth: new ServiceAppAuth({ baseUrl, clientId: '0oa1hostileSERVICEap', privateKey: pem, timeoutMs: 2000 }),
      timeoutMs: 2000,
    });
  }

  async function refusal(answer: ReturnType<typeof json>): Promise<OktaError> {
    const { org } = world();
    org.script = (req) => (req.path === '/oauth2/v1/token' ? answer : json([secret()]));
    const c = serviceClient(org.base);
    try {
      return await rejection(c.listSecrets(APP_ID));
    } finally {
      await c.close();
    }
  }

  it('an error_description with a forged line and ANSI: one safe line, naming the org', async () => {
    const e = await refusal(
      json({ error: 'invalid_client', error_description: `bad key${FORGED_LINE}\u001b[0m` }, 401),
    );
    assert.equal(e.kind, 'invalidToken');
    assert.match(e.message, /\(401, invalid_client\): bad key\\r\\n2026-01-01/);
    assertCleanViews(e, [pem.slice(40, 80)]);
    assert.equal(world().org.seen.filter((r) => r.path !== '/oauth2/v1/token').length, 0);
  });

  it('an access token holding CR LF: refused as a broken contract before anything is sent with it', async () => {
    const e = await refusal(json({ access_token: 'abc\r\nX-Evil: 1', token_type: 'DPoP', expires_in: 3600 }));
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /the token answer does not match OAuth 2\.0: access_token \(wrong format\)/);
    assert.equal(world().org.seen.filter((r) => r.path !== '/oauth2/v1/token').length, 0);
  });

  it('a use_dpop_nonce whose DPoP-Nonce is not a nonce: not echoed into a proof, a clear refusal', async () => {
    const e = await refusal(
      json({ error: 'use_dpop_nonce', error_description: 'nonce' }, 400, [['dpop-nonce', 'has spaces "and quotes"']]),
    );
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /proof of possession/);
    assert.equal(world().org.seen.length, 1, 'one token request: a nonce that is not one is not retried with');
  });
});
