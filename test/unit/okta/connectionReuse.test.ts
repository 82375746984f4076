// One org's requests one after another go over one connection: the transport lets undici put the connection back
// in its pool before the caller's next request, which otherwise found it still busy and opened another (for a real
// org a TCP and TLS handshake, through a proxy a CONNECT too). Connections are counted as undici reports them.
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { startSimulator, type Simulator } from '../../../src/simulator/index.ts';

describe('transport: one connection for an org', () => {
  let sim: Simulator | undefined;
  let client: OktaClient | undefined;
  afterEach(async () => {
    await client?.close();
    await sim?.close();
  });

  it('finding the app, then listing its secrets twice, opens one connection', async () => {
    sim = await startSimulator({ orgs: [{ name: 'acme', environment: 'preview', serviceApp: false }] });
    const org = sim.org('acme');
    const port = Number(new URL(org.info.baseUrl).port);
    let opened = 0;
    const count = (message: unknown) => {
      const params = (message as { connectParams?: { port?: string | number } }).connectParams;
      if (Number(params?.port) === port) opened++;
    };
    subscribe('undici:client:connected', count);
    try {
      client = new OktaClient({ baseUrl: org.info.baseUrl, auth: new ApiTokenAuth(org.info.apiToken) });
      const app = await client.findWorkflowsApp();
      await client.listSecrets(app.id);
      await client.listSecrets(app.id);
    } finally {
      unsubscribe('undici:client:connected', count);
    }
    assert.equal(org.requests.length, 3);
    assert.equal(opened, 1, `${opened} connections for three requests one after another`);
  });
});
