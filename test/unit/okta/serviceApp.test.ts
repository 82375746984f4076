// The Okta client authenticated as an OAuth 2.0 service app (private_key_jwt + DPoP) against the simulator over
// real HTTP: every operation, the DPoP nonce dance, the token cache and its refreshes, scopes, refusals, and
// no secret in anything that leaves. On both paths: on the proxied one the org is https://acme-preview.oktapreview.com
// through squid, so every DPoP proof's 'htu' (checked by the simulator against the URL it serves) is a real https URL
// and the token requests go through the proxy too.
import assert from 'node:assert/strict';
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { inspect } from 'node:util';
import type { ApiCallLog, OktaClient } from '../../../src/okta/client.ts';
import { ServiceAppAuth, type ServiceAppAuthOptions } from '../../../src/okta/oauth/serviceAppAuth.ts';
import type { OrgSeed, SimulatedOrg } from '../../../src/simulator/index.ts';
import { describeOnPaths, type OrgPath } from '../../support/proxiedPath.ts';
import { rejection, startClientWorld, type ClientWorld } from './fixture.ts';

interface Setup {
  org: SimulatedOrg;
  auth: ServiceAppAuth;
  /** The world's client, authenticated by `auth`. */
  client: OktaClient;
  /** The API-call log of `client` and of `auth`'s token requests, in order. */
  calls: ApiCallLog[];
  clientOf: ClientWorld['clientOf'];
  /** What a service app built by a test needs on the proxied path (squid, the run's CA). */
  network: ClientWorld['network'];
}

const opened: ClientWorld[] = [];

/** The setup of one path: a world with one org whose client signs in as its service app. */
const setupOn =
  (path: OrgPath) =>
  async (seed: Partial<OrgSeed> = {}, opts: Partial<ServiceAppAuthOptions> = {}): Promise<Setup> => {
    let auth: ServiceAppAuth | undefined;
    const world = await startClientWorld({
      path,
      orgs: [{ name: 'acme-preview', environment: 'preview', decoyApps: 0, ...seed }],
      // One clock for both ends when a test moves time (DPoP proofs carry it).
      ...(opts.now ? { now: opts.now } : {}),
      client: { retryBaseDelayMs: 1 },
      auth: (org, rec, network) => {
        const sa = org.info.serviceApp!;
        auth = new ServiceAppAuth({
          baseUrl: org.info.baseUrl,
          clientId: sa.clientId,
          privateKey: sa.privateKeyPem,
          keyId: sa.keyId,
          onApiCall: (c) => rec.calls.push(c),
          ...(network ? { network } : {}),
          ...opts,
        });
        return auth;
      },
    });
    opened.push(world);
    if (!auth) throw new Error('the world was built without its authenticator');
    return {
      org: world.org,
      auth,
      client: world.client,
      calls: world.rec.calls,
      clientOf: world.clientOf,
      network: world.network,
    };
  };

const tokenRequests = (org: SimulatedOrg) =>
  org.requests.filter((r) => r.path === '/oauth2/v1/token').map((r) => r.status);
const apiStatuses = (org: SimulatedOrg) => org.requests.filter((r) => r.path.startsWith('/api/')).map((r) => r.status);

