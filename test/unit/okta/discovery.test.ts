// Finding the "Okta Workflows OAuth" app, by the FACTS.md recipe, in orgs shaped differently.
import assert from 'node:assert/strict';
import type { Simulator } from '../../../src/simulator/index.ts';
import { clientFor, recorder, rejection, withSimulator } from './fixture.ts';

describe('OktaClient.findWorkflowsApp (simulator)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await withSimulator([
      { name: 'acme-preview', environment: 'preview', decoyApps: 25 },
      {
        name: 'renamed',
        environment: 'production',
        workflowsApp: { name: 'okta_workflows_oauth', tokenEndpointAuthMethod: 'client_secret_post' },
      },
      { name: 'bare', environment: 'production', workflowsApp: false },
      { name: 'twice', environment: 'production', workflowsApp: { name: 'okta_workflows_oauth' } },
    ]);
  });
  after(() => sim.close());

  async function find(orgName: string, appId?: string) {
    const org = sim.org(orgName);
    const c = clientFor(org, recorder());
    try {
      return await c.findWorkflowsApp(appId === undefined ? {} : { appId });
    } finally {
      await c.close();
    }
  }

  it('finds the app named "flow" in a default org, past the decoys and the okta_flow_sso tile', async () => {
    const org = sim.org('acme-preview');
    org.clearRequests();
    const app = await find('acme-preview');
    assert.equal(app.id, org.info.workflowsAppId);
    assert.equal(app.name, 'flow');
    assert.equal(app.label, 'Okta Workflows OAuth');
    assert.equal(app.clientId, org.info.clientId);
    assert.equal(app.tokenEndpointAuthMethod, 'client_secret_basic');
    assert.deepEqual(app.redirectUris, ['https://oauth.workflows.oktapreview.com/oauth/okta/cb']);
    assert.equal(org.requests.length, 1, 'the name filter alone finds it');
  });

  it('finds the app by its label when its name is another', async () => {
    const org = sim.org('renamed');
    const app = await find('renamed');
    assert.equal(app.id, org.info.workflowsAppId);
    assert.equal(app.name, 'okta_workflows_oauth');
    assert.equal(app.tokenEndpointAuthMethod, 'client_secret_post');
  });

  it('finds the app by its Workflows service domain when name and label differ', async () => {
    const org = sim.org('bare');
    const id = org.addApp({
      name: 'oidc_client',
      label: 'Okta Workflows (custom)',
      settingsApp: { serviceDomain: 'https://oauth.workflows.okta.com' },
      oauthClient: { redirectUris: ['https://oauth.workflows.okta.com/oauth/okta/cb'] },
    });
    assert.equal((await find('bare')).id, id);
  });

  it('an org without the app: notFound, advising to paste the app id or its Admin Console URL', async () => {
    const fresh = await withSimulator([{ name: 'none', environment: 'production', workflowsApp: false }]);
    const c = clientFor(fresh.org('none'), recorder());
    try {
      const e = await rejection(c.findWorkflowsApp());
      assert.equal(e.kind, 'notFound');
      assert.ok(e.message.includes('paste the app id'), e.message);
      assert.ok(e.message.includes('Admin Console URL'), e.message);
    } finally {
      await c.close();
      await fresh.close();
    }
  });

  it('several candidates: asks for the app id', async () => {
    const org = sim.org('twice');
    org.addApp({ name: 'oidc_client', label: 'Okta Workflows OAuth' });
    const e = await rejection(find('twice'));
    assert.equal(e.kind, 'input');
    assert.ok(e.message.includes('2 apps look like it'), e.message);
    assert.ok(e.message.includes('Paste the app id'), e.message);
  });

  it('an app id given: read and checked, no listing', async () => {
    const org = sim.org('acme-preview');
    org.clearRequests();
    const app = await find('acme-preview', org.info.workflowsAppId);
    assert.equal(app.id, org.info.workflowsAppId);
    assert.deepEqual(
      org.requests.map((r) => r.path),
      [`/api/v1/apps/${org.info.workflowsAppId}`],
    );
  });

  it('an app id of the okta_flow_sso tile: a clear input error', async () => {
    const org = sim.org('acme-preview');
    const c = clientFor(org, recorder());
    try {
      const tile = (await c.listApps({ filter: 'name eq "okta_flow_sso"' }))[0]!;
      const e = await rejection(c.findWorkflowsApp({ appId: tile.id }));
      assert.equal(e.kind, 'input');
      assert.ok(e.message.includes('sign-in tile'), e.message);
    } finally {
      await c.close();
    }
  });

  it('an app id that is not an id, or unknown', async () => {
    assert.equal((await rejection(find('acme-preview', 'flow'))).kind, 'input');
    assert.equal((await rejection(find('acme-preview', '0oa00000000000000000'))).kind, 'notFound');
  });
});
