// Writes whose answer is lost are never retried blindly: the client reads back what Okta did. For a create, the
// rule of OktaClient.createSecret: a new secret with a value in the list is returned as recovered; one without a value is
// an orphan reported by id; nothing new means it is safe to try again.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator, SimulatedOrg } from '../../../src/simulator/index.ts';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { clientFor, recorder, rejection, withSimulator, type Recorder } from './fixture.ts';

describe('OktaClient reconciliation of writes (simulator)', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  let rec: Recorder;
  let client: OktaClient;
  let appId: string;

  beforeEach(async () => {
    sim = await withSimulator([{ name: 'acme', environment: 'production' }]);
    org = sim.org('acme');
    appId = org.info.workflowsAppId;
    rec = recorder();
    client = clientFor(org, rec, { timeoutMs: 2000 });
  });
  afterEach(async () => {
    await client.close();
    await sim.close();
  });

  it('a create whose answer was lost: the new secret is recovered from the list', async () => {
    const [old] = org.secrets();
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /secrets$/ });
    const created = await client.createSecret(appId);
    assert.equal(created.recovered, true);
    const now = org.secrets();
    assert.equal(now.length, 2);
    const fresh = now.find((s) => s.id !== old!.id)!;
    assert.equal(created.id, fresh.id);
    assert.equal(created.client_secret, fresh.clientSecret);
    assert.deepEqual(
      org.requests.map((r) => `${r.method} ${r.status}`),
      ['GET 200', 'POST 0', 'GET 200'],
    );
  });

  it('a create answered with a malformed body is reconciled the same way', async () => {
    org.faults.malformedNext({ method: 'POST', path: /secrets$/, kind: 'wrongTypes' });
    const created = await client.createSecret(appId);
    assert.equal(created.recovered, true);
    assert.equal(org.secrets().length, 2);
  });

  it('a create that timed out before Okta acted: nothing new, safe to retry', async () => {
    const c = clientFor(org, rec, { timeoutMs: 300 });
    try {
      org.faults.stallNext({ method: 'POST', path: /secrets$/ });
      const e = await rejection(c.createSecret(appId));
      assert.equal(e.kind, 'outcomeUnknown');
      assert.equal(e.orphanSecretId, undefined);
      assert.ok(e.message.includes('nothing was created'), e.message);
      assert.ok(e.message.includes('safe to try again'), e.message);
      assert.equal(org.secrets().length, 1);
    } finally {
      await c.close();
    }
  });

  it('a create that failed with a 5xx: not retried, serverError after checking nothing was created', async () => {
    org.faults.failNext(1, { status: 500, method: 'POST' });
    const e = await rejection(client.createSecret(appId));
    assert.equal(e.kind, 'serverError');
    assert.deepEqual(
      org.requests.map((r) => r.method),
      ['GET', 'POST', 'GET'],
    );
  });

  it('a deactivate whose answer was lost: the state read back is the intended one, so it succeeded', async () => {
    await client.createSecret(appId);
    const [older] = org.secrets();
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /deactivate$/ });
    const s = await client.deactivateSecret(appId, older!.id);
    assert.equal(s.status, 'INACTIVE');
    assert.equal(org.secrets().find((x) => x.id === older!.id)?.status, 'INACTIVE');
  });

  it('an activate that timed out before Okta acted: outcomeUnknown, the secret still INACTIVE', async () => {
    const c = clientFor(org, rec, { timeoutMs: 300 });
    try {
      await c.createSecret(appId);
      const [older] = org.secrets();
      await c.deactivateSecret(appId, older!.id);
      org.faults.stallNext({ method: 'POST', path: /activate$/ });
      const e = await rejection(c.activateSecret(appId, older!.id));
      assert.equal(e.kind, 'outcomeUnknown');
      assert.ok(e.message.includes('still INACTIVE'), e.message);
    } finally {
      await c.close();
    }
  });

  it('a delete whose answer was lost: a 404 afterwards means it was deleted', async () => {
    await client.createSecret(appId);
    const [older] = org.secrets();
    await client.deactivateSecret(appId, older!.id);
    org.faults.dropResponseAfterCommit({ method: 'DELETE' });
    await client.deleteSecret(appId, older!.id);
    assert.equal(org.secrets().length, 1);
    assert.deepEqual(
      org.requests.slice(-2).map((r) => `${r.method} ${r.status}`),
      ['DELETE 0', 'GET 404'],
    );
  });

  it('a write cancelled in flight is reported as cancelled, not reconciled', async () => {
    org.faults.stallNext({ method: 'POST', path: /secrets$/ });
    const controller = new AbortController();
    const pending = rejection(client.createSecret(appId, controller.signal));
    for (let i = 0; i < 2000 && !org.requests.some((r) => r.method === 'POST'); i++)
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const e = await pending;
    assert.equal(e.kind, 'cancelled');
    assert.ok(e.message.includes('Refresh the secrets list before acting again'), e.message);
    assert.equal(org.requests.filter((r) => r.method === 'GET').length, 1, 'only the list before');
  });
});

describe('OktaClient create reconciliation: orphan without a value (loopback stub server)', () => {
  // The simulator always lists plaintext values; an org that lists a secret without one can only be scripted.
  let server: Server;
  let base: string;
  const APP = '0oa1abcdEFGH2345ijkl';
  const secret = (id: string, value?: string) => ({
    id,
    status: 'ACTIVE',
    ...(value ? { client_secret: value } : {}),
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2024-01-01T00:00:00.000Z',
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reports the orphan id when the lost secret is listed without its value', async () => {
    let lists = 0;
    server = createServer((req, res) => {
      if (req.method === 'POST') return void req.socket.destroy();
      lists++;
      const body =
        lists === 1
          ? [secret('ocsOLDoldOLDoldOLDol', 'v'.repeat(30))]
          : [secret('ocsOLDoldOLDoldOLDol', 'v'.repeat(30)), secret('ocsNEWnewNEWnewNEWne')];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const c = new OktaClient({ baseUrl: base, auth: new ApiTokenAuth('00tokenTokenTokenToken') });
    try {
      const e = await rejection(c.createSecret(APP));
      assert.equal(e.kind, 'outcomeUnknown');
      assert.equal(e.orphanSecretId, 'ocsNEWnewNEWnewNEWne');
      assert.ok(e.message.includes('secret ocsNEWnewNEWnewNEWne was created but its value was lost'), e.message);
      assert.ok(e.message.includes('Deactivate and delete secret ocsNEWnewNEWnewNEWne'), e.message);
      assert.equal(lists, 2);
    } finally {
      await c.close();
    }
  });
});
