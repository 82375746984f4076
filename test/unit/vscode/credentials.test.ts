// Per-org credentials: the stored form (tagged JSON, older bare tokens still read), what a person may type or
// pick for a service app, the choice Add Org offers, and the clients the VS Code layer builds from each kind,
// against the simulator over HTTP. SecretStorage and the log channel exist only in VS Code: the store is a Map
// behind the same `get`, the log a recorder; everything else is real.
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { startSimulator, type Simulator } from '../../../src/simulator/index.ts';
import { parseOrgInput } from '../../../src/okta/orgInput.ts';
import { isOktaError } from '../../../src/okta/errors.ts';
import { OktaClients, type CredentialSource } from '../../../src/vscode/connection/oktaClients.ts';
import type { Log } from '../../../src/vscode/platform/log.ts';
import {
  describeCredential,
  parseStoredCredential,
  secretValuesOf,
  serializeCredential,
  setCommandFor,
  type OrgCredential,
} from '../../../src/orgs/orgCredential.ts';
import {
  CREDENTIAL_METHODS,
  defaultMethod,
  readPrivateKey,
  validateClientId,
  validateKeyId,
} from '../../../src/orgs/credentialInput.ts';
import { presentFailure } from '../../../src/fleet/tree/failurePresentation.ts';
import { errorActions } from '../../../src/orgs/errorActions.ts';
import { waitMessage } from '../../../src/vscode/platform/waitMessage.ts';
import { OktaError } from '../../../src/okta/errors.ts';
import { redact } from '../../../src/redact.ts';
import type { OrgConfig } from '../../../src/orgs/orgConfig.ts';

const TOKEN = '00abcDEFghiJKLmnoPQRstuVWXyz0123456789ABCD';

describe('credentials: the stored form', () => {
  it('reads an entry written before service apps (the bare token) as an API token', () => {
    assert.deepEqual(parseStoredCredential(TOKEN), { ok: true, credential: { type: 'apiToken', token: TOKEN } });
    assert.deepEqual(parseStoredCredential(` ${TOKEN}\n`), {
      ok: true,
      credential: { type: 'apiToken', token: TOKEN },
    });
  });

  it('round-trips both kinds through the tagged JSON, key id optional', () => {
    const all: OrgCredential[] = [
      { type: 'apiToken', token: TOKEN },
      {
        type: 'serviceApp',
        clientId: '0oa1serviceApp00001',
        privateKey: '-----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY-----',
      },
      {
        type: 'serviceApp',
        clientId: '0oa1serviceApp00001',
        keyId: 'kid-1',
        privateKey: '{"kty":"EC","crv":"P-256","d":"abc","x":"1","y":"2"}',
      },
    ];
    for (const c of all) {
      const stored = serializeCredential(c);
      assert.ok(stored.startsWith('{"type":'), stored.slice(0, 20));
      assert.deepEqual(parseStoredCredential(stored), { ok: true, credential: c });
    }
  });

  it('refuses malformed records with a reason that never carries the value', () => {
    const cases = [
      '{"type":"serviceApp","clientId":"0oa1serviceApp00001"}',
      '{"type":"apiToken","token":"SECRETVALUE-1234567","extra":1}',
      '{"type":"password","value":"SECRETVALUE-1234567"}',
      '{not json SECRETVALUE-1234567',
      'two words SECRETVALUE-1234567',
    ];
    for (const raw of cases) {
      const r = parseStoredCredential(raw);
      assert.equal(r.ok, false, raw);
      assert.ok(!r.ok && !r.reason.includes('SECRETVALUE'), !r.ok ? r.reason : '');
    }
  });

  it('names the secret values to mask, and describes a credential without them', () => {
    assert.deepEqual(secretValuesOf({ type: 'apiToken', token: TOKEN }), [TOKEN]);
    assert.deepEqual(secretValuesOf({ type: 'serviceApp', clientId: 'c0123456', privateKey: 'PRIVATE-KEY-TEXT' }), [
      'PRIVATE-KEY-TEXT',
    ]);
    assert.equal(describeCredential({ type: 'apiToken' }), 'API token');
    assert.equal(describeCredential({ type: 'serviceApp', clientId: '0oa1x' }), 'OAuth service app 0oa1x');
  });
});

