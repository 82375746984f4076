// Every operation of the client against the simulator over real HTTP, and the API-call log they produce.
import assert from 'node:assert/strict';
import { rejection, withClientWorld } from './fixture.ts';

describe('OktaClient operations (simulator)', () => {
  const world = withClientWorld({ orgs: [{ name: 'acme-preview', environment: 'preview', decoyApps: 7 }] });

  it('lists apps across pages by following Link rel="next"', async () => {
    const { org, client } = world();
    const apps = await client.listApps({ limit: 3 });
    // 7 decoys + the okta_flow_sso tile + the Workflows app = 9 apps in pages of 3.
    assert.equal(apps.length, 9);
    assert.equal(new Set(apps.map((a) => a.id)).size, 9);
    assert.equal(org.requests.filter((r) => r.path === '/api/v1/apps').length, 3);
    assert.ok(apps.some((a) => a.id === org.info.workflowsAppId));
  });

  it('lists apps with q and filter', async () => {
    const { org, client } = world();
    const byName = await client.listApps({ filter: 'name eq "flow"' });
    assert.deepEqual(
      byName.map((a) => a.id),
      [org.info.workflowsAppId],
    );
    const bySearch = await client.listApps({ q: 'Okta Workflows' });
    assert.deepEqual(bySearch.map((a) => a.name).sort(), ['flow', 'okta_flow_sso']);
  });

  it('reads one app', async () => {
    const { org, client } = world();
    const app = await client.getApp(org.info.workflowsAppId);
    assert.equal(app.name, 'flow');
    assert.equal(app.credentials?.oauthClient?.client_id, org.info.clientId);
  });

  it('lists, gets, creates, activates, deactivates and deletes secrets', async () => {
    const { org, client } = world();
    const appId = org.info.workflowsAppId;
    const [only] = await client.listSecrets(appId);
    assert.ok(only);
    assert.equal(only.status, 'ACTIVE');
    assert.equal((await client.getSecret(appId, only.id)).id, only.id);

    const created = await client.createSecret(appId);
    assert.equal(created.status, 'ACTIVE');
    assert.ok(created.client_secret && created.client_secret.length >= 14);
    assert.equal(created.recovered, undefined);
    assert.equal(org.secrets().find((s) => s.id === created.id)?.clientSecret, created.client_secret);

    const old = await client.deactivateSecret(appId, only.id);
    assert.equal(old.status, 'INACTIVE');
    const again = await client.activateSecret(appId, only.id);
    assert.equal(again.status, 'ACTIVE');
    await client.deactivateSecret(appId, only.id);
    await client.deleteSecret(appId, only.id);
    assert.deepEqual(
      org.secrets().map((s) => s.id),
      [created.id],
    );
    assert.deepEqual(
      (await client.listSecrets(appId)).map((s) => s.id),
      [created.id],
    );
  });

  it('exposes the rate-limit headers of the last apps call', async () => {
    const { org, client } = world();
    assert.equal(client.rateLimit(), undefined);
    await client.listSecrets(org.info.workflowsAppId);
    const first = client.rateLimit();
    assert.ok(first);
    assert.equal(first.limit, 100);
    assert.equal(first.remaining, 99);
    await client.getApp(org.info.workflowsAppId);
    assert.equal(client.rateLimit()?.remaining, 98);
    assert.ok(client.rateLimit()!.resetAt.getTime() >= client.rateLimit()!.observedAt.getTime());
  });

  it('refuses ids that are not Okta ids before any request', async () => {
    const { org, client } = world();
    for (const p of [
      client.getApp('../../users'),
      client.listSecrets('0oa123'),
      client.getSecret(org.info.workflowsAppId, '../lifecycle'),
      client.deleteSecret(org.info.workflowsAppId, 'ocs1234567890123456/'),
      client.activateSecret('0oa1abcdEFGH2345ijkl?x=1', 'ocs1abcdEFGH2345ijkl'),
    ]) {
      const e = await rejection(p);
      assert.equal(e.kind, 'input', e.message);
    }
    assert.equal(org.requests.length, 0);
  });

  it('logs one line per HTTP exchange with only the allowed fields, and never a token or secret value', async () => {
    const { org, rec, client } = world();
    const appId = org.info.workflowsAppId;
    const [first] = await client.listSecrets(appId);
    await client.listApps({ limit: 4 });
    await client.findWorkflowsApp();
    const created = await client.createSecret(appId);
    await client.deactivateSecret(appId, first!.id);
    await client.deleteSecret(appId, first!.id);
    const app = await client.findWorkflowsApp({ appId });
    await client.verifyClientSecret(app, created.client_secret!);
    await rejection(client.deleteSecret(appId, created.id)); // an error line too
    const allowed = ['method', 'path', 'status', 'ms', 'rateLimitRemaining', 'errorId', 'attempt', 'answerExpected'];
    for (const c of rec.calls) {
      for (const k of Object.keys(c)) assert.ok(allowed.includes(k), `unexpected field ${k}`);
      assert.ok(!c.path.includes('?'), c.path);
    }
    assert.ok(
      rec.calls.some((c) => c.errorId),
      'the error line carries errorId',
    );
    assert.ok(rec.calls.some((c) => c.path === '/oauth2/v1/token'));
    const text = JSON.stringify(rec.calls);
    for (const v of [org.info.apiToken, created.client_secret!, first!.client_secret!]) assert.ok(!text.includes(v));
    assert.equal(rec.calls.length, org.requests.length);
  });
});
