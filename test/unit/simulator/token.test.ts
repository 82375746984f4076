import assert from 'node:assert/strict';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call, probe, secretsPath } from './helpers.ts';

const INVALID_CLIENT = {
  error: 'invalid_client',
  error_description:
    'Client authentication failed. Either the client or the client authentication method is unsupported.',
};
const INVALID_GRANT = {
  error: 'invalid_grant',
  error_description: 'The authorization code is invalid or has expired.',
};

describe('simulator: token endpoint (the secret probe)', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  let active: string;
  beforeEach(async () => {
    sim = await startSimulator({
      orgs: [
        { name: 'basic', environment: 'preview' },
        { name: 'post', environment: 'production', workflowsApp: { tokenEndpointAuthMethod: 'client_secret_post' } },
      ],
    });
    org = sim.org('basic');
    active = org.secrets()[0]!.clientSecret;
  });
  afterEach(() => sim.close());

  it('an ACTIVE secret authenticates: a made-up code gets 400 invalid_grant', async () => {
    assert.deepEqual(await probe(org, active), { status: 400, body: INVALID_GRANT });
  });

  it('a wrong secret, or a wrong client id, gets 401 invalid_client', async () => {
    assert.deepEqual(await probe(org, 'not-the-secret-at-all'), { status: 401, body: INVALID_CLIENT });
    assert.deepEqual(await probe(org, active, { clientId: '0oaSOMEOTHERCLIENT00' }), {
      status: 401,
      body: INVALID_CLIENT,
    });
  });

  it('an INACTIVE secret no longer authenticates; after activation it does again', async () => {
    const base = secretsPath(org.info.workflowsAppId);
    await call(org, 'POST', base, { body: {} });
    const oldId = org.secrets()[0]!.id;
    await call(org, 'POST', `${base}/${oldId}/lifecycle/deactivate`);
    assert.equal((await probe(org, active)).status, 401);
    await call(org, 'POST', `${base}/${oldId}/lifecycle/activate`);
    assert.equal((await probe(org, active)).status, 400);
  });

  it('both ACTIVE secrets authenticate during the overlap', async () => {
    const created = await call(org, 'POST', secretsPath(org.info.workflowsAppId), { body: {} });
    assert.equal((await probe(org, active)).body.error, 'invalid_grant');
    assert.equal((await probe(org, created.body.client_secret)).body.error, 'invalid_grant');
  });

  it('a request with an Origin header (a browser) gets invalid_client even with the right secret', async () => {
    assert.deepEqual(await probe(org, active, { origin: 'vscode-webview://abc' }), {
      status: 401,
      body: INVALID_CLIENT,
    });
  });

  it('the client must use its own method: client_secret_post for a client_secret_basic app is refused, and vice versa', async () => {
    assert.equal((await probe(org, active, { post: true })).status, 401);
    const postOrg = sim.org('post');
    const postSecret = postOrg.secrets()[0]!.clientSecret;
    assert.deepEqual(await probe(postOrg, postSecret, { post: true }), { status: 400, body: INVALID_GRANT });
    assert.equal((await probe(postOrg, postSecret)).status, 401);
  });

  it('grants other than authorization_code: unsupported_grant_type, unauthorized_client, invalid_grant', async () => {
    const odd = await probe(org, active, { grantType: 'urn:example:nope' });
    assert.equal(odd.status, 400);
    assert.equal(odd.body.error, 'unsupported_grant_type');
    assert.equal((await probe(org, active, { grantType: 'client_credentials' })).body.error, 'unauthorized_client');
    assert.equal((await probe(org, active, { grantType: 'refresh_token' })).body.error, 'invalid_grant');
  });

  it('answers with no-store caching, JSON and a request id; refuses a non-form body', async () => {
    const res = await fetch(`${org.info.baseUrl}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_request');
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('cache-control'), 'no-cache, no-store');
    assert.ok(res.headers.get('x-okta-request-id'));
  });

  it('refuses credentials sent both ways at once, and a form with no client at all', async () => {
    const both = await fetch(`${org.info.baseUrl}/oauth2/v1/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${org.info.clientId}:${active}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'x',
        client_id: org.info.clientId,
        client_secret: active,
      }).toString(),
    });
    assert.equal(both.status, 400);
    const none = await fetch(`${org.info.baseUrl}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=x',
    });
    assert.equal(none.status, 401);
  });
});
