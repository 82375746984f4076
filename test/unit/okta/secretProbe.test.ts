// The token-endpoint probe: valid, invalid, unknown, against the simulator's /oauth2/v1/token.
import assert from 'node:assert/strict';
import type { WorkflowsApp } from '../../../src/okta/schemas.ts';
import { buildProbeRequest, interpretProbeAnswer } from '../../../src/okta/secretProbe.ts';
import { recorder, rejection, withClientWorld } from './fixture.ts';

describe('OktaClient.verifyClientSecret (simulator)', () => {
  const world = withClientWorld(
    {
      orgs: [
        { name: 'basic', environment: 'preview', secrets: [{ clientSecret: 'basic-secret-value-0123456789' }] },
        {
          name: 'post',
          environment: 'production',
          workflowsApp: { tokenEndpointAuthMethod: 'client_secret_post' },
          secrets: [{ clientSecret: 'post-secret-value-0123456789' }],
        },
      ],
    },
    'all',
  );

  async function probe(orgName: string, secret: string, tweak: (a: WorkflowsApp) => WorkflowsApp = (a) => a) {
    const rec = recorder();
    const c = world().clientOf({ org: orgName, rec });
    const app = tweak(await c.findWorkflowsApp());
    return { result: await c.verifyClientSecret(app, secret), rec };
  }

  it('valid: the active secret authenticates (client_secret_basic)', async () => {
    const { result } = await probe('basic', 'basic-secret-value-0123456789');
    assert.deepEqual([result.outcome, result.status], ['valid', 400]);
  });

  it('valid: the active secret authenticates (client_secret_post)', async () => {
    const { result } = await probe('post', 'post-secret-value-0123456789');
    assert.equal(result.outcome, 'valid');
  });

  it('invalid: a wrong secret, and an inactive one', async () => {
    const { result } = await probe('basic', 'not-the-secret-0123456789');
    assert.deepEqual([result.outcome, result.status], ['invalid', 401]);
    const org = world().sim.org('basic');
    const c = world().clientOf({ org, rec: recorder() });
    const appId = org.info.workflowsAppId;
    const created = await c.createSecret(appId);
    const [old] = org.secrets();
    await c.deactivateSecret(appId, old!.id);
    const app = await c.findWorkflowsApp();
    assert.equal((await c.verifyClientSecret(app, old!.clientSecret)).outcome, 'invalid');
    assert.equal((await c.verifyClientSecret(app, created.client_secret!)).outcome, 'valid');
  });

  it('unknown: a 5xx from the token endpoint, or an auth method a secret cannot be checked with', async () => {
    world()
      .sim.org('post')
      .faults.failNext(1, { status: 503, path: /token$/ });
    const { result } = await probe('post', 'post-secret-value-0123456789');
    assert.equal(result.outcome, 'unknown');
    assert.equal(result.status, 503);
    const jwt = await probe('post', 'post-secret-value-0123456789', (a) => ({
      ...a,
      tokenEndpointAuthMethod: 'private_key_jwt',
    }));
    assert.equal(jwt.result.outcome, 'unknown');
    assert.ok(jwt.result.reason.includes('private_key_jwt'));
    const noRedirect = await probe('post', 'post-secret-value-0123456789', (a) => ({ ...a, redirectUris: [] }));
    assert.equal(noRedirect.result.outcome, 'unknown');
  });

  it('is cancellable, and the probe is logged without the secret', async () => {
    const c = world().clientOf({ org: 'basic', rec: recorder() });
    const app = await c.findWorkflowsApp();
    assert.equal((await rejection(c.verifyClientSecret(app, 'x'.repeat(20), AbortSignal.abort()))).kind, 'cancelled');
    const { rec } = await probe('basic', 'basic-secret-value-0123456789');
    const line = rec.calls.find((x) => x.path === '/oauth2/v1/token');
    assert.ok(line);
    assert.ok(!JSON.stringify(rec.calls).includes('basic-secret-value'));
  });
});

describe('secret probe request and answer', () => {
  const app: WorkflowsApp = {
    id: '0oa1abcdEFGH2345ijkl',
    name: 'flow',
    label: 'Okta Workflows OAuth',
    clientId: '0oa1abcdEFGH2345ijkl',
    tokenEndpointAuthMethod: 'client_secret_basic',
    redirectUris: ['https://oauth.workflows.okta.com/oauth/okta/cb'],
  };

  it('builds an authorization_code request with a random code, Basic auth form-encoded, no Origin', () => {
    const a = buildProbeRequest('https://acme.okta.com', app, 'p@ss:word+ 1');
    const b = buildProbeRequest('https://acme.okta.com', app, 'p@ss:word+ 1');
    assert.ok(!('unknown' in a) && !('unknown' in b));
    assert.equal(a.url.href, 'https://acme.okta.com/oauth2/v1/token');
    const form = new URLSearchParams(a.body);
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('redirect_uri'), app.redirectUris[0]);
    assert.notEqual(form.get('code'), new URLSearchParams(b.body).get('code'));
    assert.equal(form.get('client_secret'), null);
    assert.equal(
      Buffer.from(a.headers.authorization!.slice(6), 'base64').toString(),
      '0oa1abcdEFGH2345ijkl:p%40ss%3Aword%2B+1',
    );
    assert.equal(
      Object.keys(a.headers).some((h) => h.toLowerCase() === 'origin'),
      false,
    );
  });

  it("reads the token endpoint's answers: invalid_client, invalid_grant, anything else unknown", () => {
    const j = (o: unknown) => Buffer.from(JSON.stringify(o));
    const ct = 'application/json';
    assert.equal(interpretProbeAnswer(401, ct, j({ error: 'invalid_client' })).outcome, 'invalid');
    assert.equal(interpretProbeAnswer(400, ct, j({ error: 'invalid_grant' })).outcome, 'valid');
    assert.equal(interpretProbeAnswer(400, ct, j({ error: 'unauthorized_client' })).outcome, 'unknown');
    assert.equal(interpretProbeAnswer(401, 'text/html', Buffer.from('<html>')).outcome, 'unknown');
    assert.equal(interpretProbeAnswer(429, ct, j({ error: 'too_many' })).outcome, 'unknown');
    assert.equal(interpretProbeAnswer(200, ct, j({ access_token: 'x' })).outcome, 'unknown');
    assert.ok(!interpretProbeAnswer(400, ct, j({ error: 'evil "<script>" text' })).reason.includes('script'));
  });
});
