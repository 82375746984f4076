// Who the credential is, what it may do and what Okta logged, as an admin behind a corporate proxy asks it: the real
// OktaClient on https://acme.okta.com through squid (see test/support/tlsOrgs.ts).
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient, type AdminIdentity } from '../../../../src/okta/client.ts';
import { startTlsOrgs, type TlsOrgs } from '../../../support/tlsOrgs.ts';

describe('network: identity, capability and the System Log through a proxy on https://acme.okta.com', function () {
  this.timeout(60_000);
  let world: TlsOrgs;
  before(async () => {
    world = await startTlsOrgs();
  });
  after(() => world?.close());

  it('whoAmI, checkSecretManagement, then a secret change found in the System Log with its actor', async () => {
    const org = world.org('acme');
    const client = new OktaClient({
      baseUrl: org.info.baseUrl,
      auth: new ApiTokenAuth(org.info.customRoleToken),
      network: world.network(),
    });
    try {
      const me = (await client.whoAmI()) as AdminIdentity;
      assert.equal(me.login, 'casey.rotator@acme.example');
      const assessment = await client.checkSecretManagement();
      assert.equal(assessment.verdict, 'able');
      const since = new Date();
      const created = await client.createSecret(org.info.workflowsAppId);
      // The custom role may not read the System Log: the answer says so.
      assert.equal((await client.listSystemLogEvents({ since })).permitted, false);
      const admin = new OktaClient({
        baseUrl: org.info.baseUrl,
        auth: new ApiTokenAuth(org.info.apiToken),
        network: world.network(),
      });
      try {
        const log = await admin.listSystemLogEvents({ since, filter: `target.id eq "${created.id}"` });
        assert.ok(log.permitted);
        assert.deepEqual(
          log.events.map((e) => [e.eventType, e.actor?.alternateId]),
          [['app.oauth2.credentials.lifecycle.create', me.login]],
        );
      } finally {
        await admin.close();
      }
    } finally {
      await client.close();
    }
    const tunnels = await world.squid.connectsTo('acme.okta.com');
    assert.ok(tunnels.length >= 1);
    assert.ok(tunnels.every((t) => t.status === 200));
  });
});
