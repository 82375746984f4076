// Writes whose answer is lost are never retried blindly: the client reads back what Okta did. For a create, the
// rule of src/okta/secretReconcile.ts: a new secret with a value in the list is returned as recovered; one without a
// value is an orphan reported by id; nothing new means it is safe to try again; several mean someone else is at work.
import assert from 'node:assert/strict';
import type { ClientSecret } from '../../../src/okta/schemas.ts';
import { findCreatedSecret } from '../../../src/okta/secretReconcile.ts';
import { rejection, startStubServer, withClientWorld, type StubServer } from './fixture.ts';
import { waitFor } from '../../support/waitFor.ts';

describe('OktaClient reconciliation of writes (simulator)', () => {
  const world = withClientWorld({ client: { timeoutMs: 2000 } });

  it('a create whose answer was lost: the new secret is recovered from the list', async () => {
    const { org, client, appId } = world();
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
    const { org, client, appId } = world();
    org.faults.malformedNext({ method: 'POST', path: /secrets$/, kind: 'wrongTypes' });
    const created = await client.createSecret(appId);
    assert.equal(created.recovered, true);
    assert.equal(org.secrets().length, 2);
  });

  it('a create that timed out before Okta acted: nothing new, safe to retry', async () => {
    const { org, clientOf, appId } = world();
    const c = clientOf({ timeoutMs: 300 });
    org.faults.stallNext({ method: 'POST', path: /secrets$/ });
    const e = await rejection(c.createSecret(appId));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.equal(e.orphanSecretId, undefined);
    assert.ok(e.message.includes('nothing was created'), e.message);
    assert.ok(e.message.includes('safe to try again'), e.message);
    assert.equal(org.secrets().length, 1);
  });

  it('a create that failed with a 5xx: not retried, serverError after checking nothing was created', async () => {
    const { org, client, appId } = world();
    org.faults.failNext(1, { status: 500, method: 'POST' });
    const e = await rejection(client.createSecret(appId));
    assert.equal(e.kind, 'serverError');
    assert.deepEqual(
      org.requests.map((r) => r.method),
      ['GET', 'POST', 'GET'],
    );
  });

  it('a deactivate whose answer was lost: the state read back is the intended one, so it succeeded', async () => {
    const { org, client, appId } = world();
    await client.createSecret(appId);
    const [older] = org.secrets();
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /deactivate$/ });
    const s = await client.deactivateSecret(appId, older!.id);
    assert.equal(s.status, 'INACTIVE');
    assert.equal(org.secrets().find((x) => x.id === older!.id)?.status, 'INACTIVE');
  });

  it('an activate that timed out before Okta acted: outcomeUnknown, the secret still INACTIVE', async () => {
    const { org, clientOf, appId } = world();
    const c = clientOf({ timeoutMs: 300 });
    await c.createSecret(appId);
    const [older] = org.secrets();
    await c.deactivateSecret(appId, older!.id);
    org.faults.stallNext({ method: 'POST', path: /activate$/ });
    const e = await rejection(c.activateSecret(appId, older!.id));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.ok(e.message.includes('still INACTIVE'), e.message);
  });

  it('a delete whose answer was lost: a 404 afterwards means it was deleted', async () => {
    const { org, client, appId } = world();
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
    const { org, client, appId } = world();
    org.faults.stallNext({ method: 'POST', path: /secrets$/ });
    const controller = new AbortController();
    const pending = rejection(client.createSecret(appId, controller.signal));
    await waitFor(() => org.requests.some((r) => r.method === 'POST'), 'the POST to reach the simulator');
    controller.abort();
    const e = await pending;
    assert.equal(e.kind, 'cancelled');
    assert.ok(e.message.includes('whether Okta carried it out is unknown. Refresh the secrets list'), e.message);
    assert.equal(org.requests.filter((r) => r.method === 'GET').length, 1, 'only the list before');
  });
});

