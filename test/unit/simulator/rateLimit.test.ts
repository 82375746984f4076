import assert from 'node:assert/strict';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call, probe } from './helpers.ts';

describe('simulator: rate limit', () => {
  // The simulator's clock is injected, so window roll-over is tested without waiting a minute.
  let clock = Date.parse('2026-03-01T12:00:00.000Z');
  let sim: Simulator;
  let org: SimulatedOrg;
  beforeEach(async () => {
    sim = await startSimulator({
      rateLimitPerMinute: 3,
      now: () => clock,
      orgs: [
        { name: 'rl', environment: 'preview' },
        { name: 'other', environment: 'production' },
      ],
    });
    org = sim.org('rl');
  });
  afterEach(() => sim.close());

  const rate = (h: Headers) => [
    h.get('x-rate-limit-limit'),
    h.get('x-rate-limit-remaining'),
    h.get('x-rate-limit-reset'),
  ];

  it('counts /api/v1/apps* in one bucket, with X-Rate-Limit-* headers, then answers 429 E0000047', async () => {
    const reset = String(Date.parse('2026-03-01T12:01:00.000Z') / 1000);
    const a = await call(org, 'GET', '/api/v1/apps');
    assert.deepEqual(rate(a.headers), ['3', '2', reset]);
    assert.equal(a.headers.get('date'), 'Sun, 01 Mar 2026 12:00:00 GMT', 'Date follows the org clock');
    const b = await call(org, 'GET', `/api/v1/apps/${org.info.workflowsAppId}`);
    assert.deepEqual(rate(b.headers), ['3', '1', reset]);
    const c = await call(org, 'GET', `/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`);
    assert.deepEqual(rate(c.headers), ['3', '0', reset]);
    const over = await call(org, 'GET', '/api/v1/apps');
    assert.equal(over.status, 429);
    assert.deepEqual(rate(over.headers), ['3', '0', reset]);
    assert.equal(over.body.errorCode, 'E0000047');
    assert.equal(over.body.errorSummary, 'API call exceeded rate limit due to too many requests.');
  });

  it('a new window starts once the reset time has passed', async () => {
    for (let i = 0; i < 3; i++) await call(org, 'GET', '/api/v1/apps');
    assert.equal((await call(org, 'GET', '/api/v1/apps')).status, 429);
    clock += 59_999;
    assert.equal((await call(org, 'GET', '/api/v1/apps')).status, 429);
    clock += 1;
    const fresh = await call(org, 'GET', '/api/v1/apps');
    assert.equal(fresh.status, 200);
    assert.equal(fresh.headers.get('x-rate-limit-remaining'), '2');
    assert.equal(fresh.headers.get('x-rate-limit-reset'), String(Math.ceil((clock + 60_000) / 1000)));
  });

  it('requests with a bad token count too (Okta counts requests, not successes)', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await call(org, 'GET', '/api/v1/apps', { token: 'bad' })).status, 401);
    assert.equal((await call(org, 'GET', '/api/v1/apps')).status, 429);
  });

  it('each org has its own bucket, and the token endpoint is outside it', async () => {
    for (let i = 0; i < 3; i++) await call(org, 'GET', '/api/v1/apps');
    assert.equal((await call(sim.org('other'), 'GET', '/api/v1/apps')).status, 200);
    const p = await probe(org, org.secrets()[0]!.clientSecret);
    assert.equal(p.status, 400);
    assert.equal(p.body.error, 'invalid_grant');
  });

  it('setRateLimit changes the limit and resets the bucket', async () => {
    for (let i = 0; i < 4; i++) await call(org, 'GET', '/api/v1/apps');
    org.setRateLimit(10);
    const r = await call(org, 'GET', '/api/v1/apps');
    assert.equal(r.status, 200);
    assert.deepEqual(rate(r.headers).slice(0, 2), ['10', '9']);
    assert.throws(() => org.setRateLimit(-1), /whole number/);
  });
});
