// A whole rotation-like sequence against real-looking orgs, as an admin behind a corporate proxy runs it: the real
// OktaClient on https://acme.okta.com through squid, with an API token and with the OAuth service app (its token
// requests go through the proxy too). Squid's access log shows the tunnels to that host; the org listens on an
// address only squid's hosts file names, so whatever it answered went through squid, never direct (whatever public
// DNS says of acme.okta.com). Also the template for later suites: see test/support/tlsOrgs.ts.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient } from '../../../../src/okta/client.ts';
import { ServiceAppAuth } from '../../../../src/okta/oauth/serviceAppAuth.ts';
import { startTlsOrgs, type TlsOrgs } from '../../../support/tlsOrgs.ts';

describe('network: a rotation through a proxy on https://acme.okta.com', function () {
  this.timeout(60_000);
  let world: TlsOrgs;
  before(async () => {
    world = await startTlsOrgs();
  });
  after(() => world?.close());

  it('lists apps, finds the Workflows app, creates, lists, deactivates and deletes a secret, probes the token endpoint', async () => {
    const org = world.org('acme');
    assert.equal(org.info.baseUrl, 'https://acme.okta.com');
    const client = new OktaClient({
      baseUrl: org.info.baseUrl,
      auth: new ApiTokenAuth(org.info.apiToken),
      network: world.network(),
    });
    try {
      assert.ok((await client.listApps()).length > 1);
      const app = await client.findWorkflowsApp();
      assert.equal(app.id, org.info.workflowsAppId);
      const [old] = await client.listSecrets(app.id);
      assert.ok(old);

      const created = await client.createSecret(app.id);
      assert.deepEqual((await client.listSecrets(app.id)).map((s) => s.id).sort(), [old.id, created.id].sort());
      assert.equal((await client.verifyClientSecret(app, created.client_secret ?? '')).outcome, 'valid');
      assert.equal((await client.verifyClientSecret(app, 'not-the-secret-0123456789')).outcome, 'invalid');

      await client.deactivateSecret(app.id, old.id);
      assert.equal((await client.verifyClientSecret(app, old.client_secret ?? '')).outcome, 'invalid');
      await client.deleteSecret(app.id, old.id);
      assert.deepEqual(
        (await client.listSecrets(app.id)).map((s) => s.id),
        [created.id],
      );
      assert.deepEqual(
        org.secrets().map((s) => [s.id, s.status]),
        [[created.id, 'ACTIVE']],
      );
    } finally {
      await client.close();
    }
    const tunnels = await world.squid.connectsTo('acme.okta.com');
    assert.ok(tunnels.length >= 1);
    for (const t of tunnels) {
      assert.equal(t.status, 200);
      assert.equal(t.hierarchy, `HIER_DIRECT/${org.info.listen?.replace(/:443$/, '')}`);
    }
    assert.equal(world.squid.accessLog().filter((e) => e.status !== 200).length, 0, 'no refused request');
  });

  it('the OAuth service app gets its DPoP-bound token through the authenticating proxy, and lists secrets', async () => {
    const org = world.org('acme-preview');
    const sa = org.info.serviceApp;
    assert.ok(sa);
    const network = world.network({ proxy: { proxy: world.squid.authUrlWithCredentials } });
    const auth = new ServiceAppAuth({
      baseUrl: org.info.baseUrl,
      clientId: sa.clientId,
      privateKey: sa.privateKeyPem,
      keyId: sa.keyId,
      network,
    });
    const client = new OktaClient({ baseUrl: org.info.baseUrl, auth, network });
    try {
      const app = await client.findWorkflowsApp();
      assert.equal((await client.listSecrets(app.id)).length, 1);
    } finally {
      await client.close();
    }
    assert.ok(org.requests.some((r) => r.path === '/oauth2/v1/token' && r.status === 200));
    // One tunnel for the token endpoint's connection, one for the API's.
    const tunnels = await world.squid.connectsTo('acme-preview.oktapreview.com', 2);
    assert.ok(tunnels.length >= 2, JSON.stringify(tunnels));
    assert.ok(tunnels.every((t) => t.port === 'auth' && t.user === world.squid.user && t.status === 200));
  });
});
