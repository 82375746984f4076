// The request loop (src/okta/http/requestLoop.ts) through the client. 429 handling: wait until Okta's reset on
// Okta's clock plus a second, retry at most twice with the retry headers, then a rateLimited error that says when
// to try again. Also a 401 the authenticator refreshed, hostile answers, and listeners that throw. No test waits:
// the client's sleep is injected and the waits it asks for are checked as numbers.
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import type { OktaClient } from '../../../src/okta/client.ts';
import { OktaError, tryAgainAfter } from '../../../src/okta/errors.ts';
import {
  recorder,
  rejection,
  startStubServer,
  STUB_TOKEN,
  withClientWorld,
  type Recorder,
  type StubServer,
} from './fixture.ts';
import { warningsDuring } from '../../support/processWarnings.ts';

describe('OktaClient rate limits (simulator)', () => {
  const world = withClientWorld();

  it('waits until the reset (server clock) plus one second, then succeeds', async () => {
    const { org, rec, client, appId } = world();
    org.setRateLimit(1);
    await client.listSecrets(appId); // uses the only request of the window
    rec.onWait = () => org.setRateLimit(100); // time passes: a fresh window
    const secrets = await client.listSecrets(appId);
    assert.equal(secrets.length, 1);
    assert.equal(rec.waits.length, 1);
    // The window is 60 s from the first request; the Date header has one-second resolution.
    assert.ok(rec.waits[0]! > 1000 && rec.waits[0]! <= 62_000, `waited ${rec.waits[0]}`);
    assert.deepEqual(
      rec.calls.slice(1).map((c) => [c.status, c.attempt]),
      [
        [429, 1],
        [200, 2],
      ],
    );
    assert.equal(rec.calls[1]!.rateLimitRemaining, 0);
  });

  it('gives up after two retries with rateLimited and when to try again', async () => {
    const { org, rec, client, appId } = world();
    org.setRateLimit(0);
    const e = await rejection(client.createSecret(appId));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.errorCode, 'E0000047');
    assert.ok(e.retryAt instanceof Date && e.retryAt.getTime() > Date.now());
    // The date is said too when the reset falls on another day (UTC): a run just before midnight.
    assert.match(e.message, /Try again after (\d+ \w+ \d{4}, )?\d\d:\d\d UTC \(in about /);
    assert.match(e.message, /\(in about \d+ s\)\. Okta error ID: /);
    assert.equal(rec.waits.length, 2);
    assert.equal(org.requests.length, 3);
    assert.equal(org.secrets().length, 1);
  });

  it('fails at once when the reset is further away than maxRateLimitWaitMs', async () => {
    const { org, rec, clientOf, appId } = world();
    const c = clientOf({ maxRateLimitWaitMs: 500 });
    org.setRateLimit(0);
    const e = await rejection(c.getApp(appId));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(rec.waits.length, 0);
    assert.equal(org.requests.length, 1);
  });

  it('a 429 wait is cancellable', async () => {
    const { org, rec, client, appId } = world();
    org.setRateLimit(0);
    const controller = new AbortController();
    rec.onWait = () => controller.abort();
    const e = await rejection(client.listSecrets(appId, controller.signal));
    assert.equal(e.kind, 'cancelled');
    assert.equal(org.requests.length, 1);
  });
});

