import assert from 'node:assert/strict';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call, secretsPath } from './helpers.ts';
import { waitFor } from '../../support/waitFor.ts';

describe('simulator: fault injection', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  let base: string;
  beforeEach(async () => {
    sim = await startSimulator({ orgs: [{ name: 'f', environment: 'preview' }] });
    org = sim.org('f');
    base = secretsPath(org.info.workflowsAppId);
  });
  afterEach(() => sim.close());

  it('failNext(2) answers the next two requests 500 E0000009, then serves normally', async () => {
    org.faults.failNext(2);
    for (let i = 0; i < 2; i++) {
      const r = await call(org, 'GET', base);
      assert.equal(r.status, 500);
      assert.equal(r.body.errorCode, 'E0000009');
      assert.equal(r.body.errorSummary, 'Internal Server Error');
      assert.ok(r.body.errorId);
    }
    assert.equal((await call(org, 'GET', base)).status, 200);
    assert.deepEqual(
      org.requests.map((r) => r.status),
      [500, 500, 200],
    );
  });

  it('failNext matches method and path, and takes any 4xx/5xx status', async () => {
    org.faults.failNext(1, { status: 503, method: 'post', path: /\/credentials\/secrets$/ });
    assert.equal((await call(org, 'GET', base)).status, 200, 'GET does not match');
    assert.equal((await call(org, 'GET', '/api/v1/apps')).status, 200, 'path does not match');
    const r = await call(org, 'POST', base, { body: {} });
    assert.equal(r.status, 503);
    assert.equal(org.secrets().length, 1, 'a failed request changes nothing');
    assert.throws(() => org.faults.failNext(1, { status: 200 }), /4xx or 5xx/);
    assert.throws(() => org.faults.failNext(0), /whole number/);
  });

  it('dropResponseAfterCommit: the create is committed but the connection closes without an answer', async () => {
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /\/credentials\/secrets$/ });
    await assert.rejects(call(org, 'POST', base, { body: {} }), TypeError); // fetch failed: socket closed
    assert.equal(org.secrets().length, 2, 'the new secret exists');
    assert.deepEqual(org.requests.at(-1), { method: 'POST', path: base, status: 0 });
    const list = await call(org, 'GET', base);
    assert.equal(list.body.length, 2, 'and the list shows it, value included');
    assert.ok(list.body[1].client_secret);
  });

  it('malformedNext (invalidJson) answers 200 with a body that is not JSON', async () => {
    org.faults.malformedNext({ path: /\/secrets$/ });
    const res = await fetch(`${org.info.baseUrl}${base}`, { headers: { Authorization: `SSWS ${org.info.apiToken}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    await assert.rejects(res.json(), SyntaxError);
    assert.equal((await call(org, 'GET', base)).status, 200, 'only once');
  });

  it('malformedNext (wrongTypes) breaks types: status is a number and id is missing', async () => {
    org.faults.malformedNext({ kind: 'wrongTypes', count: 2 });
    const list = await call(org, 'GET', base);
    assert.equal(list.status, 200);
    assert.equal(list.body[0].status, 7);
    assert.equal(list.body[0].id, undefined);
    const created = await call(org, 'POST', base, { body: {} });
    assert.equal(created.status, 201, 'the create ran; its answer is what is broken');
    assert.equal(created.body.status, 7);
    assert.equal(org.secrets().length, 2);
  });

  it('stallNext: the request is never answered; the client gives up, and the server still serves others', async () => {
    org.faults.stallNext({ path: /^\/api\/v1\/apps$/ });
    const controller = new AbortController();
    const stalled = call(org, 'GET', '/api/v1/apps', { signal: controller.signal });
    // Wait until the server holds the stalled request, then check another request is served meanwhile.
    await waitFor(() => org.requests.some((r) => r.path === '/api/v1/apps'), 'the server to hold the stalled request');
    assert.equal((await call(org, 'GET', base)).status, 200);
    assert.deepEqual(
      org.requests.map((r) => [r.path, r.status]),
      [
        ['/api/v1/apps', 0],
        [base, 200],
      ],
    );
    controller.abort();
    await assert.rejects(stalled, { name: 'AbortError' });
  });

  it('close() finishes while a request is stalled, and the stalled client sees the connection closed', async () => {
    org.faults.stallNext();
    const stalled = call(org, 'GET', '/api/v1/apps');
    const settled = stalled.then(
      () => 'answered',
      () => 'failed',
    );
    await waitFor(() => org.requests.length > 0, 'the server to receive the request');
    await sim.close();
    assert.equal(await settled, 'failed');
  });

  it('latencyMs delays every answer by at least that long (a lower bound only, never an upper one)', async () => {
    org.faults.latencyMs = 120;
    const started = performance.now();
    assert.equal((await call(org, 'GET', '/api/v1/apps')).status, 200);
    assert.ok(performance.now() - started >= 110, 'timers never fire much early');
    org.faults.latencyMs = 0;
  });

  it('latency from the options applies to every org; close() does not wait for delayed answers', async () => {
    const slow = await startSimulator({ latencyMs: 60_000, orgs: [{ name: 'slow', environment: 'preview' }] });
    const o = slow.org('slow');
    assert.equal(o.faults.latencyMs, 60_000);
    const pending = call(o, 'GET', '/api/v1/apps').then(
      () => 'answered',
      () => 'failed',
    );
    await waitFor(() => o.requests.length > 0, 'the server to receive the request');
    await slow.close();
    assert.equal(await pending, 'failed');
  });

  it('reset() forgets pending faults; one request gets at most one fault, the earliest registered', async () => {
    org.faults.failNext(1, { status: 502 });
    org.faults.failNext(1, { status: 504 });
    assert.equal((await call(org, 'GET', base)).status, 502);
    org.faults.reset();
    assert.equal((await call(org, 'GET', base)).status, 200);
  });

  it('a fault regex with the g flag still matches every time', async () => {
    org.faults.failNext(2, { path: /secrets/g });
    assert.equal((await call(org, 'GET', base)).status, 500);
    assert.equal((await call(org, 'GET', base)).status, 500);
  });

  it('hold: the change is committed, the answer waits for release(); a client that leaves gets none; close() ends a hold', async () => {
    const held = org.faults.hold('POST', /\/credentials\/secrets$/);
    const answered = call(org, 'POST', base, { body: {} });
    await held.reached;
    assert.equal(org.secrets().length, 2, 'committed before the answer');
    assert.equal(org.requests.at(-1)!.status, 0, 'not answered yet');
    held.release();
    assert.equal((await answered).status, 201);
    assert.equal(org.requests.at(-1)!.status, 201);

    const left = org.faults.hold('POST', /\/lifecycle\/deactivate$/);
    const controller = new AbortController();
    const [first] = org.secrets();
    const gone = call(org, 'POST', `${base}/${first!.id}/lifecycle/deactivate`, { signal: controller.signal });
    await left.reached;
    controller.abort();
    await assert.rejects(gone);
    assert.equal(org.secrets()[0]!.status, 'INACTIVE', 'the change stays made');
    await waitFor(() => org.requests.at(-1)!.status === 0, 'the abandoned request to stay unanswered');
    assert.equal((await call(org, 'GET', base)).status, 200, 'the org serves on');

    const never = org.faults.hold('GET', /\/credentials\/secrets$/);
    const pending = call(org, 'GET', base).then(
      () => 'answered',
      () => 'failed',
    );
    await never.reached;
    await sim.close();
    assert.equal(await pending, 'failed', 'closing ends the hold without an answer');
  });
});
