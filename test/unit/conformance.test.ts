// Conformance: every kind of answer the simulator gives is checked against Okta's OpenAPI excerpt (the in-repo
// copy test/fixtures/okta-management-apps-secrets.openapi.yaml of ../shared/okta/…): the status must be one the
// spec lists for the operation, and the body must match that response's schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { specChecker } from '../support/specConformance.ts';

const SPEC_FILE = new URL('../fixtures/okta-management-apps-secrets.openapi.yaml', import.meta.url);

/**
 * Statuses the simulator answers that Okta's excerpt does not list for the operation, though real Okta answers
 * them too (a bad token is 401 everywhere; a bad filter is 400; an unknown app on create is 404). Asserted to
 * be absent from the spec, so this list goes stale loudly if the spec changes.
 */
const NOT_IN_SPEC: Record<string, string[]> = {
  listApplications: ['400', '401'],
  getApplication: ['401'],
  createOAuth2ClientSecret: ['404'],
};

const check = specChecker(SPEC_FILE, NOT_IN_SPEC);
const { spec, seen } = check;
const conforms = check.conforms.bind(check);
const validator = check.validator.bind(check);

describe('conformance: the simulator answers as the OpenAPI excerpt says', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  const S = '/api/v1/apps/{appId}/credentials/secrets';
  const SID = `${S}/{secretId}`;
  const at = (path: string) => `${org.info.baseUrl}${path}`;
  const req = (method: string, path: string, opts: { token?: string; body?: unknown } = {}) =>
    fetch(at(path), {
      method,
      headers: { Authorization: `SSWS ${opts.token ?? org.info.apiToken}`, 'Content-Type': 'application/json' },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });

  before(async () => {
    sim = await startSimulator({ orgs: [{ name: 'conf', environment: 'preview', decoyApps: 4 }] });
    org = sim.org('conf');
  });
  after(async () => {
    await sim.close();
    // Every operation of the excerpt was exercised with its success status.
    for (const op of [
      'listOAuth2ClientSecrets 200',
      'createOAuth2ClientSecret 201',
      'getOAuth2ClientSecret 200',
      'deleteOAuth2ClientSecret 204',
      'activateOAuth2ClientSecret 200',
      'deactivateOAuth2ClientSecret 200',
      'listApplications 200',
      'getApplication 200',
    ]) {
      assert.ok(seen.has(op), `not exercised: ${op}`);
    }
  });

  it('the spec copy in the repo is the one the tests use, and its license header is kept', () => {
    const text = readFileSync(SPEC_FILE, 'utf8');
    assert.match(text, /license:\n {4}name: Apache-2.0/);
    for (const [name, codes] of Object.entries(NOT_IN_SPEC)) {
      const op = Object.values(spec.paths)
        .flatMap((p) => Object.values(p))
        .find((o) => o.operationId === name);
      assert.ok(op, name);
      for (const code of codes)
        assert.equal(op.responses[code], undefined, `${name} now lists ${code}: drop it from NOT_IN_SPEC`);
    }
  });

  it('apps: list (every app, OIDC and others), get, 404, bad filter, bad token', async () => {
    const apps = (await conforms('/api/v1/apps', 'GET', await req('GET', '/api/v1/apps'))) as Array<{
      id: string;
      signOnMode: string;
    }>;
    assert.equal(apps.length, 6);
    for (const app of apps) {
      const one = (await conforms('/api/v1/apps/{appId}', 'GET', await req('GET', `/api/v1/apps/${app.id}`))) as {
        credentials: unknown;
        settings: unknown;
      };
      if (app.signOnMode === 'OPENID_CONNECT') {
        // The discriminator maps OIDC apps to OpenIdConnectApplication. Its `name` enum (oidc_client) does not
        // hold for Okta's own `flow` app, so check the parts it specialises: credentials and settings.
        for (const [schema, value] of [
          ['OAuthApplicationCredentials', one.credentials],
          ['OpenIdConnectApplicationSettings', one.settings],
        ] as const) {
          const v = validator(`spec#/components/schemas/${schema}`);
          assert.ok(v(value), `${app.id} ${schema}: ${check.errorsText(v)}`);
        }
      }
    }
    await conforms('/api/v1/apps/{appId}', 'GET', await req('GET', '/api/v1/apps/0oaNOPExxxxxxxxxxxxx'));
    await conforms(
      '/api/v1/apps',
      'GET',
      await req('GET', `/api/v1/apps?filter=${encodeURIComponent('label eq "x"')}`),
    );
    await conforms('/api/v1/apps', 'GET', await req('GET', '/api/v1/apps', { token: 'bad' }));
    await conforms(
      '/api/v1/apps/{appId}',
      'GET',
      await req('GET', `/api/v1/apps/${org.info.workflowsAppId}`, { token: 'bad' }),
    );
  });

  it('secrets: every operation, each rule, each client_secret problem, 401, 403 and 404', async () => {
    const base = `/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`;
    const [old] = org.secrets();
    await conforms(S, 'GET', await req('GET', base));
    await conforms(SID, 'GET', await req('GET', `${base}/${old!.id}`));
    await conforms(`${SID}/lifecycle/deactivate`, 'POST', await req('POST', `${base}/${old!.id}/lifecycle/deactivate`)); // 400 only active
    await conforms(SID, 'DELETE', await req('DELETE', `${base}/${old!.id}`)); // 400 delete active
    for (const client_secret of ['short', 'x'.repeat(101), 'non-ascii-é-secret-1']) {
      await conforms(S, 'POST', await req('POST', base, { body: { client_secret } }));
    }
    const created = (await conforms(S, 'POST', await req('POST', base, { body: {} }))) as { id: string };
    await conforms(S, 'POST', await req('POST', base, { body: {} })); // 400 max secrets
    await conforms(S, 'GET', await req('GET', base)); // two secrets
    await conforms(`${SID}/lifecycle/activate`, 'POST', await req('POST', `${base}/${created.id}/lifecycle/activate`));
    await conforms(`${SID}/lifecycle/deactivate`, 'POST', await req('POST', `${base}/${old!.id}/lifecycle/deactivate`)); // 200
    await conforms(`${SID}/lifecycle/deactivate`, 'POST', await req('POST', `${base}/${old!.id}/lifecycle/deactivate`)); // 200 no-op
    await conforms(SID, 'GET', await req('GET', `${base}/${old!.id}`)); // INACTIVE links
    await conforms(
      `${SID}/lifecycle/activate`,
      'POST',
      await req('POST', `${base}/${old!.id}/lifecycle/activate`, { token: org.info.readOnlyToken }),
    ); // 403
    await conforms(SID, 'DELETE', await req('DELETE', `${base}/${old!.id}`, { token: org.info.readOnlyToken })); // 403
    await conforms(S, 'POST', await req('POST', base, { token: org.info.readOnlyToken, body: {} })); // 403
    await conforms(
      `${SID}/lifecycle/deactivate`,
      'POST',
      await req('POST', `${base}/${created.id}/lifecycle/deactivate`, { token: org.info.readOnlyToken }),
    ); // 403
    await conforms(SID, 'DELETE', await req('DELETE', `${base}/${old!.id}`)); // 204
    const unknownApp = base.replace(org.info.workflowsAppId, '0oaNOPExxxxxxxxxxxxx');
    for (const [template, method, path, missing] of [
      [S, 'GET', base, unknownApp],
      [S, 'POST', base, undefined],
      [SID, 'GET', `${base}/${created.id}`, `${base}/ocsNOPExxxxxxxxxxxxx`],
      [SID, 'DELETE', `${base}/${created.id}`, `${base}/ocsNOPExxxxxxxxxxxxx`],
      [
        `${SID}/lifecycle/activate`,
        'POST',
        `${base}/${created.id}/lifecycle/activate`,
        `${base}/ocsNOPExxxxxxxxxxxxx/lifecycle/activate`,
      ],
      [
        `${SID}/lifecycle/deactivate`,
        'POST',
        `${base}/${created.id}/lifecycle/deactivate`,
        `${base}/ocsNOPExxxxxxxxxxxxx/lifecycle/deactivate`,
      ],
    ] as const) {
      await conforms(
        template,
        method,
        await req(method, path, { token: 'bad', body: method === 'POST' ? {} : undefined }),
      ); // 401
      if (missing) await conforms(template, method, await req(method, missing)); // 404
    }
    await conforms(
      S,
      'POST',
      await req('POST', base.replace(org.info.workflowsAppId, '0oaNOPExxxxxxxxxxxxx'), { body: {} }),
    ); // 404, not in spec
  });

  it('secrets whose values are masked or left out (listPlaintext) still answer as the spec says', async () => {
    const appId = org.info.workflowsAppId;
    try {
      for (const shown of ['masked', 'absent'] as const) {
        org.setSecretValues(shown);
        const listed = (await conforms(
          S,
          'GET',
          await req('GET', `/api/v1/apps/${appId}/credentials/secrets`),
        )) as Array<{
          id: string;
          client_secret?: string;
        }>;
        assert.ok(
          listed.every((s) =>
            shown === 'absent' ? s.client_secret === undefined : s.client_secret?.includes('......'),
          ),
        );
        const one = `/api/v1/apps/${appId}/credentials/secrets/${listed[0]!.id}`;
        await conforms(SID, 'GET', await req('GET', one));
      }
    } finally {
      org.setSecretValues('plaintext');
    }
  });

  it('429 on every operation once the bucket is empty, and 500 E0000009 from an injected fault', async () => {
    const base = `/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`;
    const [s] = org.secrets();
    org.faults.failNext(1);
    await conforms(S, 'GET', await req('GET', base));
    org.setRateLimit(0);
    try {
      await conforms('/api/v1/apps', 'GET', await req('GET', '/api/v1/apps'));
      await conforms('/api/v1/apps/{appId}', 'GET', await req('GET', `/api/v1/apps/${org.info.workflowsAppId}`));
      await conforms(S, 'GET', await req('GET', base));
      await conforms(S, 'POST', await req('POST', base, { body: {} }));
      await conforms(SID, 'GET', await req('GET', `${base}/${s!.id}`));
      await conforms(SID, 'DELETE', await req('DELETE', `${base}/${s!.id}`));
      await conforms(`${SID}/lifecycle/activate`, 'POST', await req('POST', `${base}/${s!.id}/lifecycle/activate`));
      await conforms(`${SID}/lifecycle/deactivate`, 'POST', await req('POST', `${base}/${s!.id}/lifecycle/deactivate`));
    } finally {
      org.setRateLimit(100);
    }
    assert.ok(check.count() > 40, `checked ${check.count()} answers`);
  });

  it('the check has teeth: a contract-breaking answer (malformedNext wrongTypes) fails it', async () => {
    org.faults.malformedNext({ kind: 'wrongTypes' });
    const res = await req('GET', `/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`);
    await assert.rejects(conforms(S, 'GET', res), /must be string|must be equal to one of the allowed values/);
  });
});
