// The simulator's service app over raw HTTP: the client-credentials token endpoint (private_key_jwt checked
// against the registered key, DPoP proofs and nonces, scopes) and DPoP-bound tokens on the management API.
// Requests are built by hand here, so every refusal can be provoked one at a time.
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { accessTokenHash, publicJwkOf, signJwt } from '../../../src/okta/oauth/jwt.ts';
import { startSimulator, type OrgSeed, type SimulatedOrg, type Simulator } from '../../../src/simulator/index.ts';
import { call, probe, secretsPath } from './helpers.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const dpopKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const otherDpopKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

interface Res {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

class Caller {
  readonly org: SimulatedOrg;
  readonly key: KeyObject | undefined;
  now = () => Math.floor(Date.now() / 1000);
  constructor(org: SimulatedOrg) {
    this.org = org;
    this.key = org.info.serviceApp ? createPrivateKey(org.info.serviceApp.privateKeyPem) : undefined;
  }
  get tokenUrl() {
    return `${this.org.info.baseUrl}/oauth2/v1/token`;
  }
  assertion(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key = this.key!): string {
    const id = this.org.info.serviceApp!.clientId;
    const iat = this.now();
    return signJwt(
      { kid: this.org.info.serviceApp!.keyId, ...header },
      { iss: id, sub: id, aud: this.tokenUrl, iat, exp: iat + 300, jti: randomUUID(), ...claims },
      key,
      'RS256',
    );
  }
  proof(method: string, url: string, extra: Record<string, unknown> = {}, key = dpopKey): string {
    return signJwt(
      { typ: 'dpop+jwt', jwk: publicJwkOf(key) },
      { htm: method, htu: url, iat: this.now(), jti: randomUUID(), ...extra },
      key,
      'ES256',
    );
  }
  async token(opts: { assertion?: string; dpop?: string | null; scope?: string; grant?: string } = {}): Promise<Res> {
    const form = new URLSearchParams({
      grant_type: opts.grant ?? 'client_credentials',
      scope: opts.scope ?? 'okta.apps.read okta.apps.manage',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: opts.assertion ?? this.assertion(),
    });
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (opts.dpop !== null) headers.DPoP = opts.dpop ?? this.proof('POST', this.tokenUrl);
    const res = await fetch(this.tokenUrl, { method: 'POST', headers, body: form.toString() });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }
  /** The nonce dance, then a token. */
  async accessToken(scope?: string): Promise<string> {
    const first = await this.token({ ...(scope ? { scope } : {}) });
    assert.equal(first.body.error, 'use_dpop_nonce');
    const nonce = first.headers.get('dpop-nonce')!;
    const second = await this.token({
      dpop: this.proof('POST', this.tokenUrl, { nonce }),
      ...(scope ? { scope } : {}),
    });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    return second.body.access_token as string;
  }
  async api(
    method: string,
    path: string,
    token: string,
    opts: { proof?: string | null; scheme?: string; proofExtra?: Record<string, unknown>; key?: KeyObject } = {},
  ): Promise<Res> {
    const url = `${this.org.info.baseUrl}${path}`;
    const headers: Record<string, string> = {
      Authorization: `${opts.scheme ?? 'DPoP'} ${token}`,
      Accept: 'application/json',
    };
    if (opts.proof !== null)
      headers.DPoP =
        opts.proof ?? this.proof(method, url, { ath: accessTokenHash(token), ...opts.proofExtra }, opts.key);
    const body = method === 'POST' ? '{}' : undefined;
    if (body) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }
}

describe('simulator: service app (client credentials, private_key_jwt, DPoP)', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  let c: Caller;
  async function start(seed: Partial<OrgSeed> = {}, now?: () => number) {
    sim = await startSimulator({
      orgs: [{ name: 'acme-preview', environment: 'preview', ...seed }],
      ...(now ? { now } : {}),
    });
    org = sim.org('acme-preview');
    c = new Caller(org);
  }
  afterEach(() => sim?.close());

  it('every org has a service app by default: client id, key id, a PKCS#8 private key, both scopes', async () => {
    sim = await startSimulator();
    for (const info of sim.orgs) {
      const sa = info.serviceApp!;
      assert.match(sa.clientId, /^0oa[A-Za-z0-9]{17}$/);
      assert.notEqual(sa.clientId, info.clientId);
      assert.ok(sa.keyId.length > 20);
      assert.match(sa.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
      assert.deepEqual(sa.scopes, ['okta.apps.read', 'okta.apps.manage']);
    }
    assert.notEqual(sim.orgs[0]!.serviceApp!.clientId, sim.orgs[1]!.serviceApp!.clientId);
  });

  it('serviceApp: false leaves it out, and an assertion then gets invalid_client', async () => {
    await start({ serviceApp: false });
    assert.equal(org.info.serviceApp, undefined);
    const res = await fetch(`${org.info.baseUrl}/oauth2/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: 'x.y.z',
      }).toString(),
    });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: string }).error, 'invalid_client');
  });

  it('without DPoP: invalid_dpop_proof; without a nonce: use_dpop_nonce and a DPoP-Nonce header; with it: a DPoP token', async () => {
    await start();
    const bare = await c.token({ dpop: null });
    assert.deepEqual([bare.status, bare.body.error], [400, 'invalid_dpop_proof']);
    const first = await c.token();
    assert.deepEqual([first.status, first.body.error], [400, 'use_dpop_nonce']);
    const nonce = first.headers.get('dpop-nonce');
    assert.ok(nonce && nonce.length >= 16);
    const second = await c.token({ dpop: c.proof('POST', c.tokenUrl, { nonce }) });
    assert.equal(second.status, 200);
    assert.equal(second.body.token_type, 'DPoP');
    assert.equal(second.body.expires_in, 3600);
    assert.equal(second.body.scope, 'okta.apps.read okta.apps.manage');
    assert.equal(second.headers.get('cache-control'), 'no-cache, no-store');
    const claims = JSON.parse(Buffer.from(String(second.body.access_token).split('.')[1]!, 'base64url').toString()) as {
      cnf: { jkt: string };
    };
    assert.ok(claims.cnf.jkt, 'bound to the DPoP key (cnf.jkt)');
    assert.equal(
      (await c.token({ dpop: c.proof('POST', c.tokenUrl, { nonce: 'made-up' }) })).body.error,
      'use_dpop_nonce',
    );
  });

  it('refuses bad client assertions with invalid_client: signature, kid, aud, iss/sub, expiry, exp over an hour, replayed jti', async () => {
    await start();
    const nonce = (await c.token()).headers.get('dpop-nonce')!;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const iat = c.now();
    const replayed = c.assertion();
    const cases: Array<[string, string, RegExp]> = [
      ['other key', c.assertion({}, {}, other), /signature is invalid/],
      ['other kid', c.assertion({}, { kid: 'nope' }), /'kid'/],
      ['wrong aud', c.assertion({ aud: `${org.info.baseUrl}/oauth2/default/v1/token` }), /'aud'/],
      [
        'other iss',
        c.assertion({ iss: '0oaSOMEBODYELSE0000', sub: '0oaSOMEBODYELSE0000' }),
        /Client authentication failed/,
      ],
      ['sub differs', c.assertion({ sub: 'someone' }), /'sub'/],
      ['expired', c.assertion({ iat: iat - 600, exp: iat - 60 }), /expired/],
      ['too long', c.assertion({ exp: iat + 7200 }), /more than one hour/],
      ['not a JWT', 'abc', /not a valid JWT/],
    ];
    for (const [what, assertion, re] of cases) {
      const r = await c.token({ assertion, dpop: c.proof('POST', c.tokenUrl, { nonce }) });
      assert.equal(r.status, 401, what);
      assert.equal(r.body.error, 'invalid_client', what);
      assert.match(String(r.body.error_description), re, what);
    }
    assert.equal((await c.token({ assertion: replayed, dpop: c.proof('POST', c.tokenUrl, { nonce }) })).status, 200);
    const again = await c.token({ assertion: replayed, dpop: c.proof('POST', c.tokenUrl, { nonce }) });
    assert.deepEqual([again.status, again.body.error], [401, 'invalid_client']);
    assert.match(String(again.body.error_description), /'jti' that has already been used/);
  });

  it('refuses bad DPoP proofs at the token endpoint: replayed, wrong htm/htu, stale, wrong typ, private jwk', async () => {
    await start();
    const nonce = (await c.token()).headers.get('dpop-nonce')!;
    const good = c.proof('POST', c.tokenUrl, { nonce });
    assert.equal((await c.token({ dpop: good })).status, 200);
    const replay = await c.token({ dpop: good });
    assert.deepEqual([replay.status, replay.body.error], [400, 'invalid_dpop_proof']);
    assert.match(String(replay.body.error_description), /already been used/);
    const jwkWithD = { ...dpopKey.export({ format: 'jwk' }) };
    const cases: Array<[string, string]> = [
      ['htm', c.proof('GET', c.tokenUrl, { nonce })],
      ['htu', c.proof('POST', `${c.tokenUrl}x`, { nonce })],
      ['stale iat', c.proof('POST', c.tokenUrl, { nonce, iat: c.now() - 3600 })],
      [
        'typ',
        signJwt(
          { typ: 'JWT', jwk: publicJwkOf(dpopKey) },
          { htm: 'POST', htu: c.tokenUrl, iat: c.now(), jti: randomUUID(), nonce },
          dpopKey,
          'ES256',
        ),
      ],
      [
        'private jwk',
        signJwt(
          { typ: 'dpop+jwt', jwk: jwkWithD },
          { htm: 'POST', htu: c.tokenUrl, iat: c.now(), jti: randomUUID(), nonce },
          dpopKey,
          'ES256',
        ),
      ],
      [
        'signed by another key',
        signJwt(
          { typ: 'dpop+jwt', jwk: publicJwkOf(dpopKey) },
          { htm: 'POST', htu: c.tokenUrl, iat: c.now(), jti: randomUUID(), nonce },
          otherDpopKey,
          'ES256',
        ),
      ],
    ];
    for (const [what, dpop] of cases) {
      const r = await c.token({ dpop });
      assert.deepEqual([r.status, r.body.error], [400, 'invalid_dpop_proof'], what);
    }
  });

  it('scopes: a scope not granted is invalid_scope; other grants are unauthorized_client', async () => {
    await start({ serviceApp: { scopes: ['okta.apps.read'] } });
    const nonce = (await c.token({ scope: 'okta.apps.read' })).headers.get('dpop-nonce')!;
    const r = await c.token({ dpop: c.proof('POST', c.tokenUrl, { nonce }) });
    assert.deepEqual([r.status, r.body.error], [400, 'invalid_scope']);
    assert.match(String(r.body.error_description), /okta\.apps\.manage/);
    assert.equal(
      (await c.token({ grant: 'authorization_code', dpop: c.proof('POST', c.tokenUrl, { nonce }) })).body.error,
      'unauthorized_client',
    );
    assert.equal(
      (await c.token({ scope: 'okta.apps.read', dpop: c.proof('POST', c.tokenUrl, { nonce }) })).status,
      200,
    );
  });

  it('the API takes a DPoP-bound token only with a matching proof: ath, key thumbprint, htu, jti, scheme', async () => {
    await start();
    const token = await c.accessToken();
    const path = secretsPath(org.info.workflowsAppId);
    const url = `${org.info.baseUrl}${path}`;
    assert.equal((await c.api('GET', path, token)).status, 200);
    const cases: Array<[string, Parameters<Caller['api']>[3]]> = [
      ['no proof', { proof: null }],
      ['Bearer scheme', { scheme: 'Bearer' }],
      ['no ath', { proof: c.proof('GET', url) }],
      ['wrong ath', { proofExtra: { ath: accessTokenHash('another-token') } }],
      ['another key', { key: otherDpopKey }],
      ['query in htu', { proofExtra: { htu: `${url}?limit=1` } }],
    ];
    for (const [what, opts] of cases) {
      const r = await c.api('GET', path, token, opts);
      assert.equal(r.status, 401, what);
      assert.equal(r.body.errorCode, 'E0000011', what);
      assert.match(r.headers.get('www-authenticate') ?? '', /^DPoP .*error="(invalid_dpop_proof|invalid_token)"/, what);
    }
    const proof = c.proof('GET', url, { ath: accessTokenHash(token) });
    assert.equal((await c.api('GET', path, token, { proof })).status, 200);
    assert.equal((await c.api('GET', path, token, { proof })).status, 401, 'a replayed proof is refused');
    assert.equal((await call(org, 'GET', path)).status, 200, 'SSWS tokens still work');
  });

  it('enforces scopes on the API: reading with okta.apps.read, writing needs okta.apps.manage (403 E0000006 naming it)', async () => {
    await start();
    const readOnly = await c.accessToken('okta.apps.read');
    const path = secretsPath(org.info.workflowsAppId);
    assert.equal((await c.api('GET', path, readOnly)).status, 200);
    const denied = await c.api('POST', path, readOnly);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.errorCode, 'E0000006');
    assert.deepEqual(denied.body.errorCauses, [
      { errorSummary: 'The access token provided does not contain the required scopes: okta.apps.manage.' },
    ]);
    assert.match(denied.headers.get('www-authenticate') ?? '', /insufficient_scope/);
    assert.equal(org.secrets().length, 1);
    const manage = await c.accessToken('okta.apps.manage');
    assert.equal((await c.api('POST', path, manage)).status, 201);
    assert.equal((await c.api('GET', path, manage)).status, 200, 'manage includes reading');
  });

  it('tokens expire (configurable lifetime) on the simulator clock, and can be expired at once', async () => {
    let now = Date.now();
    await start({ serviceApp: { accessTokenSeconds: 120 } }, () => now);
    c.now = () => Math.floor(now / 1000);
    const path = secretsPath(org.info.workflowsAppId);
    const token = await c.accessToken();
    assert.equal((await c.api('GET', path, token)).status, 200);
    now += 121_000;
    const expired = await c.api('GET', path, token);
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    const fresh = await c.accessToken();
    assert.equal((await c.api('GET', path, fresh)).status, 200);
    org.expireAccessTokens();
    assert.equal((await c.api('GET', path, fresh)).status, 401);
  });

  it('apiNonce: the API demands its own nonce (401 use_dpop_nonce + DPoP-Nonce), then accepts it', async () => {
    await start({ serviceApp: { apiNonce: true } });
    const token = await c.accessToken();
    const path = secretsPath(org.info.workflowsAppId);
    const first = await c.api('GET', path, token);
    assert.equal(first.status, 401);
    assert.match(first.headers.get('www-authenticate') ?? '', /error="use_dpop_nonce"/);
    const nonce = first.headers.get('dpop-nonce')!;
    assert.equal((await c.api('GET', path, token, { proofExtra: { nonce } })).status, 200);
  });

  it('leaves the secret probe (authorization_code with the Workflows app secret) as it was', async () => {
    await start();
    assert.equal((await probe(org, org.secrets()[0]!.clientSecret)).body.error, 'invalid_grant');
    assert.equal((await probe(org, 'wrong-secret-value')).body.error, 'invalid_client');
  });
});
