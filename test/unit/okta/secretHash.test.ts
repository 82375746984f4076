// Okta's secret_hash: the pairs Okta publishes, the OpenAPI excerpt's examples, the simulator's own secrets; and a
// list whose values are masked or absent, read through the client: it still parses, a value is matched to its secret
// by hash, a masked value is never taken for the plaintext, and a create's value still arrives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isSecretHash, secretHash, secretMatchesHash, withPlaintextOnly } from '../../../src/okta/secretHash.ts';
import { startSimulator } from '../../../src/simulator/index.ts';
import { rejection, startStubServer, withClientWorld } from './fixture.ts';

/** Published in Okta's developer guide "Client secret rotation and key management" (its list and create answers). */
const GUIDE_PAIRS = [
  ['3ZIqRCzmjcdNPK2Y29x1qSkI5NRHji_eGIm4aKtI', 'jMur1qOhMw_MtC9aQo7YEg'],
  ['D0HxBn1FtTXeYC4cSBwWL_sPMztMT2t6Ei9n1QjO', 'tI4z6TbSw5YYd8RtcClaEw'],
  ['7U_MTFeIoRVHtPTcb4MY0gESLLisXfNRbbob1Quo', 'cfQjsGNDYEn5e3rqJME_jQ'],
] as const;

/** Every object of the spec excerpt holding both a client_secret and a secret_hash (its examples). */
function specPairs(): Array<[string, string]> {
  const spec: unknown = parse(
    readFileSync(new URL('../../fixtures/okta-management-apps-secrets.openapi.yaml', import.meta.url), 'utf8'),
  );
  const out: Array<[string, string]> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.client_secret === 'string' && typeof o.secret_hash === 'string')
      out.push([o.client_secret, o.secret_hash]);
    Object.values(o).forEach(walk);
  };
  walk(spec);
  return out;
}

describe('secret_hash: the first 16 bytes of SHA-256, base64url', () => {
  it("matches every pair of Okta's developer guide", () => {
    for (const [value, hash] of GUIDE_PAIRS) {
      assert.equal(secretHash(value), hash);
      assert.ok(secretMatchesHash(value, hash));
      assert.ok(isSecretHash(hash));
    }
  });

  it('the OpenAPI excerpt\'s examples: every value there is masked ("......"), so none may pass for its hash', () => {
    const pairs = specPairs();
    assert.ok(pairs.length >= 5, `found ${pairs.length} pairs`);
    for (const [value, hash] of pairs) {
      assert.ok(isSecretHash(hash), hash);
      // A masked value is not the secret: were one ever unmasked, it would have to match.
      if (value.includes('......')) assert.equal(secretMatchesHash(value, hash), false, value);
      else assert.ok(secretMatchesHash(value, hash), value);
    }
    // The excerpt gives one masked value three different hashes: they are illustrations, not pairs.
    const [value] = pairs[0]!;
    assert.ok(new Set(pairs.filter(([v]) => v === value).map(([, h]) => h)).size > 1);
  });

  it('refuses what is not a hash, a wrong value, and a hash differing only in its unused last bits', () => {
    const [value, hash] = GUIDE_PAIRS[0];
    assert.equal(secretMatchesHash(`${value}x`, hash), false);
    assert.equal(secretMatchesHash(value, hash.slice(0, 21)), false);
    assert.equal(secretMatchesHash(value, `${hash}=`), false);
    assert.equal(secretMatchesHash(value, hash.replace(/g$/, 'h')), false, 'the same 16 bytes, another spelling');
    assert.equal(secretMatchesHash(value, 'jMur1qOhMw/MtC9aQo7YEg'), false, 'base64, not base64url');
    assert.equal(isSecretHash(undefined), false);
  });

  it('withPlaintextOnly drops a masked value, keeps the plaintext, and keeps a value with no hash to check', () => {
    const [value, hash] = GUIDE_PAIRS[1];
    const masked = { id: 'ocs1', client_secret: `${value.slice(0, 12)}......${value.slice(-22)}`, secret_hash: hash };
    assert.deepEqual(withPlaintextOnly(masked), { id: 'ocs1', secret_hash: hash });
    assert.deepEqual(withPlaintextOnly({ client_secret: value, secret_hash: hash }), {
      client_secret: value,
      secret_hash: hash,
    });
    assert.deepEqual(withPlaintextOnly({ client_secret: value }), { client_secret: value });
  });

  it('the simulator hashes its secrets the same way (seeded, generated and supplied), and lists that hash', async () => {
    const sim = await startSimulator({
      orgs: [{ name: 'h', environment: 'preview', secrets: [{}, { clientSecret: GUIDE_PAIRS[2][0] }] }],
    });
    try {
      const org = sim.org('h');
      const extra = org.addApp({ name: 'oidc_client', label: 'Hashes' });
      for (const s of [...org.secrets(), ...org.secrets(extra)]) assert.equal(s.secretHash, secretHash(s.clientSecret));
      assert.equal(org.secrets()[1]!.secretHash, GUIDE_PAIRS[2][1]);
      const res = await fetch(`${org.info.baseUrl}/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`, {
        headers: { Authorization: `SSWS ${org.info.apiToken}` },
      });
      const listed = (await res.json()) as Array<{ client_secret: string; secret_hash: string }>;
      for (const s of listed) assert.ok(secretMatchesHash(s.client_secret, s.secret_hash));
    } finally {
      await sim.close();
    }
  });
});

