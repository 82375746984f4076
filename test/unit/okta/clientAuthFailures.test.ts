// The watch's read of the System Log: a forgotten flow's failed refreshes after its secret is deactivated, found with
// the presented secret's hash, the flow's address and user agent; nothing before; another app's failures left out;
// several pages; a 429 of the log's bucket waited out; a credential without the right is a result, not an error;
// answers that break the contract are the usual protocol error. On loopback and over TLS through squid.
import assert from 'node:assert/strict';
import { clientAuthFailureFilter } from '../../../src/okta/clientAuthFailures.ts';
import type { ClientAuthFailure, ClientAuthFailuresResult } from '../../../src/okta/client.ts';
import { AUDITING_SERVICE_APP } from '../../../src/simulator/index.ts';
import type { ForgottenFlow, SimulatedOrg } from '../../../src/simulator/index.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import { rejection, startStubServer, withClientWorld } from './fixture.ts';

const INVALID_CLIENT = 'app.oauth2.invalid_client_credentials';

function listed(result: ClientAuthFailuresResult): { failures: ClientAuthFailure[]; until: Date } {
  assert.equal(result.status, 'listed', JSON.stringify(result));
  if (result.status !== 'listed') throw new Error('unreachable');
  return result;
}

describeOnPaths("Okta client: a client's failed sign-ins in the System Log (a forgotten flow)", (path) => {
  const world = withClientWorld({
    path,
    orgs: [{ name: 'acme', environment: 'production', decoyApps: 1, serviceApp: AUDITING_SERVICE_APP }],
  });
  const flows: ForgottenFlow[] = [];
  afterEach(async () => {
    for (const f of flows.splice(0)) await f.stop();
  });

  /** A flow on the org's ACTIVE secret; then a new secret and the old one deactivated (as a rotation's step 4). */
  async function forgottenAndDeactivated(org: SimulatedOrg) {
    const { client, appId } = world();
    const flow = await org.forgottenFlow({ intervalMs: 600_000 });
    flows.push(flow);
    const [old] = await client.listSecrets(appId);
    await client.createSecret(appId);
    const since = new Date();
    await client.deactivateSecret(appId, old!.id);
    return { flow, old: old!, since };
  }

  const query = (since: Date, until?: Date) => ({
    appId: world().appId,
    clientId: world().org.info.clientId,
    since,
    ...(until ? { until } : {}),
  });

  it("finds the flow's failed refreshes after the deactivation (hash, address, user agent), none before, not another app's", async () => {
    const { client, org, appId } = world();
    const start = new Date();
    const flow = await org.forgottenFlow({ intervalMs: 600_000 });
    flows.push(flow);
    const before = listed(await client.listClientAuthFailures(query(start)));
    assert.deepEqual(before.failures, [], 'its secret is ACTIVE: nothing failed');

    const [old] = await client.listSecrets(appId);
    await client.createSecret(appId);
    await client.deactivateSecret(appId, old!.id);
    assert.equal(await flow.refreshNow(), 401);
    assert.equal(await flow.refreshNow(), 401);
    // Another app's client fails too: not this app's failure.
    const other = org.addApp({ name: 'oidc_client', label: 'Other Portal' });
    const otherFlow = await org.forgottenFlow({
      appId: other,
      secret: 'not-the-other-apps-secret',
      intervalMs: 600_000,
    });
    flows.push(otherFlow);

    const until = new Date(Date.now() + 1);
    while (Date.now() <= until.getTime()) await new Promise((resolve) => setImmediate(resolve));
    const result = listed(await client.listClientAuthFailures(query(start, until)));
    assert.equal(result.until.getTime(), until.getTime());
    assert.equal(result.failures.length, 2);
    for (const f of result.failures) {
      assert.equal(f.eventType, INVALID_CLIENT);
      assert.equal(f.secretHash, old!.secret_hash);
      assert.equal(f.clientIp, flow.clientIp);
      assert.equal(f.userAgent, flow.userAgent);
      assert.equal(f.reason, 'INVALID_CLIENT_CREDENTIALS');
      assert.match(f.id, /^[0-9a-f-]{36}$/);
      assert.ok(Date.parse(f.published) >= start.getTime() && Date.parse(f.published) < until.getTime());
    }
    assert.ok(result.failures[0]!.published <= result.failures[1]!.published, 'oldest first');
    assert.ok(!JSON.stringify(result).includes(old!.client_secret!), 'never a value');
  });

  it('a failed grant (an unknown refresh token) is one too, without a hash; a rollback ends the failures', async () => {
    const { client, org, appId } = world();
    const { flow, old, since } = await forgottenAndDeactivated(org);
    flows.push(await org.forgottenFlow({ refreshToken: 'revoked-long-ago', intervalMs: 600_000 }));
    assert.equal(await flow.refreshNow(), 401);
    await client.activateSecret(appId, old.id);
    const rolledBack = new Date();
    assert.equal(await flow.refreshNow(), 200);
    const all = listed(await client.listClientAuthFailures(query(since)));
    assert.deepEqual(all.failures.map((f) => [f.eventType, f.secretHash ?? 'none']).sort(), [
      [INVALID_CLIENT, old.secret_hash],
      ['app.oauth2.token.grant', 'none'],
    ]);
    assert.deepEqual(listed(await client.listClientAuthFailures(query(rolledBack))).failures, []);
  });

  it('pages: five failures at two a page are three bounded pages, no more', async () => {
    const { client, org, rec } = world();
    const { flow, since } = await forgottenAndDeactivated(org);
    for (let i = 0; i < 5; i++) assert.equal(await flow.refreshNow(), 401);
    const until = new Date(Date.now() + 60_000);
    org.clearRequests();
    rec.calls.length = 0;
    const result = listed(await client.listClientAuthFailures({ ...query(since, until), limit: 2 }));
    assert.equal(result.failures.length, 5);
    assert.equal(new Set(result.failures.map((f) => f.id)).size, 5);
    assert.deepEqual(
      org.requests.map((r) => [r.path, r.status]),
      [
        ['/api/v1/logs', 200],
        ['/api/v1/logs', 200],
        ['/api/v1/logs', 200],
      ],
    );
  });

  it("a 429 of the log's own bucket is waited out; the apps bucket is not touched", async () => {
    const { client, org, rec } = world();
    const { flow, since } = await forgottenAndDeactivated(org);
    await flow.refreshNow();
    org.setRateLimit(0, 'logs');
    rec.onWait = () => org.setRateLimit(50, 'logs'); // time passes: a fresh window
    rec.waits.length = 0;
    const result = listed(await client.listClientAuthFailures(query(since)));
    assert.equal(result.failures.length, 1);
    assert.equal(rec.waits.length, 1);
    assert.ok(rec.waits[0]! > 1000 && rec.waits[0]! <= 62_000, `waited ${rec.waits[0]}`);
    const logs = org.requests.filter((r) => r.path === '/api/v1/logs').map((r) => r.status);
    assert.deepEqual(logs.slice(-2), [429, 200]);
  });

  it('a credential without the right is notPermitted (a custom-role admin, a service app without okta.logs.read)', async () => {
    const { clientOf, org } = world();
    const since = new Date(Date.now() - 60_000);
    const custom = await clientOf({ token: org.info.customRoleToken }).listClientAuthFailures(query(since));
    assert.equal(custom.status, 'notPermitted');
    assert.ok(custom.status === 'notPermitted' && /okta\.logs\.read/.test(custom.detail));
    assert.match(custom.status === 'notPermitted' ? (custom.errorId ?? '') : '', /^oae\w+$/);
    const app = world().serviceAppClientOf('acme', { optionalScopes: [] });
    assert.equal((await app.listClientAuthFailures(query(since))).status, 'notPermitted');
    const allowed = world().serviceAppClientOf('acme', { optionalScopes: ['okta.logs.read'] });
    assert.equal((await allowed.listClientAuthFailures(query(since))).status, 'listed');
    for (const token of [org.info.readOnlyToken, org.info.appAdminToken])
      assert.equal((await clientOf({ token }).listClientAuthFailures(query(since))).status, 'listed');
  });

  it('garbage is a protocol error; a bad id or time is refused before anything is sent', async () => {
    const { client, org, appId } = world();
    const { flow, since } = await forgottenAndDeactivated(org);
    await flow.refreshNow(); // a failure to answer, so the page cut in half is not "[]"
    org.faults.malformedNext({ path: /^\/api\/v1\/logs$/ });
    assert.equal((await rejection(client.listClientAuthFailures(query(since)))).kind, 'protocol');
    org.clearRequests();
    for (const bad of [
      { ...query(since), appId: '0oa"or"x' },
      { ...query(since), clientId: 'a" or actor.id pr or "' },
      { ...query(new Date('nope')) },
      { ...query(new Date(Date.now() + 60_000), new Date()) },
    ])
      assert.equal((await rejection(client.listClientAuthFailures(bad))).kind, 'input');
    assert.deepEqual(org.requests, []);
    assert.ok(appId);
  });
});

