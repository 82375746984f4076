// Okta's own record through the client, against the simulator over real HTTP: the events of a rotation's create,
// deactivate and delete with the right actor (an admin by API token, a service app), since/until/filter, several pages
// through the shared paging loop, and the missing right as a 'not permitted' result.
import assert from 'node:assert/strict';
import type { OktaClient } from '../../../src/okta/client.ts';
import { type AdminIdentity, type SystemLogEvent } from '../../../src/okta/client.ts';
import { AUDITING_SERVICE_APP } from '../../../src/simulator/index.ts';
import { rejection, startStubServer, withClientWorld } from './fixture.ts';

const LIFECYCLE = 'app.oauth2.credentials.lifecycle';
const kinds = (events: SystemLogEvent[]) => events.map((e) => e.eventType.replace(`${LIFECYCLE}.`, ''));

describe('Okta client: the System Log', () => {
  const world = withClientWorld({
    orgs: [
      { name: 'acme', environment: 'production', serviceApp: AUDITING_SERVICE_APP, decoyApps: 0 },
      { name: 'acme-preview', environment: 'preview', decoyApps: 0 },
    ],
  });

  const asServiceApp = (orgName: string, optionalScopes: string[]): OktaClient =>
    world().serviceAppClientOf(orgName, { optionalScopes });

  /** A rotation's secret changes: create, deactivate the old, delete it. Returns the ids. */
  async function rotate(client: OktaClient, appId: string): Promise<{ created: string; old: string }> {
    const [old] = await client.listSecrets(appId);
    const created = await client.createSecret(appId);
    await client.deactivateSecret(appId, old!.id);
    await client.deleteSecret(appId, old!.id);
    return { created: created.id, old: old!.id };
  }

  it('a rotation by API token: create, deactivate, delete, each naming the admin from users/me and the app', async () => {
    const { client, appId } = world();
    const since = new Date();
    const { created, old } = await rotate(client, appId);
    const me = (await client.whoAmI()) as AdminIdentity;
    const result = await client.listSystemLogEvents({ since, filter: `target.id eq "${appId}"` });
    assert.ok(result.permitted);
    assert.deepEqual(kinds(result.events), ['create', 'deactivate', 'delete']);
    assert.deepEqual(
      result.events.map((e) => e.targets.map((t) => t.id)),
      [
        [appId, created],
        [appId, old],
        [appId, old],
      ],
    );
    for (const e of result.events) {
      assert.deepEqual(e.actor, { id: me.id, type: 'User', alternateId: me.login, displayName: me.name });
      assert.equal(e.outcome?.result, 'SUCCESS');
      assert.ok(Date.parse(e.published) >= since.getTime());
      assert.match(e.uuid, /^[0-9a-f-]{36}$/);
      assert.ok(e.transactionId);
      assert.equal(e.clientId, undefined);
    }
    // Only what an auditor compares: a target's detailEntry and the request context stay behind.
    assert.deepEqual(Object.keys(result.events[0]!.targets[1]!).sort(), ['alternateId', 'displayName', 'id', 'type']);
    assert.ok(!JSON.stringify(result).includes('debugContext'));
  });

  it('a rotation by the service app: the actor is the app (PublicClientApp), and the client id is recorded', async () => {
    const { org, appId } = world();
    const client = asServiceApp('acme', ['okta.logs.read']);
    const since = new Date();
    await rotate(client, appId);
    const result = await client.listSystemLogEvents({ since, filter: `target.id eq "${appId}"` });
    assert.ok(result.permitted);
    assert.deepEqual(kinds(result.events), ['create', 'deactivate', 'delete']);
    const clientId = org.info.serviceApp!.clientId;
    for (const e of result.events) {
      assert.deepEqual([e.actor?.type, e.actor?.id, e.clientId], ['PublicClientApp', clientId, clientId]);
    }
    assert.deepEqual(await client.whoAmI(), { kind: 'serviceApp', clientId });
  });

  it('several pages (limit 2) through Link rel="next", within since/until and the filter', async () => {
    const { client, appId, org, rec } = world();
    const since = new Date();
    await rotate(client, appId);
    await rotate(client, appId);
    const until = new Date(Date.now() + 1);
    // The next change must be published at or after until (exclusive): let the millisecond pass.
    while (Date.now() <= until.getTime()) await new Promise((resolve) => setImmediate(resolve));
    const afterwards = await client.createSecret(appId); // after until: out
    org.clearRequests();
    rec.calls.length = 0;
    const result = await client.listSystemLogEvents({
      since,
      until,
      filter: `target.id eq "${appId}" and eventType sw "${LIFECYCLE}"`,
      limit: 2,
    });
    assert.ok(result.permitted);
    assert.deepEqual(kinds(result.events), ['create', 'deactivate', 'delete', 'create', 'deactivate', 'delete']);
    assert.ok(result.events.every((e) => e.targets.every((t) => t.id !== afterwards.id)));
    const pages = org.requests.filter((r) => r.path === '/api/v1/logs');
    assert.equal(pages.length, 3, 'three pages of two');
    assert.ok(pages.every((p) => p.status === 200));
    assert.deepEqual(
      rec.calls.map((c) => c.path),
      ['/api/v1/logs', '/api/v1/logs', '/api/v1/logs'],
    );
    const everything = await client.listSystemLogEvents({ since });
    assert.ok(everything.permitted && everything.events.length === 7);
  });

  it('without the right it says so: a service app without okta.logs.read, a custom-role admin (403 is a result)', async () => {
    const { clientOf } = world();
    const preview = world().sim.org('acme-preview');
    const noScope = await asServiceApp('acme-preview', ['okta.logs.read']).listSystemLogEvents({});
    assert.equal(noScope.permitted, false);
    assert.ok(!noScope.permitted);
    assert.match(noScope.reason, /okta\.logs\.read scope/);
    assert.match(noScope.errorId ?? '', /^oae\w+$/);
    assert.ok(preview.requests.some((r) => r.path === '/api/v1/logs' && r.status === 403));

    const custom = await clientOf({ token: world().org.info.customRoleToken }).listSystemLogEvents({});
    assert.equal(custom.permitted, false);
    for (const token of [world().org.info.readOnlyToken, world().org.info.appAdminToken]) {
      assert.equal((await clientOf({ token }).listSystemLogEvents({})).permitted, true);
    }
  });

  it('other failures still throw: a refused token, a bad filter, an invalid date', async () => {
    const { clientOf, org } = world();
    assert.equal(
      (await rejection(clientOf({ token: '00nopeNopeNopeNopeNope' }).listSystemLogEvents({}))).kind,
      'invalidToken',
    );
    const bad = await rejection(clientOf().listSystemLogEvents({ filter: 'target.id eq' }));
    assert.deepEqual([bad.kind, bad.errorCode], ['validation', 'E0000001']);
    org.clearRequests();
    assert.equal((await rejection(clientOf().listSystemLogEvents({ since: new Date('nope') }))).kind, 'input');
    assert.deepEqual(org.requests, []);
  });

  it('stops at an empty page even when it links a next one (Okta polling pages always do); a next link off the org is refused', async () => {
    // A stub: the simulator links a next page only while events remain, so it never sends this.
    let served = 0;
    const stub = await startStubServer((req, res) => {
      served++;
      const next = `<http://${req.headers.host}/api/v1/logs?after=page${served}>; rel="next"`;
      const off = '<https://evil.example/api/v1/logs?after=x>; rel="next"';
      const event = { uuid: `u${served}`, published: '2026-01-01T00:00:00.000Z', eventType: 'user.session.start' };
      res.setHeader('content-type', 'application/json');
      res.setHeader('link', req.url?.includes('evil') ? off : next);
      res.end(JSON.stringify(served === 1 || req.url?.includes('evil') ? [event] : []));
    });
    try {
      const result = await stub.client().listSystemLogEvents({});
      assert.ok(result.permitted);
      assert.deepEqual(
        result.events.map((e) => e.uuid),
        ['u1'],
      );
      assert.equal(served, 2);
      const e = await rejection(stub.client().listSystemLogEvents({ filter: 'evil' }));
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /another host/);
    } finally {
      await stub.close();
    }
  });
});