describe('Okta client: secret lists without plaintext', () => {
  const world = withClientWorld({
    orgs: [
      { name: 'absent', environment: 'production', listPlaintext: false, decoyApps: 0 },
      { name: 'masked', environment: 'preview', listPlaintext: 'masked', decoyApps: 0 },
    ],
  });

  it('a list without client_secret parses; a pasted value is found by its hash; a create still returns its value', async () => {
    const { client, appId, org } = world();
    const [listed] = await client.listSecrets(appId);
    assert.equal(listed!.client_secret, undefined);
    const [seeded] = org.secrets();
    assert.equal(listed!.secret_hash, seeded!.secretHash);
    const created = await client.createSecret(appId);
    assert.equal(created.client_secret, org.secrets()[1]!.clientSecret, "the create's answer carries the value");
    const all = await client.listSecrets(appId);
    assert.ok(all.every((s) => s.client_secret === undefined));
    const pasted = seeded!.clientSecret;
    assert.deepEqual(
      all.filter((s) => s.secret_hash && secretMatchesHash(pasted, s.secret_hash)).map((s) => s.id),
      [seeded!.id],
    );
    assert.equal((await client.getSecret(appId, seeded!.id)).client_secret, undefined);
  });

  it('a masked value is dropped, never taken for the plaintext (list, get, deactivate)', async () => {
    const masked = world().sim.org('masked');
    const client = world().clientOf({ org: masked });
    const appId = masked.info.workflowsAppId;
    const raw = (await (
      await fetch(`${masked.info.baseUrl}/api/v1/apps/${appId}/credentials/secrets`, {
        headers: { Authorization: `SSWS ${masked.info.apiToken}` },
      })
    ).json()) as Array<{ client_secret: string }>;
    assert.match(raw[0]!.client_secret, /\.\.\.\.\.\./, 'the simulator masks the value');
    const [listed] = await client.listSecrets(appId);
    assert.equal(listed!.client_secret, undefined);
    const created = await client.createSecret(appId);
    assert.ok(created.client_secret && secretMatchesHash(created.client_secret, created.secret_hash!));
    const deactivated = await client.deactivateSecret(appId, listed!.id);
    assert.deepEqual([deactivated.status, deactivated.client_secret], ['INACTIVE', undefined]);
  });

  it("a lost create's answer, without plaintext in the list: the new secret is reported by id, its value unknown", async () => {
    const { client, appId, org } = world();
    org.faults.dropResponseAfterCommit({ method: 'POST', path: /\/credentials\/secrets$/ });
    const e = await rejection(client.createSecret(appId));
    assert.equal(e.kind, 'outcomeUnknown');
    const orphan = org.secrets()[1]!;
    assert.equal(e.orphanSecretId, orphan.id);
    assert.ok(!e.message.includes(orphan.clientSecret));
  });

  it('a secret_hash that is not 22 base64url characters breaks the contract (stub: the simulator never sends one)', async () => {
    const stub = await startStubServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify([
          { id: 'ocs1abcdEFGH2345ijkl', status: 'ACTIVE', secret_hash: 'not/a+hash', created: 'x', lastUpdated: 'x' },
        ]),
      );
    });
    try {
      const e = await rejection(stub.client().listSecrets('0oa1abcdEFGH2345ijkl'));
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /secret_hash/);
    } finally {
      await stub.close();
    }
  });
});