describe("credentials: Add Org's choice and the fix that matches the org's kind", () => {
  it("offers the API token and the service app, the org's current kind (else the token) preselected", () => {
    assert.deepEqual(
      CREDENTIAL_METHODS.map((m) => [m.label, m.type]),
      [
        ['API token', 'apiToken'],
        ['OAuth service app (least privilege)', 'serviceApp'],
      ],
    );
    assert.equal(defaultMethod(undefined), 'apiToken');
    assert.equal(defaultMethod('serviceApp'), 'serviceApp');
    assert.deepEqual(setCommandFor('apiToken'), { command: 'oktaWorkflows.setApiToken', title: 'Set API Token' });
    assert.deepEqual(setCommandFor('serviceApp'), {
      command: 'oktaWorkflows.setServiceApp',
      title: 'Set OAuth Service App',
    });
  });

  it('a refused credential is fixed by one of the same kind, in the tree and in the error message', () => {
    const refused = new OktaError({
      kind: 'invalidToken',
      operation: 'Listing apps',
      org: 'acme.okta.com',
      status: 401,
    });
    const forbidden = new OktaError({
      kind: 'forbidden',
      operation: 'Listing apps',
      org: 'acme.okta.com',
      status: 403,
    });
    assert.equal(presentFailure(refused).action, 'setApiToken');
    assert.equal(presentFailure(refused, 'serviceApp').action, 'setServiceApp');
    assert.match(presentFailure(refused, 'serviceApp').label, /client id and private key/);
    assert.equal(presentFailure(forbidden, 'serviceApp').action, 'setServiceApp');
    assert.match(presentFailure(forbidden, 'serviceApp').label, /okta\.apps\.read and okta\.apps\.manage/);
    assert.deepEqual(errorActions(refused, 'serviceApp'), ['Set OAuth Service App', 'Show Log']);
    assert.deepEqual(errorActions(refused), ['Set API Token', 'Show Log']);
  });
});

describe('credentials: what a person types for a service app', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const jwk = { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'key-2026' };

  it('takes a PEM as pasted (surrounding text dropped), and refuses public keys, certificates and encrypted keys', () => {
    const r = readPrivateKey(`\n${pem}\n`);
    assert.ok(r.ok && r.format === 'pem' && r.keyId === undefined);
    assert.ok(r.ok && createPrivateKey(r.privateKey).asymmetricKeyType === 'rsa');
    const publicPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    assert.match((readPrivateKey(publicPem) as { message: string }).message, /public key/);
    assert.match(
      (
        readPrivateKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----') as {
          message: string;
        }
      ).message,
      /encrypted/,
    );
    assert.match((readPrivateKey(pem.slice(0, 200)) as { message: string }).message, /incomplete/);
  });

  it('takes a PEM whose line breaks an input box dropped (pasted on one line, or with spaces)', () => {
    // VS Code's input box is an HTML input: a pasted PEM arrives on one line, which Node refuses as it is.
    for (const flattened of [pem.replace(/\r?\n/g, ''), pem.replace(/\n/g, ' ')]) {
      assert.throws(() => createPrivateKey(flattened));
      const r = readPrivateKey(flattened);
      assert.ok(r.ok && r.format === 'pem');
      assert.ok(r.ok && createPrivateKey(r.privateKey).asymmetricKeyType === 'rsa');
      assert.ok(r.ok && createPrivateKey(r.privateKey).export({ format: 'jwk' }).d === jwk.d, 'the same key');
    }
  });

  it('no message of the private-key checks is eaten by redact(): none quotes a BEGIN line', () => {
    for (const text of ['', 'not a key', pem.slice(0, 200)]) {
      const r = readPrivateKey(text);
      assert.ok(!r.ok && redact(r.message) === r.message, r.ok ? '' : r.message);
    }
  });

  it('takes a private JWK (or a set holding one) with its kid as the key id; refuses a public JWK', () => {
    const r = readPrivateKey(JSON.stringify(jwk, null, 2));
    assert.ok(r.ok && r.format === 'jwk' && r.keyId === 'key-2026');
    assert.ok(r.ok && createPrivateKey({ key: JSON.parse(r.privateKey), format: 'jwk' }).asymmetricKeyType === 'rsa');
    const set = readPrivateKey(JSON.stringify({ keys: [jwk] }));
    assert.ok(set.ok && set.keyId === 'key-2026');
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    const pub = readPrivateKey(JSON.stringify(publicJwk));
    assert.ok(!pub.ok && /public key/.test(pub.message));
    assert.ok(!readPrivateKey('{"keys":[]}').ok);
    assert.ok(!readPrivateKey('not a key').ok);
  });

  it('never repeats the key in a message', () => {
    for (const text of [pem.slice(0, 300), JSON.stringify({ ...jwk, kty: undefined }), `${pem.slice(30, 90)}`]) {
      const r = readPrivateKey(text);
      assert.ok(!r.ok);
      assert.ok(!r.message.includes(pem.slice(40, 70)) && !r.message.includes(String(jwk.d).slice(0, 20)), r.message);
    }
  });

  it('checks the client id and the optional key id', () => {
    assert.equal(validateClientId('0oa1serviceApp00001'), undefined);
    assert.ok(validateClientId('has space'));
    assert.ok(validateClientId('abc'));
    assert.equal(validateKeyId(''), undefined);
    assert.equal(validateKeyId('kid-1'), undefined);
    assert.ok(validateKeyId('two words'));
  });
});