describe("Okta client: a client's failed sign-ins, what the simulator never sends (stub)", () => {
  const APP = '0oa1abcdEFGH2345ijkl';
  const CLIENT = 'workflows-client-7';
  const HASH = 'jMur1qOhMw_MtC9aQo7YEg';
  const event = (over: Record<string, unknown>) => ({
    uuid: '6a4b5c1e-0000-4000-8000-000000000001',
    published: '2026-01-01T00:00:00.000Z',
    eventType: INVALID_CLIENT,
    outcome: { result: 'FAILURE' },
    ...over,
  });

  it('keeps events naming the app or client anywhere (debug data included), drops others and what is not a hash', async () => {
    let url = '';
    const stub = await startStubServer((req, res) => {
      url = req.url ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify([
          event({ uuid: 'u-actor', actor: { id: CLIENT }, debugContext: { debugData: { client_secret: HASH } } }),
          event({ uuid: 'u-debug', debugContext: { debugData: { clientId: CLIENT, clientSecret: HASH } } }),
          event({
            uuid: 'u-target',
            target: [{ id: APP, type: 'AppInstance' }],
            debugContext: { debugData: { client_secret: 'plaintext-would-be-here' } },
          }),
          event({ uuid: 'u-other', actor: { id: '0oaOTHERotherOTHER00' } }),
          event({
            uuid: 'u-success',
            eventType: 'app.oauth2.token.grant',
            outcome: { result: 'SUCCESS' },
            actor: { id: CLIENT },
          }),
          event({
            uuid: 'u-agent',
            actor: { id: CLIENT },
            client: { ipAddress: '203.0.113.9\u001b[31m', userAgent: { rawUserAgent: 'Flow\nAgent' } },
          }),
        ]),
      );
    });
    try {
      const result = listed(
        await stub
          .client()
          .listClientAuthFailures({ appId: APP, clientId: CLIENT, since: new Date(0), until: new Date(1e12) }),
      );
      assert.deepEqual(
        result.failures.map((f) => [f.id, f.secretHash]),
        [
          ['u-actor', HASH],
          ['u-debug', HASH],
          ['u-target', undefined],
          ['u-agent', undefined],
        ],
      );
      const agent = result.failures[3]!;
      assert.deepEqual([agent.clientIp, agent.userAgent], ['203.0.113.9\\x1b[31m', 'Flow\\nAgent']);
      const sent = new URL(url, 'http://x').searchParams;
      assert.equal(sent.get('filter'), clientAuthFailureFilter(APP, CLIENT));
      assert.equal(sent.get('until'), new Date(1e12).toISOString());
    } finally {
      await stub.close();
    }
  });

  it('an event without its uuid, and next links that never end, are protocol errors within the budget', async () => {
    let served = 0;
    let broken = false;
    const stub = await startStubServer((req, res) => {
      served++;
      res.setHeader('content-type', 'application/json');
      res.setHeader('link', `<http://${req.headers.host}/api/v1/logs?after=p${served}>; rel="next"`);
      res.end(
        JSON.stringify([broken ? { published: 'x', eventType: INVALID_CLIENT } : event({ actor: { id: CLIENT } })]),
      );
    });
    try {
      const q = { appId: APP, clientId: CLIENT, since: new Date(0), until: new Date(1e12) };
      const endless = await rejection(stub.client(undefined, { maxPages: 4 }).listClientAuthFailures(q));
      assert.equal(endless.kind, 'protocol');
      assert.match(endless.message, /more than 4 pages/);
      assert.equal(served, 4);
      const tight = await rejection(stub.client(undefined, { operation: { maxItems: 3 } }).listClientAuthFailures(q));
      assert.equal(tight.kind, 'protocol');
      assert.match(tight.message, /held more than 3 items/);
      broken = true;
      const noUuid = await rejection(stub.client().listClientAuthFailures(q));
      assert.equal(noUuid.kind, 'protocol');
      assert.match(noUuid.message, /uuid/);
    } finally {
      await stub.close();
    }
  });

  it('the filter: both event types, the failure outcome, each id as actor, target or client, quoted', () => {
    assert.equal(
      clientAuthFailureFilter(APP, APP),
      `(eventType eq "${INVALID_CLIENT}" or (eventType eq "app.oauth2.token.grant" and outcome.result eq "FAILURE")) and ` +
        `(actor.id eq "${APP}" or target.id eq "${APP}" or client.id eq "${APP}")`,
    );
    assert.match(clientAuthFailureFilter(APP, 'a"b\\c'), /actor\.id eq "a\\"b\\\\c"/);
  });
});
