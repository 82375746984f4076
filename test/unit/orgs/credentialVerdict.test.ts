// What Add Org and Set API Token / Set OAuth Service App say once a credential was checked and stored: the app it
// found, and (asked of Okta without side effects) whether it may manage the app's secrets. A credential that reads
// without managing, or one Okta does not let the extension judge, is flagged there as a warning.
import assert from 'node:assert/strict';
import { storedMessage } from '../../../src/orgs/credentialVerdict.ts';
import { startWorld, type World } from '../rotation/world.ts';

describe('a stored credential is flagged when it may not manage the secret', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('a super admin’s or the rotator custom role’s token: stored, as information', async () => {
    world = await startWorld();
    for (const token of [world.org.info.apiToken, world.org.info.customRoleToken]) {
      const client = world.newClient({ token });
      const app = await client.findWorkflowsApp({});
      const m = storedMessage('API token', 'Acme', app, await client.checkSecretManagement());
      assert.deepEqual(m, {
        warning: false,
        text: `API token for Acme stored. Found Okta Workflows OAuth (client id ${app.clientId}).`,
      });
    }
  });

  it('a read-only admin’s token: stored, with a warning that the extension cannot tell, why, and what to use', async () => {
    world = await startWorld();
    const client = world.newClient({ token: world.org.info.readOnlyToken });
    const app = await client.findWorkflowsApp({});
    const m = storedMessage('API token', 'Acme', app, await client.checkSecretManagement());
    assert.equal(m.warning, true);
    assert.match(
      m.text,
      /^API token for Acme stored\. Found Okta Workflows OAuth \(client id \w+\)\. The extension cannot tell whether Okta will let it create, deactivate or delete the secret\. /,
    );
    assert.match(m.text, /Okta did not let the API token list its admin roles \(403\)/);
  });

  it('a credential that reads without managing: a warning that Okta will refuse, and what to grant', () => {
    const m = storedMessage(
      'OAuth service app',
      'Acme',
      { label: 'Okta Workflows OAuth', clientId: '0oa1' },
      {
        verdict: 'readOnly',
        identity: { kind: 'serviceApp', clientId: '0oaSA' },
        reasons: ['The service app was granted okta.apps.read but not okta.apps.manage.'],
        advice: 'Grant okta.apps.manage to the service app.',
        basis: 'documented',
      },
    );
    assert.equal(m.warning, true);
    assert.match(
      m.text,
      /But it can read without managing: Okta will refuse to create, deactivate or delete the secret with it\. The service app was granted okta\.apps\.read but not okta\.apps\.manage\. Grant okta\.apps\.manage/,
    );
  });
});