describe('OktaClient create reconciliation: answers the simulator never gives (loopback stub server)', () => {
  // The simulator always lists plaintext values and answers its lists; these orgs can only be scripted.
  let stub: StubServer;
  const APP = '0oa1abcdEFGH2345ijkl';
  const secret = (id: string, value?: string) => ({
    id,
    status: 'ACTIVE',
    ...(value ? { client_secret: value } : {}),
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2024-01-01T00:00:00.000Z',
  });
  afterEach(() => stub.close());

  it('reports the orphan id when the lost secret is listed without its value', async () => {
    let lists = 0;
    stub = await startStubServer((req, res) => {
      if (req.method === 'POST') return void req.socket.destroy();
      lists++;
      const body =
        lists === 1
          ? [secret('ocsOLDoldOLDoldOLDol', 'v'.repeat(30))]
          : [secret('ocsOLDoldOLDoldOLDol', 'v'.repeat(30)), secret('ocsNEWnewNEWnewNEWne')];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    const e = await rejection(stub.client().createSecret(APP));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.equal(e.orphanSecretId, 'ocsNEWnewNEWnewNEWne');
    assert.ok(e.message.includes('secret ocsNEWnewNEWnewNEWne was created but its value was lost'), e.message);
    assert.ok(e.message.includes('Deactivate and delete secret ocsNEWnewNEWnewNEWne'), e.message);
    assert.equal(lists, 2);
  });

  it("reports the orphan id when Okta's create answer has no value", async () => {
    stub = await startStubServer((req, res) => {
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.method === 'POST' ? secret('ocsNEWnewNEWnewNEWne') : []));
    });
    const e = await rejection(stub.client().createSecret(APP));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.equal(e.orphanSecretId, 'ocsNEWnewNEWnewNEWne');
    assert.ok(e.message.includes("Okta's answer did not include its value"), e.message);
  });

  it('a lost create whose check fails too: outcomeUnknown that says both', async () => {
    let lists = 0;
    stub = await startStubServer((req, res) => {
      if (req.method === 'POST') return void req.socket.destroy();
      lists++;
      res.writeHead(lists === 1 ? 200 : 503, { 'content-type': 'application/json' });
      res.end(lists === 1 ? '[]' : '{"errorCode":"E0000009","errorSummary":"Internal Server Error"}');
    });
    const e = await rejection(stub.client().createSecret(APP));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.equal(e.orphanSecretId, undefined);
    assert.ok(e.message.includes('and listing the secrets to check failed too'), e.message);
    assert.equal(lists, 1 + 3, 'the list after is a read: retried as reads are');
  });
});

describe('findCreatedSecret: what a list after a create holds that the list before did not', () => {
  const secret = (id: string): ClientSecret => ({
    id,
    status: 'ACTIVE',
    client_secret: `value-of-${id}`,
    created: '2024-01-01T00:00:00.000Z',
    lastUpdated: '2024-01-01T00:00:00.000Z',
  });
  const OLD = 'ocsOLDoldOLDoldOLDol';
  const NEW = 'ocsNEWnewNEWnewNEWne';
  const ALSO = 'ocsALSOalsoALSOalsoA';

  it('none: every secret listed after was there before (even when one listed before is gone)', () => {
    assert.deepEqual(findCreatedSecret([OLD], [secret(OLD)]), { found: 'none' });
    assert.deepEqual(findCreatedSecret([OLD, NEW], [secret(NEW)]), { found: 'none' });
    assert.deepEqual(findCreatedSecret([], []), { found: 'none' });
  });

  it('one: the secret itself, as listed after', () => {
    const fresh = secret(NEW);
    const search = findCreatedSecret([OLD], [secret(OLD), fresh]);
    assert.equal(search.found, 'one');
    assert.equal(search.found === 'one' ? search.secret : undefined, fresh);
  });

  it('several: their ids, in the order of the list after', () => {
    assert.deepEqual(findCreatedSecret([OLD], [secret(ALSO), secret(OLD), secret(NEW)]), {
      found: 'several',
      ids: [ALSO, NEW],
    });
  });

  it('takes the ids before as any iterable, and anything with an id after (the engine keeps only ids)', () => {
    assert.deepEqual(findCreatedSecret(new Set([OLD]), [{ id: OLD }, { id: NEW }]), {
      found: 'one',
      secret: { id: NEW },
    });
  });
});

describe('OktaClient.createSecret with the list its caller read just before (simulator)', () => {
  const world = withClientWorld({ client: { timeoutMs: 2000 } });

  it('sends only the create: the secrets are not listed again', async () => {
    const { org, client, appId } = world();
    const listedBefore = await client.listSecrets(appId);
    org.clearRequests();
    const created = await client.createSecret(appId, undefined, { listedBefore });
    assert.ok(created.client_secret);
    assert.equal(created.recovered, undefined);
    assert.deepEqual(
      org.requests.map((r) => `${r.method} ${r.status}`),
      ['POST 201'],
    );
  });

  it('a lost answer is reconciled against that list: the new secret is recovered with one list after', async () => {
    const { org, client, appId } = world();
    const listedBefore = await client.listSecrets(appId);
    org.clearRequests();
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /secrets$/ });
    const created = await client.createSecret(appId, undefined, { listedBefore });
    assert.equal(created.recovered, true);
    assert.equal(created.client_secret, org.secrets().find((s) => s.id === created.id)?.clientSecret);
    assert.ok(!listedBefore.some((s) => s.id === created.id));
    assert.deepEqual(
      org.requests.map((r) => `${r.method} ${r.status}`),
      ['POST 0', 'GET 200'],
    );
  });

  it('the ids given are the ones compared: a secret missing from them counts as new', async () => {
    const { org, client, appId } = world();
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /secrets$/ });
    const e = await rejection(client.createSecret(appId, undefined, { listedBefore: [] }));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.ok(e.message.includes('2 new secrets appeared'), e.message);
    assert.ok(e.message.includes('someone else is changing this app too'), e.message);
    assert.equal(org.requests.filter((r) => r.method === 'GET').length, 1, 'only the list after');
  });

  it('without it, the create lists first, as always', async () => {
    const { org, client, appId } = world();
    await client.createSecret(appId);
    assert.deepEqual(
      org.requests.map((r) => `${r.method} ${r.status}`),
      ['GET 200', 'POST 201'],
    );
  });
});