describe('OktaClient retry headers and hostile answers (loopback stub server)', () => {
  // The simulator records no request headers and always answers well-formed, so these cases use a minimal
  // node:http server on loopback that answers as scripted. Still real HTTP through the real client.
  type Script = (req: { url: string; headers: IncomingHttpHeaders; n: number }) => {
    status: number;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
  };
  let stub: StubServer;
  let base: string;
  let seen: Array<{ url: string; headers: IncomingHttpHeaders }>;
  let script: Script;

  beforeEach(async () => {
    seen = [];
    stub = await startStubServer((req, res) => {
      const entry = { url: req.url ?? '/', headers: req.headers };
      seen.push(entry);
      const a = script({ ...entry, n: seen.length });
      res.writeHead(a.status, a.headers ?? {});
      res.end(a.body ?? '');
    });
    base = stub.base;
  });
  afterEach(() => stub.close());

  const secret = {
    id: 'ocs1abcdEFGH2345ijkl',
    status: 'ACTIVE',
    client_secret: 'x'.repeat(40),
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2024-01-01T00:00:00.000Z',
  };
  const jsonHeaders = { 'content-type': 'application/json' };
  const APP = '0oa1abcdEFGH2345ijkl';

  async function withClient<T>(
    fn: (c: OktaClient, rec: Recorder) => Promise<T>,
    opts: { maxBodyBytes?: number } = {},
  ): Promise<T> {
    const rec = recorder();
    return fn(stub.client(rec, opts), rec);
  }

  it('sends X-Okta-Retry-For and X-Okta-Retry-Count, and measures the reset on the Date header', async () => {
    // The server's clock is a day behind ours: the wait must follow the server's clock.
    const serverNow = Date.now() - 86_400_000;
    script = ({ n }) =>
      n < 3
        ? {
            status: 429,
            headers: {
              ...jsonHeaders,
              date: new Date(serverNow).toUTCString(),
              'x-okta-request-id': `req${n}`,
              'x-rate-limit-limit': '10',
              'x-rate-limit-remaining': '0',
              'x-rate-limit-reset': String(Math.floor(serverNow / 1000) + 5),
            },
            body: JSON.stringify({
              errorCode: 'E0000047',
              errorSummary: 'API call exceeded rate limit due to too many requests.',
              errorId: `oae${n}`,
            }),
          }
        : { status: 200, headers: jsonHeaders, body: JSON.stringify([secret]) };
    await withClient(async (c, rec) => {
      const list = await c.listSecrets(APP);
      assert.equal(list.length, 1);
      assert.equal(seen[0]!.headers['x-okta-retry-for'], undefined);
      assert.equal(seen[1]!.headers['x-okta-retry-for'], 'req1');
      assert.equal(seen[1]!.headers['x-okta-retry-count'], '1');
      assert.equal(seen[2]!.headers['x-okta-retry-for'], 'req2');
      assert.equal(seen[2]!.headers['x-okta-retry-count'], '2');
      assert.equal(seen[0]!.headers.authorization, `SSWS ${STUB_TOKEN}`);
      assert.equal(seen[0]!.headers.origin, undefined);
      // Reset 5 s after the server's Date (truncated to whole seconds) + 1 s: between 5 and 7 s, not a day.
      for (const w of rec.waits) assert.ok(w >= 5000 && w <= 7000, `waited ${w}`);
      assert.deepEqual(
        rec.calls.map((x) => x.errorId),
        ['oae1', 'oae2', undefined],
      );
    });
  });

  it('refuses a next link to another host, and never sends the token there', async () => {
    script = () => ({
      status: 200,
      headers: { ...jsonHeaders, link: '<https://evil.example/api/v1/apps?after=x>; rel="next"' },
      body: '[]',
    });
    await withClient(async (c) => {
      const e = await rejection(c.listApps());
      assert.equal(e.kind, 'protocol');
      assert.ok(e.message.includes('another host (evil.example)'), e.message);
      assert.equal(seen.length, 1);
    });
  });

  it('stops a next link that loops', async () => {
    script = ({ url }) => ({
      status: 200,
      headers: { ...jsonHeaders, link: `<${base}${url}>; rel="next"` },
      body: '[]',
    });
    await withClient(async (c) => {
      const e = await rejection(c.listApps({ limit: 5 }));
      assert.equal(e.kind, 'protocol');
      assert.ok(e.message.includes('repeats an earlier page'), e.message);
      assert.equal(seen.length, 1);
    });
  });

  it('refuses an answer that is not JSON, or larger than the cap', async () => {
    script = () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' });
    await withClient(async (c) => {
      const e = await rejection(c.listSecrets(APP));
      assert.equal(e.kind, 'protocol');
      assert.ok(e.message.includes('not JSON (content type text/html)'), e.message);
      assert.ok(!e.message.includes('sign in'));
    });
    script = () => ({ status: 200, headers: jsonHeaders, body: Buffer.alloc(64 * 1024, 0x20) });
    await withClient(
      async (c) => {
        const e = await rejection(c.listSecrets(APP));
        assert.equal(e.kind, 'protocol');
        assert.ok(e.message.includes('larger than 16 KiB'), e.message);
      },
      { maxBodyBytes: 16 * 1024 },
    );
  });

  it('refuses a secret without an id, and a redirect', async () => {
    script = () => ({ status: 200, headers: jsonHeaders, body: JSON.stringify([{ ...secret, id: undefined }]) });
    await withClient(async (c) => {
      const e = await rejection(c.listSecrets(APP));
      assert.equal(e.kind, 'protocol');
      assert.ok(e.message.includes('0.id'), e.message);
      assert.ok(!e.message.includes(secret.client_secret), e.message);
    });
    script = () => ({ status: 302, headers: { location: 'https://login.example/' } });
    await withClient(async (c) => {
      const e = await rejection(c.getApp(APP));
      assert.equal(e.kind, 'protocol');
      assert.ok(e.message.includes('redirect'), e.message);
    });
  });

  it('calls the authenticator again after a 401 when it says it refreshed (room for OAuth)', async () => {
    script = ({ headers }) =>
      headers.authorization === 'Bearer fresh'
        ? { status: 200, headers: jsonHeaders, body: JSON.stringify([secret]) }
        : { status: 401, headers: jsonHeaders, body: '{"errorCode":"E0000011"}' };
    let token = 'stale';
    const c = stub.client(recorder(), {
      auth: {
        authorize: async () => ({ authorization: `Bearer ${token}` }),
        onUnauthorized: async () => ((token = 'fresh'), true),
      },
    });
    assert.equal((await c.listSecrets(APP)).length, 1);
    assert.deepEqual(
      seen.map((s) => s.headers.authorization),
      ['Bearer stale', 'Bearer fresh'],
    );
  });
});

