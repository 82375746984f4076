// Every OktaError kind the client produces, each from a real situation in the simulator (or a closed port),
// with a message that leads with what failed for the person (the org refused the API token), then Okta's status,
// code and errorId, and what to do; the API call stays on the error (`operation`) for the log.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient, oktaClientWithApiToken } from '../../../src/okta/client.ts';
import { closedPort, rejection, requestArrived, withClientWorld } from './fixture.ts';

describe('OktaClient errors (simulator)', () => {
  const world = withClientWorld();
  const host = (): string => new URL(world().org.info.baseUrl).host;

  it('invalidToken: a revoked token gets 401 E0000011, with errorId and advice', async () => {
    const { org, client, appId } = world();
    org.revokeToken(org.info.apiToken);
    const e = await rejection(client.listSecrets(appId));
    assert.equal(e.kind, 'invalidToken');
    assert.equal(e.status, 401);
    assert.equal(e.errorCode, 'E0000011');
    assert.ok(e.errorId);
    assert.ok(
      e.message.startsWith(`${host()} refused the API token (401, E0000011): Invalid token provided.`),
      e.message,
    );
    assert.equal(e.operation, `Listing client secrets of app ${appId}`);
    assert.ok(!e.message.includes('Listing'), 'the API call is for the log, not the message');
    assert.ok(e.message.includes(`Okta error ID: ${e.errorId}`));
    assert.ok(e.message.includes('Set a new API token'));
    assert.ok(!e.message.includes(org.info.apiToken));
    assert.equal(org.requests.length, 1, 'a 401 is not retried');
  });

  it('invalidToken: a wrong token', async () => {
    const { clientOf, appId } = world();
    const other = clientOf({ token: '00wrongTokenWrongTokenWrongToken1234567890' });
    assert.equal((await rejection(other.getApp(appId))).kind, 'invalidToken');
  });

  it('forbidden: the read-only token reads but gets 403 E0000006 on writes', async () => {
    const { org, clientOf, appId } = world();
    const ro = clientOf({ token: org.info.readOnlyToken });
    const [s] = await ro.listSecrets(appId);
    const e = await rejection(ro.deactivateSecret(appId, s!.id));
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.errorCode, 'E0000006');
    assert.ok(e.message.includes('okta.apps.manage'), e.message);
  });

  it('notFound: an unknown app and an unknown secret, 404 E0000007 with specific advice', async () => {
    const { client, appId } = world();
    const app = await rejection(client.getApp('0oa00000000000000000'));
    assert.equal(app.kind, 'notFound');
    assert.equal(app.errorCode, 'E0000007');
    assert.ok(app.message.includes('Check the id'), app.message);
    const secret = await rejection(client.getSecret(appId, 'ocs00000000000000000'));
    assert.equal(secret.kind, 'notFound');
    assert.ok(secret.message.includes('Refresh the secrets list'), secret.message);
  });

  it('secretLimitReached: a third secret is refused', async () => {
    const { org, client, appId } = world();
    await client.createSecret(appId);
    const e = await rejection(client.createSecret(appId));
    assert.equal(e.kind, 'secretLimitReached');
    assert.equal(e.errorCode, 'E0000001');
    assert.ok(e.message.includes('maximum number of client secrets'), e.message);
    assert.equal(org.secrets().length, 2);
  });

  it('onlyActiveSecret: the only active secret cannot be deactivated', async () => {
    const { client, appId } = world();
    const [s] = await client.listSecrets(appId);
    const e = await rejection(client.deactivateSecret(appId, s!.id));
    assert.equal(e.kind, 'onlyActiveSecret');
    assert.equal(e.status, 400);
  });

  it('deleteActiveSecret: an active secret cannot be deleted', async () => {
    const { client, appId } = world();
    const [s] = await client.listSecrets(appId);
    const e = await rejection(client.deleteSecret(appId, s!.id));
    assert.equal(e.kind, 'deleteActiveSecret');
    assert.ok(e.message.includes('Deactivate it first'), e.message);
  });

  it('serverError: a GET is retried with backoff and succeeds', async () => {
    const { org, rec, client, appId } = world();
    org.faults.failNext(2, { status: 503, path: /secrets$/ });
    const secrets = await client.listSecrets(appId);
    assert.equal(secrets.length, 1);
    assert.deepEqual(
      rec.calls.map((c) => [c.status, c.attempt]),
      [
        [503, 1],
        [503, 2],
        [200, 3],
      ],
    );
    assert.equal(rec.waits.length, 2);
    assert.ok(rec.waits[1]! >= rec.waits[0]! / 2 && rec.waits[1]! > 0, `backoff ${rec.waits.join(', ')}`);
  });

  it('serverError: after 3 tries the GET fails', async () => {
    const { org, client, appId } = world();
    org.faults.failNext(5, { status: 500 });
    const e = await rejection(client.getApp(appId));
    assert.equal(e.kind, 'serverError');
    assert.equal(e.status, 500);
    assert.equal(org.requests.length, 3);
    assert.ok(e.message.includes('contact Okta Support with the error id'));
  });

  it('serverError: a write is not retried blindly', async () => {
    const { org, client, appId } = world();
    await client.createSecret(appId);
    const [older] = org.secrets();
    await client.deactivateSecret(appId, older!.id);
    org.clearRequests();
    org.faults.failNext(1, { status: 500, method: 'DELETE' });
    const e = await rejection(client.deleteSecret(appId, older!.id));
    assert.equal(e.kind, 'serverError');
    assert.deepEqual(
      org.requests.map((r) => r.method),
      ['DELETE', 'GET'],
      'one DELETE, then a read to see what happened',
    );
    assert.equal(org.secrets().length, 2);
  });

  it('network: a closed port, retried for a GET, then a network error naming the org', async () => {
    const { rec, clientOf, appId } = world();
    const port = await closedPort();
    const c = clientOf({ baseUrl: `http://127.0.0.1:${port}` });
    const e = await rejection(c.listSecrets(appId));
    assert.equal(e.kind, 'network');
    assert.ok(e.message.includes(`127.0.0.1:${port}`), e.message);
    assert.ok(e.message.includes('ECONNREFUSED'), e.message);
    assert.deepEqual(
      rec.calls.map((x) => [x.status, x.attempt]),
      [
        ['error', 1],
        ['error', 2],
        ['error', 3],
      ],
    );
    const w = await rejection(c.activateSecret(appId, 'ocs1abcdEFGH2345ijkl'));
    assert.equal(w.kind, 'network', 'a refused connection never reached Okta: no reconciliation, no outcomeUnknown');
  });

  it('timeout: a stalled answer ends in a timeout error', async () => {
    const { org, clientOf, appId } = world();
    const c = clientOf({ timeoutMs: 300, maxRetries: 1 });
    org.faults.stallNext({ path: /\/api\/v1\/apps\/0oa[^/]+$/ });
    const e = await rejection(c.getApp(appId));
    assert.equal(e.kind, 'timeout');
    assert.ok(e.message.includes('no complete answer within 0.3 s'), e.message);
  });

  it('cancelled: aborting while a request is in flight', async () => {
    const { org, client, appId } = world();
    org.faults.stallNext({ path: /secrets$/ });
    const controller = new AbortController();
    const pending = rejection(client.listSecrets(appId, controller.signal));
    await requestArrived(org, 'GET', /secrets$/);
    controller.abort();
    const e = await pending;
    assert.equal(e.kind, 'cancelled');
  });

  it('cancelled: an already aborted signal sends nothing', async () => {
    const { org, client, appId } = world();
    const e = await rejection(client.getApp(appId, AbortSignal.abort()));
    assert.equal(e.kind, 'cancelled');
    assert.equal(org.requests.length, 0);
  });

  it('cancelled: aborting during a retry backoff', async () => {
    const { org, rec, client, appId } = world();
    const controller = new AbortController();
    rec.onWait = () => controller.abort();
    org.faults.failNext(1, { status: 502 });
    const e = await rejection(client.getApp(appId, controller.signal));
    assert.equal(e.kind, 'cancelled');
    assert.equal(org.requests.length, 1);
  });

  it('protocol: invalid JSON and wrong types, named without echoing the body', async () => {
    const { org, client, appId } = world();
    org.faults.malformedNext({ path: /secrets$/, kind: 'invalidJson' });
    const json = await rejection(client.listSecrets(appId));
    assert.equal(json.kind, 'protocol');
    assert.ok(json.message.includes('not valid JSON'), json.message);
    org.faults.malformedNext({ path: /secrets$/, kind: 'wrongTypes' });
    const types = await rejection(client.listSecrets(appId));
    assert.equal(types.kind, 'protocol');
    assert.ok(types.message.includes('does not match the API'), types.message);
    for (const s of org.secrets())
      assert.ok(!types.message.includes(s.clientSecret) && !json.message.includes(s.clientSecret));
  });

  it('input: the client refuses a non-https remote org and a malformed token', () => {
    const { org } = world();
    assert.throws(
      () => new OktaClient({ baseUrl: 'http://acme.okta.com', auth: new ApiTokenAuth(org.info.apiToken) }),
      /must use https/,
    );
    assert.throws(
      () => new OktaClient({ baseUrl: 'https://acme.okta.com/api', auth: new ApiTokenAuth(org.info.apiToken) }),
      /origin only/,
    );
    assert.throws(() => new ApiTokenAuth('two words token'), /Reading the API token failed/);
    assert.throws(() => new ApiTokenAuth(''), /empty/);
    assert.throws(
      () => oktaClientWithApiToken('https://acme.okta.com', ' '),
      /^OktaError: Reading the API token in acme\.okta\.com failed: it is empty/,
    );
  });

  it('keeps the token out of JSON and inspection of the authenticator', async () => {
    const { org, client } = world();
    const auth = new ApiTokenAuth(org.info.apiToken);
    const { inspect } = await import('node:util');
    assert.ok(!JSON.stringify(auth).includes(org.info.apiToken));
    assert.ok(!inspect(auth).includes(org.info.apiToken));
    assert.ok(!inspect(client, { depth: 5 }).includes(org.info.apiToken));
  });
});
