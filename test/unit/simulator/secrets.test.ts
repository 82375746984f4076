import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call, secretsPath } from './helpers.ts';

const RULE = 'Api validation failed: OAuth2ClientSecretMediated';

describe('simulator: client secrets', () => {
  let sim: Simulator;
  let n = 0;
  /** A fresh org per test keeps the secret rules independent of test order. */
  let org: SimulatedOrg;
  let base: string;
  beforeEach(async () => {
    sim = await startSimulator({ orgs: [{ name: `org${++n}`, environment: 'preview' }] });
    org = sim.org(`org${n}`);
    base = secretsPath(org.info.workflowsAppId);
  });
  afterEach(() => sim.close());

  it('lists the seeded ACTIVE secret with its plaintext value, an Okta-like id and hash, and a deactivate link', async () => {
    const r = await call(org, 'GET', base);
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 1);
    const [s] = r.body;
    const [seeded] = org.secrets();
    assert.match(s.id, /^ocs[A-Za-z0-9]{17}$/);
    assert.equal(s.status, 'ACTIVE');
    assert.equal(s.client_secret, seeded!.clientSecret);
    assert.match(s.client_secret, /^[A-Za-z0-9_-]{64}$/);
    assert.match(s.secret_hash, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(
      s.secret_hash,
      createHash('sha256').update(s.client_secret).digest().subarray(0, 16).toString('base64url'),
    );
    assert.match(s.created, /\.\d{3}Z$/);
    assert.deepEqual(s._links, {
      deactivate: { href: `${org.info.baseUrl}${base}/${s.id}/lifecycle/deactivate`, hints: { allow: ['POST'] } },
    });
  });

  it('creates a second secret (201, ACTIVE, generated), gets it (200), and refuses a third (400, max secrets)', async () => {
    const created = await call(org, 'POST', base, { body: {} });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'ACTIVE');
    assert.notEqual(created.body.client_secret, org.secrets()[0]!.clientSecret);
    const got = await call(org, 'GET', `${base}/${created.body.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, created.body);

    const third = await call(org, 'POST', base, { body: {} });
    assert.equal(third.status, 400);
    assert.equal(third.body.errorCode, 'E0000001');
    assert.equal(third.body.errorSummary, RULE);
    assert.deepEqual(third.body.errorCauses, [
      { errorSummary: "You've reached the maximum number of client secrets per client." },
    ]);
    assert.equal(org.secrets().length, 2);
  });

  it('a create with an empty body (no JSON at all) is the same as {}', async () => {
    const created = await call(org, 'POST', base);
    assert.equal(created.status, 201);
  });

  it('an INACTIVE secret still takes one of the two slots', async () => {
    const created = await call(org, 'POST', base, { body: { status: 'INACTIVE' } });
    assert.equal(created.body.status, 'INACTIVE');
    const third = await call(org, 'POST', base, { body: {} });
    assert.equal(third.status, 400);
    assert.equal(
      third.body.errorCauses[0].errorSummary,
      "You've reached the maximum number of client secrets per client.",
    );
  });

  it('refuses to deactivate the only ACTIVE secret', async () => {
    const [only] = org.secrets();
    const r = await call(org, 'POST', `${base}/${only!.id}/lifecycle/deactivate`);
    assert.equal(r.status, 400);
    assert.equal(r.body.errorSummary, RULE);
    assert.deepEqual(r.body.errorCauses, [{ errorSummary: "You can't deactivate the only active client secret." }]);
    assert.equal(org.secrets()[0]!.status, 'ACTIVE');
  });

  it('refuses to delete an ACTIVE secret', async () => {
    const [only] = org.secrets();
    const r = await call(org, 'DELETE', `${base}/${only!.id}`);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errorCauses, [
      { errorSummary: "You can't delete an active client secret. Deactivate the secret before deleting it." },
    ]);
    assert.equal(org.secrets().length, 1);
  });

  it('the whole rotation: create, deactivate the old (200, activate+delete links), delete it (204, empty body)', async () => {
    const [old] = org.secrets();
    const fresh = await call(org, 'POST', base, { body: {} });
    const deactivated = await call(org, 'POST', `${base}/${old!.id}/lifecycle/deactivate`);
    assert.equal(deactivated.status, 200);
    assert.equal(deactivated.body.status, 'INACTIVE');
    assert.deepEqual(Object.keys(deactivated.body._links).sort(), ['activate', 'delete']);
    assert.deepEqual(deactivated.body._links.delete, {
      href: `${org.info.baseUrl}${base}/${old!.id}`,
      hints: { allow: ['DELETE'] },
    });
    assert.deepEqual(deactivated.body._links.activate.hints, { allow: ['POST'] });

    const deleted = await call(org, 'DELETE', `${base}/${old!.id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.equal(deleted.headers.get('content-type'), null);
    assert.deepEqual(
      org.secrets().map((s) => s.id),
      [fresh.body.id],
    );

    const gone = await call(org, 'GET', `${base}/${old!.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errorCode, 'E0000007');
    assert.match(gone.body.errorSummary, new RegExp(`^Not found: Resource not found: ${old!.id} `));
  });

  it('activating an INACTIVE secret makes it ACTIVE; activating an ACTIVE one or deactivating an INACTIVE one is a 200 no-op', async () => {
    const inactive = await call(org, 'POST', base, { body: { status: 'INACTIVE' } });
    const again = await call(org, 'POST', `${base}/${inactive.body.id}/lifecycle/deactivate`);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'INACTIVE');
    const activated = await call(org, 'POST', `${base}/${inactive.body.id}/lifecycle/activate`);
    assert.equal(activated.status, 200);
    assert.equal(activated.body.status, 'ACTIVE');
    assert.deepEqual(Object.keys(activated.body._links), ['deactivate']);
    const twice = await call(org, 'POST', `${base}/${inactive.body.id}/lifecycle/activate`);
    assert.equal(twice.status, 200);
    assert.deepEqual(twice.body, activated.body);
  });

  it('with two ACTIVE secrets either may be deactivated', async () => {
    await call(org, 'POST', base, { body: {} });
    const [first] = org.secrets();
    const r = await call(org, 'POST', `${base}/${first!.id}/lifecycle/deactivate`);
    assert.equal(r.status, 200);
    assert.deepEqual(
      org.secrets().map((s) => s.status),
      ['INACTIVE', 'ACTIVE'],
    );
  });

  it('accepts a supplied client_secret of 14-100 printable ASCII characters and returns it', async () => {
    const value = 'a-supplied-secret-of-32-chars-ok';
    const r = await call(org, 'POST', base, { body: { client_secret: value } });
    assert.equal(r.status, 201);
    assert.equal(r.body.client_secret, value);
  });

  const badSecrets: Array<[string, string, string]> = [
    ['too short', 'short', "client_secret: 'client_secret' must be at least '14' characters long."],
    ['too long', 'x'.repeat(101), "client_secret: 'client_secret' can't be more than '100' characters long."],
    [
      'not ASCII',
      'ümlaut-secret-value-123',
      "client_secret: ''client_secret'' must only contain printable ASCII: [x20-x7E]+",
    ],
  ];
  for (const [what, value, cause] of badSecrets) {
    it(`refuses a supplied client_secret that is ${what} (400 E0000001, the spec's cause)`, async () => {
      const r = await call(org, 'POST', base, { body: { client_secret: value } });
      assert.equal(r.status, 400);
      assert.equal(r.body.errorCode, 'E0000001');
      assert.equal(r.body.errorSummary, 'Api validation failed: client_secret');
      assert.deepEqual(r.body.errorCauses, [{ errorSummary: cause }]);
      assert.equal(org.secrets().length, 1);
    });
  }

  it('applies the client_secret_jwt (32+) and private_key_jwt (refused) rules to supplied secrets', async () => {
    const jwtApp = org.addApp({
      name: 'oidc_client',
      label: 'JWT client',
      oauthClient: { tokenEndpointAuthMethod: 'client_secret_jwt' },
    });
    const short = await call(org, 'POST', secretsPath(jwtApp), { body: { client_secret: 'twenty-chars-long-ok' } });
    assert.equal(short.status, 400);
    assert.match(
      short.body.errorCauses[0].errorSummary,
      /at least '32' characters long when 'token_endpoint_auth_method' is 'client_secret_jwt'/,
    );
    const pkApp = org.addApp({
      name: 'oidc_client',
      label: 'PK client',
      oauthClient: { tokenEndpointAuthMethod: 'private_key_jwt' },
    });
    assert.equal(org.secrets(pkApp).length, 0, 'a private_key_jwt client has no secret');
    const pk = await call(org, 'POST', secretsPath(pkApp), {
      body: { client_secret: 'a-long-enough-secret-value-here!' },
    });
    assert.equal(pk.status, 400);
    assert.equal(
      pk.body.errorCauses[0].errorSummary,
      "'client_secret' can't be used when 'token_endpoint_auth_method' is 'private_key_jwt'.",
    );
  });

  it('refuses a body that is not JSON, or has a bad status, without creating anything', async () => {
    const notJson = await call(org, 'POST', base, { body: '{not json' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errorCode, 'E0000003');
    const badStatus = await call(org, 'POST', base, { body: { status: 'PENDING' } });
    assert.equal(badStatus.status, 400);
    assert.equal(badStatus.body.errorCode, 'E0000001');
    assert.equal(org.secrets().length, 1);
  });

  it('answers 404 E0000007 for an unknown app, an unknown secret, and an app that is not an OAuth client', async () => {
    for (const [method, path] of [
      ['GET', secretsPath('0oaUNKNOWNxxxxxxxxxx')],
      ['POST', secretsPath('0oaUNKNOWNxxxxxxxxxx')],
      ['GET', `${base}/ocsUNKNOWNxxxxxxxxxx`],
      ['DELETE', `${base}/ocsUNKNOWNxxxxxxxxxx`],
      ['POST', `${base}/ocsUNKNOWNxxxxxxxxxx/lifecycle/activate`],
      ['POST', `${base}/ocsUNKNOWNxxxxxxxxxx/lifecycle/deactivate`],
    ] as const) {
      const r = await call(org, method, path);
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.equal(r.body.errorCode, 'E0000007');
    }
    const tile = (await call(org, 'GET', '/api/v1/apps?q=okta_flow_sso')).body[0];
    const r = await call(org, 'GET', secretsPath(tile.id));
    assert.equal(r.status, 404);
  });

  it('secrets() hands out copies: changing them changes nothing in the org', async () => {
    const copy = org.secrets();
    copy[0]!.status = 'INACTIVE';
    copy.pop();
    assert.equal(org.secrets().length, 1);
    assert.equal(org.secrets()[0]!.status, 'ACTIVE');
  });
});

describe('simulator: seeding secrets', () => {
  it('seeds the given secrets (value, status, created) and refuses more than two', async () => {
    const sim = await startSimulator({
      orgs: [
        {
          name: 'two',
          environment: 'production',
          secrets: [
            { status: 'INACTIVE', clientSecret: 'old-secret-value-0001', created: '2024-01-02T03:04:05.000Z' },
            {},
          ],
        },
      ],
    });
    try {
      const [old, current] = sim.org('two').secrets();
      assert.deepEqual(
        [old!.status, old!.clientSecret, old!.created],
        ['INACTIVE', 'old-secret-value-0001', '2024-01-02T03:04:05.000Z'],
      );
      assert.equal(current!.status, 'ACTIVE');
    } finally {
      await sim.close();
    }
    await assert.rejects(
      startSimulator({ orgs: [{ name: 'three', environment: 'preview', secrets: [{}, {}, {}] }] }),
      /at most two secrets/,
    );
  });
});
