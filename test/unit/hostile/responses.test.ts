// Answers that break Okta's contract, which the simulator cannot produce (its faults are lost answers, 5xx,
// stalls and two kinds of malformed body): a scripted node:http stub plays the org (a mock, said so here), and
// a second stub plays "another host" and must receive nothing. Each answer ends in a clear protocol error (or
// the engine's clear refusal), never a value from the body in the message.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { isOktaError } from '../../../src/okta/errors.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';
import { TestClock } from '../rotation/world.ts';
import { APP_ID, JSON_HEADERS, secretJson, startStub } from './stubServer.ts';
import type { StubAnswer, StubServer } from './stubServer.ts';

const TOKEN = '00hostileTestTokenValue123456';
const APP = {
  id: APP_ID,
  name: 'flow',
  label: 'Okta Workflows OAuth',
  status: 'ACTIVE',
  signOnMode: 'OPENID_CONNECT',
  credentials: { oauthClient: { client_id: APP_ID, token_endpoint_auth_method: 'client_secret_basic' } },
  settings: { oauthClient: { redirect_uris: ['https://oauth.workflows.oktapreview.com/oauth/callback'] } },
};

describe('Okta answers that break the contract (stub server: the simulator cannot produce these)', () => {
  let org: StubServer;
  let elsewhere: StubServer;
  let client: OktaClient;
  before(async () => {
    org = await startStub();
    elsewhere = await startStub(() => ({ status: 200, headers: JSON_HEADERS, body: '[]' }));
  });
  after(async () => {
    await org.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    client = new OktaClient({ baseUrl: org.base, auth: new ApiTokenAuth(TOKEN), retryBaseDelayMs: 1, maxRetries: 1 });
    org.seen.length = 0;
  });
  afterEach(async () => {
    await client.close();
    assert.deepEqual(elsewhere.seen, [], 'nothing was sent to another host');
  });

  const VALUE = 'VALUE-that-must-never-show-0123456789';
  const cases: Array<[string, StubAnswer, RegExp]> = [
    [
      "a proxy's HTML error page (502)",
      { status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body>Bad gateway ${VALUE}</body></html>` },
      /502.*server error/s,
    ],
    [
      "a proxy's HTML sign-in page (200)",
      { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<html>${VALUE}</html>` },
      /not JSON \(content type text\/html\)/,
    ],
    [
      'a 200 carrying an error body',
      {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({ errorCode: 'E0000011', errorSummary: VALUE, errorId: 'oae1' }),
      },
      /does not match the API/,
    ],
    [
      'JSON under the wrong content type',
      {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify([secretJson('ocs1abcdEFGH2345ijkl', 'ACTIVE', VALUE)]),
      },
      /not JSON \(content type text\/plain\)/,
    ],
    [
      'a content type that only starts like JSON',
      { status: 200, headers: { 'content-type': 'application/jsonp' }, body: '[]' },
      /not JSON/,
    ],
    [
      'wrong types: status lower-case, id a number',
      { status: 200, headers: JSON_HEADERS, body: JSON.stringify([{ ...secretJson('x', 'active', VALUE), id: 42 }]) },
      /0\.id .*0\.status|0\.status|0\.id/,
    ],
    [
      'missing fields: no status, no created',
      {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify([{ id: 'ocs1abcdEFGH2345ijkl', client_secret: VALUE }]),
      },
      /0\.status/,
    ],
    [
      'an object where a list belongs',
      { status: 200, headers: JSON_HEADERS, body: JSON.stringify(secretJson('ocs1abcdEFGH2345ijkl', 'ACTIVE', VALUE)) },
      /does not match the API: body: expected array\./,
    ],
    [
      'a body over the 5 MiB cap',
      { status: 200, headers: JSON_HEADERS, body: Buffer.alloc(6 * 1024 * 1024, 0x20) },
      /larger than 5120 KiB/,
    ],
    [
      'a huge error body on a 404',
      { status: 404, headers: JSON_HEADERS, body: Buffer.alloc(6 * 1024 * 1024, 0x20) },
      /larger than 5120 KiB/,
    ],
    [
      'an unexpected status (418)',
      { status: 418, headers: JSON_HEADERS, body: JSON.stringify({ unexpected: VALUE }) },
      /unexpected status 418/,
    ],
    [
      'duplicate secret ids',
      {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify([
          secretJson('ocs1abcdEFGH2345ijkl', 'ACTIVE', VALUE),
          secretJson('ocs1abcdEFGH2345ijkl', 'ACTIVE', `${VALUE}2`),
        ]),
      },
      /twice/,
    ],
    ['a redirect to another host (307)', { status: 307, headers: { location: '' } }, /redirect/],
  ];

  for (const [what, answer, expected] of cases) {
    it(`listing secrets, ${what}: a clear error naming the org, no value from the body`, async () => {
      org.script = () =>
        answer.status === 307
          ? { ...answer, headers: { location: `${elsewhere.base}/api/v1/apps/${APP_ID}/credentials/secrets` } }
          : answer;
      await assert.rejects(client.listSecrets(APP_ID), (e: unknown) => {
        assert.ok(isOktaError(e), String(e));
        assert.ok(['protocol', 'serverError'].includes(e.kind), `${e.kind}: ${e.message}`);
        assert.match(e.message, expected);
        assert.ok(e.message.includes(client.org), e.message);
        assert.ok(!e.message.includes(VALUE.slice(0, 12)) && !e.message.includes('<html'), e.message);
        return true;
      });
      assert.ok(org.seen.length >= 1);
      assert.ok(org.seen.every((r) => r.headers.authorization === `SSWS ${TOKEN}`));
    });
  }

  it('a write redirected to another host is not followed: create, deactivate and delete', async () => {
    org.script = ({ method }) =>
      method === 'GET'
        ? { status: 200, headers: JSON_HEADERS, body: JSON.stringify([secretJson('ocs1abcdEFGH2345ijkl')]) }
        : { status: 307, headers: { location: `${elsewhere.base}/steal` } };
    await assert.rejects(
      client.createSecret(APP_ID),
      (e: unknown) => isOktaError(e, 'protocol') && /redirect/.test(e.message),
    );
    await assert.rejects(client.deactivateSecret(APP_ID, 'ocs1abcdEFGH2345ijkl'), (e: unknown) =>
      isOktaError(e, 'protocol'),
    );
    await assert.rejects(client.deleteSecret(APP_ID, 'ocs1abcdEFGH2345ijkl'), (e: unknown) =>
      isOktaError(e, 'protocol'),
    );
  });

  it('a next-page link to another (real, listening) host is refused; that host receives nothing', async () => {
    org.script = () => ({
      status: 200,
      headers: { ...JSON_HEADERS, link: `<${elsewhere.base}/api/v1/apps?after=x>; rel="next"` },
      body: JSON.stringify([APP]),
    });
    await assert.rejects(
      client.listApps(),
      (e: unknown) => isOktaError(e, 'protocol') && /another host/.test(e.message),
    );
  });

  it("more than two secrets: the engine's preflight refuses clearly and changes nothing", async () => {
    org.script = ({ url }) =>
      url.startsWith(`/api/v1/apps/${APP_ID}/credentials/secrets`)
        ? {
            status: 200,
            headers: JSON_HEADERS,
            body: JSON.stringify(
              ['ocs1abcdEFGH2345ijk1', 'ocs1abcdEFGH2345ijk2', 'ocs1abcdEFGH2345ijk3'].map((id) => secretJson(id)),
            ),
          }
        : { status: 200, headers: JSON_HEADERS, body: JSON.stringify(APP) };
    const app = await client.findWorkflowsApp({ appId: APP_ID });
    const journals = new MemoryJournalStore();
    const engine = await RotationEngine.start(
      { org: { host: client.org, baseUrl: org.base }, environment: 'preview', app },
      {
        okta: client,
        journals,
        previewHistory: () => journals.list(),
        deactivationWatchMinutes: 0,
        secrets: new MemoryPendingSecretStore(),
        clock: new TestClock(),
      },
    );
    const out = await engine.perform({ type: 'run', step: 'preflight' });
    assert.ok(!out.ok && out.error.kind === 'unexpectedState', JSON.stringify(out));
    assert.match(out.error.message, /3 active and 0 inactive client secrets; a rotation needs one or two/);
    assert.ok(
      org.seen.every((r) => r.method === 'GET'),
      'only reads were sent',
    );
  });
});