describe('credentials: the clients built from each kind, against the simulator', () => {
  let sim: Simulator;
  const logged: string[] = [];
  const known: string[] = [];
  const log = {
    addKnownSecret: (v: string) => known.push(v),
    apiCall: (org: string, c: { method: string; path: string; status: number | string }) =>
      logged.push(`${org} ${c.method} ${c.path} ${c.status}`),
    error: () => undefined,
  } as unknown as Log;
  const stored = new Map<string, OrgCredential>();
  const store: CredentialSource = {
    get: async (key: string) => stored.get(key),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  let maxWaitMs = 65_000;
  let clients: OktaClients;
  let org: OrgConfig;

  before(async () => {
    sim = await startSimulator({ orgs: [{ name: 'acme-preview', environment: 'preview', decoyApps: 2 }] });
    const info = sim.orgs[0]!;
    const address = parseOrgInput(info.baseUrl, { allowLoopback: true });
    org = { key: address.host, label: 'Acme Preview', environment: 'preview', address };
    clients = new OktaClients(store, log, () => ({ timeoutMs: 5000, maxRateLimitWaitMs: maxWaitMs }));
  });
  after(async () => {
    clients.dispose();
    await sim.close();
  });

  it('an API token and a service app (PEM, or JWK read by readPrivateKey) both find the Workflows app', async () => {
    const info = sim.orgs[0]!;
    const key = readPrivateKey(info.serviceApp!.privateKeyPem);
    assert.ok(key.ok);
    const jwkText = JSON.stringify({
      ...createPrivateKey(info.serviceApp!.privateKeyPem).export({ format: 'jwk' }),
      kid: info.serviceApp!.keyId,
    });
    const jwk = readPrivateKey(jwkText);
    assert.ok(jwk.ok && jwk.keyId === info.serviceApp!.keyId);
    const credentials: OrgCredential[] = [
      { type: 'apiToken', token: info.apiToken },
      {
        type: 'serviceApp',
        clientId: info.serviceApp!.clientId,
        keyId: info.serviceApp!.keyId,
        privateKey: key.privateKey,
      },
      { type: 'serviceApp', clientId: info.serviceApp!.clientId, keyId: jwk.keyId!, privateKey: jwk.privateKey },
    ];
    for (const c of credentials) {
      const client = await clients.withCredential(org, c);
      try {
        const app = await client.findWorkflowsApp();
        assert.equal(app.id, info.workflowsAppId);
      } finally {
        await client.close();
      }
      for (const v of secretValuesOf(c)) assert.ok(known.includes(v), 'the log masks the credential');
    }
    assert.ok(
      logged.some((l) => l.includes('/oauth2/v1/token 200')),
      'the service app fetched an access token',
    );
  });

  it('a service app with the wrong key is refused with advice about the client id and key, before anything is stored', async () => {
    const info = sim.orgs[0]!;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const client = await clients.withCredential(org, {
      type: 'serviceApp',
      clientId: info.serviceApp!.clientId,
      privateKey: other,
    });
    try {
      await assert.rejects(
        client.findWorkflowsApp(),
        (e: unknown) =>
          isOktaError(e) && /client id|private key/i.test(e.message) && !e.message.includes(other.slice(40, 80)),
      );
    } finally {
      await client.close();
    }
    await assert.rejects(
      clients.withCredential(org, {
        type: 'serviceApp',
        clientId: info.serviceApp!.clientId,
        privateKey: 'not a key at all, but long enough',
      }),
      (e: unknown) => isOktaError(e, 'input'),
    );
  });

  it('the stored credential decides the client; none stored is an error that says how to sign in', async () => {
    stored.delete(org.key);
    await assert.rejects(
      clients.get(org),
      (e: unknown) => isOktaError(e, 'invalidToken') && /Set API Token.*Set OAuth Service App/.test(e.message),
    );
    stored.set(org.key, { type: 'apiToken', token: sim.orgs[0]!.apiToken });
    const a = await clients.get(org);
    assert.equal(await clients.get(org), a, 'the same credential keeps its client');
    stored.set(org.key, {
      type: 'serviceApp',
      clientId: sim.orgs[0]!.serviceApp!.clientId,
      privateKey: sim.orgs[0]!.serviceApp!.privateKeyPem,
    });
    const b = await clients.get(org);
    assert.notEqual(b, a, 'a changed credential gets a new client');
    assert.equal((await b.findWorkflowsApp()).id, sim.orgs[0]!.workflowsAppId);
  });

  it('rate-limit waits are announced with their length; the setting bounds them (0: never wait)', async () => {
    const info = sim.orgs[0]!;
    stored.set(org.key, { type: 'apiToken', token: info.apiToken });
    sim.org('acme-preview').setRateLimit(1);
    const waits: Array<[string, string, number]> = [];
    const sub = clients.onWait((key, reason, ms) => waits.push([key, reason, ms]));
    try {
      // Waiting: the hook fires before the wait (then Cancel stops it, as in the progress notification).
      const client = await clients.get(org);
      await client.getApp(info.workflowsAppId);
      const abort = new AbortController();
      const off = clients.onWait(() => abort.abort());
      await assert.rejects(client.getApp(info.workflowsAppId, abort.signal), (e: unknown) =>
        isOktaError(e, 'cancelled'),
      );
      off.dispose();
      const [key, reason, ms] = waits.at(-1)!;
      assert.deepEqual([key, reason], [org.key, 'rateLimit']);
      assert.ok(ms > 0 && ms <= 62_000, String(ms)); // until the reset (whole seconds) plus one second
      assert.match(waitMessage('rateLimit', ms)!, /^Okta rate limit reached: waiting \d+ s \(Cancel to stop\)$/);
      // Not waiting: a new client (the setting changed) fails at once with the time to try again.
      maxWaitMs = 0;
      const count = waits.length;
      await assert.rejects(
        (await clients.get(org)).getApp(info.workflowsAppId),
        (e: unknown) => isOktaError(e, 'rateLimited') && e.retryAt instanceof Date,
      );
      assert.equal(waits.length, count, 'no wait with maxRateLimitWaitSeconds 0');
    } finally {
      sub.dispose();
      maxWaitMs = 65_000;
      sim.org('acme-preview').setRateLimit(100);
    }
  });

  it('wait messages: a 429 always, a retry only when it is long enough to notice', () => {
    assert.equal(waitMessage('rateLimit', 60_200), 'Okta rate limit reached: waiting 61 s (Cancel to stop)');
    assert.equal(
      waitMessage('rateLimit', 61_000, 'Acme'),
      'Acme: Okta rate limit reached: waiting 61 s (Cancel to stop)',
    );
    assert.equal(waitMessage('retry', 300), undefined);
    assert.equal(waitMessage('retry', 2000), 'No answer from Okta: trying again in 2 s');
  });
});
