import assert from 'node:assert/strict';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { Simulator } from '../../../src/simulator/index.ts';
import { call } from './helpers.ts';

/** Parses `Link` headers into rel -> absolute URL. */
function links(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (headers.get('link') ?? '').split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>;\s*rel="([^"]+)"$/.exec(part.trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

describe('simulator: apps', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({
      orgs: [
        { name: 'acme-preview', environment: 'preview', decoyApps: 7 },
        {
          name: 'renamed',
          environment: 'production',
          workflowsApp: { name: 'okta_workflows_oauth', label: 'Okta Workflows OAuth' },
        },
        { name: 'nowf', environment: 'production', workflowsApp: false },
      ],
    });
  });
  after(() => sim.close());

  it('GET /api/v1/apps lists every app of the org (7 decoys, the tile, the Workflows app) with the default limit 20', async () => {
    const r = await call(sim.org('acme-preview'), 'GET', '/api/v1/apps');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.body.length, 9);
    assert.deepEqual(Object.keys(links(r.headers)), ['self']);
  });

  it("the Workflows OAuth app looks like Okta's: flow, OIDC, client id = app id, client_secret_basic, Workflows redirect URI", async () => {
    const org = sim.org('acme-preview');
    const r = await call(org, 'GET', `/api/v1/apps/${org.info.workflowsAppId}`);
    assert.equal(r.status, 200);
    const app = r.body;
    assert.match(app.id, /^0oa[A-Za-z0-9]{17}$/);
    assert.equal(app.name, 'flow');
    assert.equal(app.label, 'Okta Workflows OAuth');
    assert.equal(app.status, 'ACTIVE');
    assert.equal(app.signOnMode, 'OPENID_CONNECT');
    assert.equal(app.credentials.oauthClient.client_id, app.id);
    assert.equal(org.info.clientId, app.id);
    assert.equal(app.credentials.oauthClient.token_endpoint_auth_method, 'client_secret_basic');
    assert.deepEqual(app.settings.oauthClient.redirect_uris, ['https://oauth.workflows.oktapreview.com/oauth/okta/cb']);
    assert.equal(app.settings.app.serviceDomain, 'https://oauth.workflows.oktapreview.com');
    assert.match(app.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(app._links.self.href, `${org.info.baseUrl}/api/v1/apps/${app.id}`);
    assert.equal(app._links.clientCredentials[0].href, `${org.info.baseUrl}/api/v1/apps/${app.id}/credentials/secrets`);
  });

  it("a Production org's Workflows app points at oauth.workflows.okta.com", async () => {
    const org = sim.org('renamed');
    const r = await call(org, 'GET', `/api/v1/apps/${org.info.workflowsAppId}`);
    assert.equal(r.body.name, 'okta_workflows_oauth');
    assert.equal(r.body.settings.app.serviceDomain, 'https://oauth.workflows.okta.com');
  });

  it('q matches the start of name or label, case-insensitively', async () => {
    const org = sim.org('acme-preview');
    const byLabel = await call(org, 'GET', '/api/v1/apps?q=okta%20workflows');
    assert.deepEqual(byLabel.body.map((a: { name: string }) => a.name).sort(), ['flow', 'okta_flow_sso']);
    const byName = await call(org, 'GET', '/api/v1/apps?q=FLO');
    assert.deepEqual(
      byName.body.map((a: { name: string }) => a.name),
      ['flow'],
    );
    const middle = await call(org, 'GET', '/api/v1/apps?q=Workflows');
    assert.deepEqual(middle.body, [], 'startsWith, not contains');
  });

  it('filter supports name, status and id eq, joined by and', async () => {
    const org = sim.org('acme-preview');
    const byName = await call(org, 'GET', `/api/v1/apps?filter=${encodeURIComponent('name eq "flow"')}`);
    assert.deepEqual(
      byName.body.map((a: { id: string }) => a.id),
      [org.info.workflowsAppId],
    );
    const byId = await call(
      org,
      'GET',
      `/api/v1/apps?filter=${encodeURIComponent(`id eq "${org.info.workflowsAppId}" and status eq "ACTIVE"`)}`,
    );
    assert.equal(byId.body.length, 1);
    const inactive = await call(org, 'GET', `/api/v1/apps?filter=${encodeURIComponent('status eq "INACTIVE"')}`);
    assert.deepEqual(inactive.body, []);
  });

  it('the renamed Workflows app is not found by name eq "flow", only by label through q', async () => {
    const org = sim.org('renamed');
    const byName = await call(org, 'GET', `/api/v1/apps?filter=${encodeURIComponent('name eq "flow"')}`);
    assert.deepEqual(byName.body, []);
    const byQ = await call(org, 'GET', '/api/v1/apps?q=Okta%20Workflows%20OAuth');
    assert.deepEqual(
      byQ.body.map((a: { id: string }) => a.id),
      [org.info.workflowsAppId],
    );
  });

  it('an org without the Workflows OAuth app still has the okta_flow_sso tile, which has no OAuth client', async () => {
    const org = sim.org('nowf');
    assert.equal(org.info.workflowsAppId, '');
    assert.equal(org.info.clientId, '');
    const r = await call(org, 'GET', '/api/v1/apps?q=Okta');
    assert.deepEqual(
      r.body.map((a: { name: string }) => a.name),
      ['okta_flow_sso'],
    );
    assert.equal(r.body[0].credentials.oauthClient, undefined);
  });

  it('an unsupported filter answers 400 E0000031 with a cause', async () => {
    const r = await call(
      sim.org('acme-preview'),
      'GET',
      `/api/v1/apps?filter=${encodeURIComponent('label sw "Okta"')}`,
    );
    assert.equal(r.status, 400);
    assert.equal(r.body.errorCode, 'E0000031');
    assert.equal(r.body.errorCauses.length, 1);
  });

  it('paginates with limit and Link rel="next", following the links reaches every app exactly once', async () => {
    const org = sim.org('acme-preview');
    const seen: string[] = [];
    let url: string | undefined = `${org.info.baseUrl}/api/v1/apps?limit=4`;
    let pages = 0;
    while (url && pages < 10) {
      const r = await call(org, 'GET', url);
      assert.equal(r.status, 200);
      const l = links(r.headers);
      assert.equal(l.self, url, 'rel="self" is the absolute URL asked for');
      seen.push(...r.body.map((a: { id: string }) => a.id));
      url = l.next;
      pages++;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9);
    assert.ok(seen.includes(org.info.workflowsAppId));
  });

  it('the next link keeps q and filter, and a limit over 200 is capped', async () => {
    const org = sim.org('acme-preview');
    const r = await call(org, 'GET', '/api/v1/apps?q=Acme&limit=2');
    const next = new URL(links(r.headers).next!);
    assert.equal(next.searchParams.get('q'), 'Acme');
    assert.equal(next.searchParams.get('limit'), '2');
    const big = await call(org, 'GET', '/api/v1/apps?limit=5000');
    assert.equal(big.body.length, 9);
  });

  it('GET an unknown app id answers 404 E0000007 naming the id', async () => {
    const r = await call(sim.org('acme-preview'), 'GET', '/api/v1/apps/0oaDOESNOTEXIST000000');
    assert.equal(r.status, 404);
    assert.equal(r.body.errorCode, 'E0000007');
    assert.equal(r.body.errorSummary, 'Not found: Resource not found: 0oaDOESNOTEXIST000000 (AppInstance)');
    assert.deepEqual(r.body.errorCauses, []);
  });

  it('addApp adds an app that the list and get then return', async () => {
    const org = sim.org('nowf');
    const id = org.addApp({ name: 'oidc_client', label: 'Okta Workflows OAuth (copy)' });
    const r = await call(org, 'GET', `/api/v1/apps/${id}`);
    assert.equal(r.body.label, 'Okta Workflows OAuth (copy)');
    assert.equal(org.secrets(id).length, 1);
  });

  it('unknown endpoints answer 404 and unsupported methods 405, both with Okta error bodies', async () => {
    const org = sim.org('acme-preview');
    const unknown = await call(org, 'GET', '/api/v1/users');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errorCode, 'E0000007');
    const wrongMethod = await call(org, 'DELETE', `/api/v1/apps/${org.info.workflowsAppId}`);
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.body.errorCode, 'E0000022');
  });
});
