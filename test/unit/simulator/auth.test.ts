import assert from 'node:assert/strict';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call, secretsPath } from './helpers.ts';

describe('simulator: API tokens and common headers', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  before(async () => {
    sim = await startSimulator();
    org = sim.org('acme-preview');
  });
  after(() => sim.close());

  const invalid = (r: {
    status: number;
    body: { errorCode: string; errorSummary: string; errorCauses: unknown[] };
  }) => {
    assert.equal(r.status, 401);
    assert.equal(r.body.errorCode, 'E0000011');
    assert.equal(r.body.errorSummary, 'Invalid token provided');
    assert.deepEqual(r.body.errorCauses, []);
  };

  it('seeds two orgs, Preview and Production, with different ports and tokens', () => {
    assert.deepEqual(
      sim.orgs.map((o) => [o.name, o.environment]),
      [
        ['acme-preview', 'preview'],
        ['acme', 'production'],
      ],
    );
    const [a, b] = sim.orgs;
    assert.notEqual(a!.baseUrl, b!.baseUrl);
    assert.match(a!.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(a!.apiToken, /^00[A-Za-z0-9]{40}$/);
    assert.notEqual(a!.apiToken, b!.apiToken);
    assert.notEqual(a!.apiToken, a!.readOnlyToken);
    assert.throws(() => sim.org('nope'), /no org named 'nope'/);
  });

  it('answers 401 E0000011 without an Authorization header, with a malformed one, or with an unknown token', async () => {
    invalid(await call(org, 'GET', '/api/v1/apps', { token: null }));
    invalid(await call(org, 'GET', '/api/v1/apps', { token: null, headers: { Authorization: 'Bearer abc' } }));
    invalid(await call(org, 'GET', '/api/v1/apps', { token: null, headers: { Authorization: 'SSWS' } }));
    invalid(await call(org, 'GET', '/api/v1/apps', { token: '00notatoken' }));
  });

  it("one org's token is not valid in another org", async () => {
    invalid(await call(org, 'GET', '/api/v1/apps', { token: sim.org('acme').info.apiToken }));
  });

  it('the read-only token reads (200) but every write answers 403 E0000006 and changes nothing', async () => {
    const ro = { token: org.info.readOnlyToken };
    const base = secretsPath(org.info.workflowsAppId);
    assert.equal((await call(org, 'GET', base, ro)).status, 200);
    const [s] = org.secrets();
    for (const [method, path] of [
      ['POST', base],
      ['POST', `${base}/${s!.id}/lifecycle/deactivate`],
      ['POST', `${base}/${s!.id}/lifecycle/activate`],
      ['DELETE', `${base}/${s!.id}`],
    ] as const) {
      const r = await call(org, method, path, { ...ro, body: method === 'POST' ? {} : undefined });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.equal(r.body.errorCode, 'E0000006');
      assert.equal(r.body.errorSummary, 'You do not have permission to perform the requested action');
    }
    assert.equal(org.secrets().length, 1);
  });

  it('a revoked token gets 401 from then on', async () => {
    const sim2 = await startSimulator({ orgs: [{ name: 'r', environment: 'preview' }] });
    try {
      const o = sim2.org('r');
      assert.equal((await call(o, 'GET', '/api/v1/apps')).status, 200);
      o.revokeToken(o.info.apiToken);
      invalid(await call(o, 'GET', '/api/v1/apps'));
    } finally {
      await sim2.close();
    }
  });

  it('every answer has Content-Type application/json, X-Okta-Request-Id and Date; errors get a fresh errorId each time', async () => {
    const a = await call(org, 'GET', '/api/v1/apps', { token: 'bad' });
    const b = await call(org, 'GET', '/api/v1/apps', { token: 'bad' });
    for (const r of [a, b]) {
      assert.equal(r.headers.get('content-type'), 'application/json');
      assert.ok(r.headers.get('x-okta-request-id'));
      assert.ok(!Number.isNaN(Date.parse(r.headers.get('date') ?? '')));
    }
    assert.notEqual(a.headers.get('x-okta-request-id'), b.headers.get('x-okta-request-id'));
    assert.equal(typeof a.body.errorId, 'string');
    assert.notEqual(a.body.errorId, b.body.errorId);
    assert.equal(a.body.errorLink, 'E0000011');
  });

  it('records every request with method, path (no query) and status; clearRequests empties the record', async () => {
    const sim2 = await startSimulator({ orgs: [{ name: 'rec', environment: 'preview' }] });
    try {
      const o = sim2.org('rec');
      await call(o, 'GET', '/api/v1/apps?q=flow');
      await call(o, 'GET', '/api/v1/apps', { token: 'bad' });
      assert.deepEqual(o.requests, [
        { method: 'GET', path: '/api/v1/apps', status: 200 },
        { method: 'GET', path: '/api/v1/apps', status: 401 },
      ]);
      o.clearRequests();
      assert.deepEqual(o.requests, []);
    } finally {
      await sim2.close();
    }
  });

  it('refuses duplicate org names; close() can be called twice', async () => {
    await assert.rejects(
      startSimulator({
        orgs: [
          { name: 'x', environment: 'preview' },
          { name: 'x', environment: 'production' },
        ],
      }),
      /unique/,
    );
    const sim2 = await startSimulator({ orgs: [{ name: 'y', environment: 'preview' }] });
    await sim2.close();
    await sim2.close();
  });
});
