// Finding the "Okta Workflows OAuth" app, by the recipe of src/okta/discovery.ts, in orgs shaped differently.
import assert from 'node:assert/strict';
import { rejection, startClientWorld, withClientWorld } from './fixture.ts';

describe('OktaClient.findWorkflowsApp (simulator)', () => {
  const world = withClientWorld(
    {
      orgs: [
        { name: 'acme-preview', environment: 'preview', decoyApps: 25 },
        {
          name: 'renamed',
          environment: 'production',
          workflowsApp: { name: 'okta_workflows_oauth', tokenEndpointAuthMethod: 'client_secret_post' },
        },
        { name: 'bare', environment: 'production', workflowsApp: false },
        { name: 'twice', environment: 'production', workflowsApp: { name: 'okta_workflows_oauth' } },
      ],
    },
    'all',
  );

  function find(orgName: string, appId?: string) {
    return world()
      .clientOf({ org: orgName })
      .findWorkflowsApp(appId === undefined ? {} : { appId });
  }

  it('finds the app named "flow" in a default org, past the decoys and the okta_flow_sso tile', async () => {
    const org = world().sim.org('acme-preview');
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
    const org = world().sim.org('renamed');
    const app = await find('renamed');
    assert.equal(app.id, org.info.workflowsAppId);
    assert.equal(app.name, 'okta_workflows_oauth');
    assert.equal(app.tokenEndpointAuthMethod, 'client_secret_post');
  });

  it('finds the app by its Workflows service domain when name and label differ', async () => {
    const org = world().sim.org('bare');
    const id = org.addApp({
      name: 'oidc_client',
      label: 'Okta Workflows (custom)',
      settingsApp: { serviceDomain: 'https://oauth.workflows.okta.com' },
      oauthClient: { redirectUris: ['https://oauth.workflows.okta.com/oauth/okta/cb'] },
    });
    assert.equal((await find('bare')).id, id);
  });

  it('an org without the app: notFound, advising to paste the app id or its Admin Console URL', async () => {
    const fresh = await startClientWorld({ orgs: [{ name: 'none', environment: 'production', workflowsApp: false }] });
    try {
      const e = await rejection(fresh.client.findWorkflowsApp());
      assert.equal(e.kind, 'notFound');
      assert.ok(e.message.includes('paste the app id'), e.message);
      assert.ok(e.message.includes('Admin Console URL'), e.message);
    } finally {
      await fresh.close();
    }
  });

  it('several candidates: asks for the app id', async () => {
    const org = world().sim.org('twice');
    org.addApp({ name: 'oidc_client', label: 'Okta Workflows OAuth' });
    const e = await rejection(find('twice'));
    assert.equal(e.kind, 'input');
    assert.ok(e.message.includes('2 apps look like it'), e.message);
    assert.ok(e.message.includes('Paste the app id'), e.message);
  });

  it('an app id given: read and checked, no listing', async () => {
    const org = world().sim.org('acme-preview');
    org.clearRequests();
    const app = await find('acme-preview', org.info.workflowsAppId);
    assert.equal(app.id, org.info.workflowsAppId);
    assert.deepEqual(
      org.requests.map((r) => r.path),
      [`/api/v1/apps/${org.info.workflowsAppId}`],
    );
  });

  it('an app id of the okta_flow_sso tile: a clear input error', async () => {
    const org = world().sim.org('acme-preview');
    const c = world().clientOf({ org });
    const tile = (await c.listApps({ filter: 'name eq "okta_flow_sso"' }))[0]!;
    const e = await rejection(c.findWorkflowsApp({ appId: tile.id }));
    assert.equal(e.kind, 'input');
    assert.ok(e.message.includes('sign-in tile'), e.message);
  });

  it('an app id that is not an id, or unknown', async () => {
    assert.equal((await rejection(find('acme-preview', 'flow'))).kind, 'input');
    assert.equal((await rejection(find('acme-preview', '0oa00000000000000000'))).kind, 'notFound');
  });
});