describeOnPaths('Okta client with a service app (OAuth 2.0, private_key_jwt, DPoP)', (path) => {
  const setup = setupOn(path);
  let s: Setup;
  afterEach(async () => {
    for (const world of opened.splice(0)) await world.close();
  });

  it('does every secret operation; the first token request is answered use_dpop_nonce and retried once with the nonce', async () => {
    s = await setup();
    const { client, org } = s;
    // The proofs' 'htu' is this origin's: http://127.0.0.1:PORT, or https://acme-preview.oktapreview.com.
    assert.equal(new URL(org.info.baseUrl).protocol, path === 'proxied' ? 'https:' : 'http:');
    const app = await client.findWorkflowsApp();
    assert.equal(app.id, org.info.workflowsAppId);
    const [old] = await client.listSecrets(app.id);
    const created = await client.createSecret(app.id);
    assert.ok(created.client_secret);
    assert.equal((await client.getSecret(app.id, created.id)).status, 'ACTIVE');
    await client.deactivateSecret(app.id, old!.id);
    await client.activateSecret(app.id, old!.id);
    await client.deactivateSecret(app.id, old!.id);
    await client.deleteSecret(app.id, old!.id);
    assert.deepEqual(
      org.secrets().map((x) => x.id),
      [created.id],
    );
    assert.deepEqual(tokenRequests(org), [400, 200], 'one nonce round trip, then one token for every call');
    assert.ok(
      apiStatuses(org).every((st) => st >= 200 && st < 300),
      String(apiStatuses(org)),
    );
  });

  it('verifyClientSecret (the unauthenticated probe) still works beside the service app', async () => {
    s = await setup();
    const app = await s.client.findWorkflowsApp();
    const value = s.org.secrets()[0]!.clientSecret;
    assert.equal((await s.client.verifyClientSecret(app, value)).outcome, 'valid');
  });

  it('caches the token: concurrent and later calls share one token request', async () => {
    s = await setup();
    const appId = s.org.info.workflowsAppId;
    await Promise.all(Array.from({ length: 5 }, () => s.client.listSecrets(appId)));
    for (let i = 0; i < 5; i++) await s.client.listSecrets(appId);
    assert.deepEqual(tokenRequests(s.org), [400, 200]);
    assert.equal(apiStatuses(s.org).length, 10);
  });

  it('fetches a new token a minute before the cached one expires, reusing a nonce while it is valid', async () => {
    let now = Date.now();
    s = await setup({ serviceApp: { accessTokenSeconds: 300 } }, { now: () => now });
    const appId = s.org.info.workflowsAppId;
    await s.client.listSecrets(appId);
    now += 300_000 - 61_000; // still fresh
    await s.client.listSecrets(appId);
    assert.deepEqual(tokenRequests(s.org), [400, 200]);
    now += 2_000; // within the last minute: a new token, with the nonce we hold (no second 400)
    await s.client.listSecrets(appId);
    assert.deepEqual(tokenRequests(s.org), [400, 200, 200]);
    now += 3600_000; // the simulator's nonces live 10 minutes: asked for a fresh one, once
    await s.client.listSecrets(appId);
    assert.deepEqual(tokenRequests(s.org), [400, 200, 200, 400, 200]);
    assert.deepEqual(apiStatuses(s.org), [200, 200, 200, 200], 'no 401 was needed');
  });

  it('a short-lived token is used for half its life, not fetched again on every call', async () => {
    let now = Date.now();
    s = await setup({ serviceApp: { accessTokenSeconds: 30 } }, { now: () => now });
    const appId = s.org.info.workflowsAppId;
    await s.client.listSecrets(appId);
    await s.client.listSecrets(appId);
    assert.equal(tokenRequests(s.org).length, 2);
    now += 16_000;
    await s.client.listSecrets(appId);
    assert.equal(tokenRequests(s.org).length, 3);
  });

  it('on a 401 (the token was expired or revoked early) fetches a new token once and retries', async () => {
    s = await setup();
    const appId = s.org.info.workflowsAppId;
    await s.client.listSecrets(appId);
    s.org.expireAccessTokens();
    s.org.clearRequests();
    assert.equal((await s.client.listSecrets(appId)).length, 1);
    assert.deepEqual(
      s.org.requests.map((r) => `${r.path === '/oauth2/v1/token' ? 'token' : 'api'} ${r.status}`),
      ['api 401', 'token 200', 'api 200'],
    );
  });

  it('refreshes only once: a second 401 fails with advice for a service app, not for an API token', async () => {
    s = await setup();
    const appId = s.org.info.workflowsAppId;
    await s.client.listSecrets(appId);
    s.org.clearRequests();
    s.org.faults.failNext(2, { status: 401, path: /^\/api\// });
    const e = await rejection(s.client.listSecrets(appId));
    assert.equal(e.kind, 'invalidToken');
    assert.match(e.advice, /service app/);
    assert.doesNotMatch(e.advice, /API token/);
    assert.deepEqual(
      s.org.requests.map((r) => r.status),
      [401, 200, 401],
    );
  });

  it("answers the API's own DPoP nonce challenge (401 use_dpop_nonce) with the nonce, without a new token", async () => {
    s = await setup({ serviceApp: { apiNonce: true } });
    const appId = s.org.info.workflowsAppId;
    await s.client.listSecrets(appId);
    await s.client.listSecrets(appId);
    assert.deepEqual(tokenRequests(s.org), [400, 200]);
    assert.deepEqual(apiStatuses(s.org), [401, 200, 200], 'one challenge, then the nonce is remembered');
  });

  it('works with an ES256 DPoP key, and with the private key given as a JWK (kid taken from it)', async () => {
    s = await setup();
    const sa = s.org.info.serviceApp!;
    const jwk = { ...createPrivateKey(sa.privateKeyPem).export({ format: 'jwk' }), kid: sa.keyId };
    const auth = new ServiceAppAuth({
      baseUrl: s.org.info.baseUrl,
      clientId: sa.clientId,
      privateKey: JSON.stringify(jwk),
      dpopAlgorithm: 'ES256',
      network: s.network,
    });
    assert.equal(auth.keyId, sa.keyId);
    const client = s.clientOf({ auth });
    assert.equal((await client.createSecret(s.org.info.workflowsAppId)).status, 'ACTIVE');
  });

  it('accepts a PKCS#1 PEM ("BEGIN RSA PRIVATE KEY")', async () => {
    s = await setup();
    const sa = s.org.info.serviceApp!;
    const pkcs1 = createPrivateKey(sa.privateKeyPem).export({ format: 'pem', type: 'pkcs1' }).toString();
    const client = s.clientOf({
      auth: new ServiceAppAuth({
        baseUrl: s.org.info.baseUrl,
        clientId: sa.clientId,
        privateKey: pkcs1,
        keyId: sa.keyId,
        network: s.network,
      }),
    });
    assert.equal((await client.listSecrets(s.org.info.workflowsAppId)).length, 1);
  });

  it('a missing scope on a write: 403 forbidden naming the scope, with advice to grant it', async () => {
    s = await setup({}, { scopes: ['okta.apps.read'] });
    const appId = s.org.info.workflowsAppId;
    assert.equal((await s.client.listSecrets(appId)).length, 1);
    const e = await rejection(s.client.createSecret(appId));
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.errorCode, 'E0000006');
    assert.ok(e.errorId);
    assert.match(e.message, /okta\.apps\.manage/);
    assert.match(e.advice, /grant okta\.apps\.read and okta\.apps\.manage/);
    assert.equal(s.org.secrets().length, 1);
  });

  it('a scope the app was never granted: the token endpoint says invalid_scope, and the advice says what to grant', async () => {
    s = await setup({ serviceApp: { scopes: ['okta.apps.read'] } });
    const e = await rejection(s.client.listSecrets(s.org.info.workflowsAppId));
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.errorCode, 'invalid_scope');
    const host = new URL(s.org.info.baseUrl).host.replace(/\./g, '\\.');
    assert.match(
      e.message,
      new RegExp(`^${host} refused the request: the service app lacks a permission \\(400, invalid_scope\\)`),
    );
    assert.match(e.operation, /^Getting an access token for service app 0oa\w+$/);
    assert.match(e.advice, /grant okta\.apps\.read and okta\.apps\.manage/);
    assert.deepEqual(apiStatuses(s.org), [], 'no API call without a token');
  });

  it('a wrong private key, a wrong client id or a wrong key id: invalid_client, with advice about the key and client id', async () => {
    s = await setup();
    const sa = s.org.info.serviceApp!;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const variants: Array<Partial<ServiceAppAuthOptions>> = [
      { privateKey: other },
      { clientId: '0oaNOTTHESERVICEAPP' },
      { keyId: 'another-key-id' },
    ];
    for (const v of variants) {
      const client = s.clientOf({
        auth: new ServiceAppAuth({
          baseUrl: s.org.info.baseUrl,
          clientId: sa.clientId,
          privateKey: sa.privateKeyPem,
          keyId: sa.keyId,
          network: s.network,
          ...v,
        }),
      });
      const e = await rejection(client.listSecrets(s.org.info.workflowsAppId));
      assert.equal(e.kind, 'invalidToken', JSON.stringify(Object.keys(v)));
      assert.equal(e.errorCode, 'invalid_client');
      assert.match(e.advice, /client id or the private key is wrong, or its public key is not registered/);
      assert.ok(!e.message.includes('BEGIN'), 'no key in the message');
    }
    assert.ok(s.org.requests.every((r) => r.path === '/oauth2/v1/token' && r.status === 401));
  });

  it('a throwing onApiCall of the authenticator fails no token request; its onListenerError is told', async () => {
    const boom = new Error('the log is full');
    const reported: Array<[unknown, string]> = [];
    s = await setup(
      {},
      {
        onApiCall: () => {
          throw boom;
        },
        onListenerError: (e, listener) => reported.push([e, listener]),
      },
    );
    assert.equal((await s.client.listSecrets(s.org.info.workflowsAppId)).length, 1);
    assert.deepEqual(tokenRequests(s.org), [400, 200]);
    assert.deepEqual(reported, [
      [boom, 'onApiCall'],
      [boom, 'onApiCall'],
    ]);
  });

  it('refuses unusable credentials at construction, without echoing them', () => {
    const sa = { baseUrl: 'http://127.0.0.1:9', clientId: '0oaABCDEFGHIJKLMNOPQ' };
    const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases: Array<[unknown, RegExp]> = [
      ['not a key at all', /neither a PEM private key nor a JWK/],
      ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----', /encrypted/],
      ['-----BEGIN PRIVATE KEY-----\nnot base64 at all!!\n-----END PRIVATE KEY-----', /could not be read/],
      [rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(), /neither a PEM private key/],
      [JSON.stringify(rsa.publicKey.export({ format: 'jwk' })), /not a private key/],
      [ec384, /neither RSA \(2048 bits or more\) nor EC P-256/],
    ];
    for (const [privateKey, re] of cases) {
      assert.throws(
        () => new ServiceAppAuth({ ...sa, privateKey: privateKey as string }),
        (e: Error & { kind?: string }) => {
          assert.equal(e.kind, 'input');
          assert.match(e.message, re);
          assert.doesNotMatch(e.message, /AAAA|BEGIN|"n":/);
          return true;
        },
      );
    }
    assert.throws(
      () =>
        new ServiceAppAuth({
          ...sa,
          clientId: ' ',
          privateKey: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        }),
      /client id is missing/,
    );
    assert.throws(
      () =>
        new ServiceAppAuth({
          ...sa,
          baseUrl: 'http://acme.okta.com',
          privateKey: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        }),
      /must use https/,
    );
  });

  it('no private key, access token, assertion or proof in logs, errors, JSON or inspect output', async () => {
    s = await setup({}, { scopes: ['okta.apps.read'] });
    const sa = s.org.info.serviceApp!;
    const appId = s.org.info.workflowsAppId;
    await s.client.listSecrets(appId);
    const e = await rejection(s.client.createSecret(appId));
    const pemBody = sa.privateKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const texts = [
      JSON.stringify(s.calls),
      e.message,
      e.stack ?? '',
      JSON.stringify(e),
      inspect(e, { depth: 5 }),
      JSON.stringify(s.auth),
      inspect(s.auth, { depth: 5, showHidden: true }),
      String(s.auth),
    ];
    for (const text of texts) {
      for (let i = 0; i + 16 <= pemBody.length; i += 16)
        assert.ok(!text.includes(pemBody.slice(i, i + 16)), `key piece in: ${text.slice(0, 80)}`);
      // A JWT's header and payload are both JSON objects, so both segments start "eyJ"; a looser pattern also
      // matched the random key ids and errorIds in these texts about once in a thousand runs.
      assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+/, 'no JWT (token, assertion, proof)');
      assert.doesNotMatch(text, /PRIVATE KEY/);
    }
    assert.ok(
      s.calls.some((c) => c.path === '/oauth2/v1/token'),
      'token requests are logged (path and status only)',
    );
  });
});