describe('rateLimited: when to try again, in words', () => {
  const at = (iso: string) => new Date(iso);
  it('says the UTC time and about how long, from the clock the wait was computed with', () => {
    assert.equal(
      tryAgainAfter(at('2026-11-26T14:03:21.400Z'), at('2026-11-26T14:02:20.500Z')),
      'Try again after 14:04 UTC (in about 61 s).',
    );
    assert.equal(
      tryAgainAfter(at('2026-11-26T14:08:00.000Z'), at('2026-11-26T14:03:00.000Z')),
      'Try again after 14:08 UTC (in about 5 min).',
    );
    assert.equal(
      tryAgainAfter(at('2026-11-26T14:03:00.000Z'), at('2026-11-26T14:03:05.000Z')),
      'Try again after 14:03 UTC (in about 1 s).',
    );
  });
  it('adds the date when it is not today (UTC)', () => {
    assert.equal(
      tryAgainAfter(at('2026-11-27T00:00:30.000Z'), at('2026-11-26T23:59:50.000Z')),
      'Try again after 27 Nov 2026, 00:01 UTC (in about 40 s).',
    );
  });
  it('is how a rateLimited OktaError ends its advice', () => {
    const e = new OktaError({
      kind: 'rateLimited',
      operation: 'Listing apps',
      org: 'acme.okta.com',
      retryAt: at('2026-11-26T14:03:21.000Z'),
      now: at('2026-11-26T14:02:20.000Z'),
    });
    assert.match(
      e.message,
      /^acme\.okta\.com is rate limiting the extension\. Okta is rate limiting this org: wait before trying again\. Try again after 14:04 UTC \(in about 61 s\)\.$/,
    );
  });
});

describe('OktaClient listeners that throw (simulator)', () => {
  const world = withClientWorld();
  const throwing = (error: unknown) => (): void => {
    throw error;
  };

  it('a throwing onApiCall or onWait does not fail the call; each failure goes to onListenerError, naming the listener', async () => {
    const { org, clientOf, appId } = world();
    const boom = new Error('the log is full');
    const reported: Array<[unknown, string]> = [];
    const c = clientOf({
      onApiCall: throwing(boom),
      onWait: throwing(boom),
      onListenerError: (e, listener) => reported.push([e, listener]),
    });
    org.faults.failNext(1, { status: 503, path: /secrets$/ });
    assert.equal((await c.listSecrets(appId)).length, 1);
    assert.deepEqual(
      reported.map(([, listener]) => listener),
      ['onApiCall', 'onWait', 'onApiCall'],
    );
    assert.ok(reported.every(([e]) => e === boom));
  });

  it('without onListenerError: a process warning naming the listener, never the text of its error', async () => {
    const { clientOf, appId } = world();
    const c = clientOf({ onApiCall: throwing(new Error('while logging s3cr3t-value-0123456789')) });
    const warnings = await warningsDuring('OktaClientListenerWarning', async () => {
      assert.equal((await c.listSecrets(appId)).length, 1);
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /onApiCall listener threw; the call went on without it/);
    assert.doesNotMatch(warnings[0]!.message, /s3cr3t/);
  });

  it('an onListenerError that throws too: still no failed call, and a warning that says so', async () => {
    const { org, clientOf, appId } = world();
    const c = clientOf({
      onWait: throwing(new Error('s3cr3t in the wait listener')),
      onListenerError: throwing(new Error('s3cr3t in the handler')),
    });
    org.faults.failNext(1, { status: 502, path: /secrets$/ });
    const warnings = await warningsDuring('OktaClientListenerWarning', async () => {
      assert.equal((await c.listSecrets(appId)).length, 1);
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.message, /onListenerError handler threw while reporting a failing onWait listener/);
    assert.doesNotMatch(warnings[0]!.message, /s3cr3t/);
  });
});
