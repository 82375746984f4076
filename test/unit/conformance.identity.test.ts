// Conformance of who-am-I, roles and the System Log: every kind of answer the simulator gives on these routes
// (success and error, for each kind of admin and for a service app) is checked against Okta's OpenAPI excerpt, the
// in-repo copy test/fixtures/okta-management-users-roles-logs.openapi.yaml of ../shared/okta/…; then Okta's own
// Node SDK reads the same answers into its models.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as OktaSdk from '@okta/okta-sdk-nodejs';
import { AUDITING_SERVICE_APP, startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { specChecker } from '../support/specConformance.ts';
import { closeServiceAppCallers, serviceAppCaller } from './simulator/serviceAppToken.ts';

const SPEC_FILE = new URL('../fixtures/okta-management-users-roles-logs.openapi.yaml', import.meta.url);

/** Statuses the simulator answers that the excerpt does not list, though real Okta does (a bad token is 401). */
const NOT_IN_SPEC: Record<string, string[]> = {
  getUser: ['401'],
  listAssignedRolesForUser: ['401'],
  listRolePermissions: ['401'],
  listLogEvents: ['401'],
};

const USER = '/api/v1/users/{id}';
const ROLES = '/api/v1/users/{userId}/roles';
const PERMISSIONS = '/api/v1/iam/roles/{roleIdOrLabel}/permissions';
const LOGS = '/api/v1/logs';

describe('conformance: users/me, roles, permissions and the System Log answer as the OpenAPI excerpt says', () => {
  const check = specChecker(SPEC_FILE, NOT_IN_SPEC);
  let sim: Simulator;
  let org: SimulatedOrg;
  const get = (path: string, token = org.info.apiToken) =>
    fetch(`${org.info.baseUrl}${path}`, { headers: { Authorization: `SSWS ${token}`, Accept: 'application/json' } });
  const asApp = async (scopes: string[], path: string) => {
    const res = await serviceAppCaller(org, scopes).call('GET', path);
    return new Response(res.text || null, { status: res.status, headers: res.headers });
  };
  const meOf = async (token: string) => (await (await get('/api/v1/users/me', token)).json()) as { id: string };

  before(async () => {
    sim = await startSimulator({
      orgs: [{ name: 'conf', environment: 'preview', serviceApp: AUDITING_SERVICE_APP }],
    });
    org = sim.org('conf');
  });
  afterEach(() => closeServiceAppCallers());
  after(async () => {
    await sim.close();
    for (const op of [
      'getUser 200',
      'getUser 403',
      'getUser 404',
      'getUser 429',
      'listAssignedRolesForUser 200',
      'listAssignedRolesForUser 403',
      'listAssignedRolesForUser 404',
      'listAssignedRolesForUser 429',
      'listRolePermissions 200',
      'listRolePermissions 403',
      'listRolePermissions 404',
      'listRolePermissions 429',
      'listLogEvents 200',
      'listLogEvents 400',
      'listLogEvents 403',
      'listLogEvents 429',
    ]) {
      assert.ok(check.seen.has(op), `not exercised: ${op}`);
    }
  });

  it('the spec copy in the repo keeps its license header; NOT_IN_SPEC is still not in it', () => {
    const text = readFileSync(SPEC_FILE, 'utf8');
    assert.match(text, /license:\n {4}name: Apache-2.0/);
    for (const [name, codes] of Object.entries(NOT_IN_SPEC)) {
      const op = Object.values(check.spec.paths)
        .flatMap((p) => Object.values(p))
        .find((o) => o.operationId === name);
      assert.ok(op, name);
      for (const code of codes) assert.equal(op.responses[code], undefined, `${name} now lists ${code}`);
    }
  });

  it('users: me for every kind of admin, by id and by login; 403, 404, 401; a service app has no me (404)', async () => {
    for (const token of [org.info.apiToken, org.info.readOnlyToken, org.info.customRoleToken, org.info.appAdminToken]) {
      const user = (await check.conforms(USER, 'GET', await get('/api/v1/users/me', token))) as {
        id: string;
        profile: { login: string };
      };
      await check.conforms(USER, 'GET', await get(`/api/v1/users/${user.id}`));
      await check.conforms(USER, 'GET', await get(`/api/v1/users/${encodeURIComponent(user.profile.login)}`));
    }
    const ada = await meOf(org.info.apiToken);
    await check.conforms(USER, 'GET', await get(`/api/v1/users/${ada.id}`, org.info.appAdminToken)); // 403
    await check.conforms(USER, 'GET', await get('/api/v1/users/00uNOPExxxxxxxxxxxxx')); // 404
    await check.conforms(USER, 'GET', await get('/api/v1/users/me', 'not-a-token')); // 401
    await check.conforms(USER, 'GET', await asApp(['okta.users.read.self'], '/api/v1/users/me')); // 404
    await check.conforms(USER, 'GET', await asApp(['okta.apps.read'], '/api/v1/users/me')); // 403 scope
  });

  it('roles: standard and custom assignments; 403 for admins who may not view them; 404; 401; as a service app', async () => {
    for (const token of [org.info.apiToken, org.info.customRoleToken]) {
      const who = await meOf(token);
      const roles = (await check.conforms(ROLES, 'GET', await get(`/api/v1/users/${who.id}/roles`, token))) as Array<{
        type: string;
      }>;
      assert.ok(roles.length > 0);
    }
    for (const token of [org.info.readOnlyToken, org.info.appAdminToken]) {
      const who = await meOf(token);
      await check.conforms(ROLES, 'GET', await get(`/api/v1/users/${who.id}/roles`, token)); // 403
    }
    await check.conforms(ROLES, 'GET', await get('/api/v1/users/00uNOPExxxxxxxxxxxxx/roles')); // 404
    await check.conforms(ROLES, 'GET', await get(`/api/v1/users/x/roles`, 'not-a-token')); // 401
    const ada = await meOf(org.info.apiToken);
    await check.conforms(ROLES, 'GET', await asApp(['okta.roles.read'], `/api/v1/users/${ada.id}/roles`));
    await check.conforms(ROLES, 'GET', await asApp(['okta.apps.read'], `/api/v1/users/${ada.id}/roles`)); // 403
  });

  it("permissions: a custom role's by id and label; 403, 404, 401", async () => {
    const casey = await meOf(org.info.customRoleToken);
    const [custom] = (await (await get(`/api/v1/users/${casey.id}/roles`)).json()) as Array<{ role: string }>;
    await check.conforms(PERMISSIONS, 'GET', await get(`/api/v1/iam/roles/${custom!.role}/permissions`));
    await check.conforms(PERMISSIONS, 'GET', await get('/api/v1/iam/roles/Workflows%20Secret%20Rotator/permissions'));
    await check.conforms(
      PERMISSIONS,
      'GET',
      await get(`/api/v1/iam/roles/${custom!.role}/permissions`, org.info.readOnlyToken),
    ); // 403
    await check.conforms(PERMISSIONS, 'GET', await get('/api/v1/iam/roles/cr0NOPExxxxxxxxxxxxx/permissions')); // 404
    await check.conforms(PERMISSIONS, 'GET', await get('/api/v1/iam/roles/x/permissions', 'not-a-token')); // 401
  });

  it('logs: events of a rotation by an admin and by the service app, pages, empty, 400s, 403s, 401', async () => {
    await check.conforms(LOGS, 'GET', await get('/api/v1/logs')); // empty
    const base = `/api/v1/apps/${org.info.workflowsAppId}/credentials/secrets`;
    const post = (path: string) =>
      fetch(`${org.info.baseUrl}${path}`, { method: 'POST', headers: { Authorization: `SSWS ${org.info.apiToken}` } });
    const created = (await (await post(base)).json()) as { id: string };
    await post(`${base}/${created.id}/lifecycle/deactivate`);
    await fetch(`${org.info.baseUrl}${base}/${created.id}`, {
      method: 'DELETE',
      headers: { Authorization: `SSWS ${org.info.apiToken}` },
    });
    const byApp = await serviceAppCaller(org, ['okta.apps.manage']).call('POST', base);
    assert.equal(byApp.status, 201);
    const events = (await check.conforms(LOGS, 'GET', await get('/api/v1/logs'))) as unknown[];
    assert.equal(events.length, 4);
    await check.conforms(LOGS, 'GET', await get('/api/v1/logs?limit=1&sortOrder=DESCENDING'));
    await check.conforms(
      LOGS,
      'GET',
      await asApp(['okta.logs.read'], `/api/v1/logs?filter=${encodeURIComponent('eventType sw "app."')}`),
    );
    for (const bad of ['limit=5000', 'since=nope', `filter=${encodeURIComponent('target.id eq')}`, 'sortOrder=X']) {
      await check.conforms(LOGS, 'GET', await get(`/api/v1/logs?${bad}`)); // 400
    }
    await check.conforms(LOGS, 'GET', await get('/api/v1/logs', org.info.customRoleToken)); // 403
    await check.conforms(LOGS, 'GET', await asApp(['okta.apps.read'], '/api/v1/logs')); // 403 scope
    await check.conforms(LOGS, 'GET', await get('/api/v1/logs', 'not-a-token')); // 401
  });

  it("logs: the token endpoint's events (a forgotten flow's refreshes granted and refused, a wrong secret)", async () => {
    const flow = await org.forgottenFlow({ intervalMs: 600_000 });
    const wrong = await org.forgottenFlow({ intervalMs: 600_000, secret: 'not-the-apps-secret' });
    const bogus = await org.forgottenFlow({ intervalMs: 600_000, refreshToken: 'not-one-it-issued' });
    try {
      const filter = encodeURIComponent(
        'eventType sw "app.oauth2.token" or eventType eq "app.oauth2.invalid_client_credentials"',
      );
      const until = new Date(Date.now() + 60_000).toISOString();
      const events = (await check.conforms(
        LOGS,
        'GET',
        await get(`/api/v1/logs?filter=${filter}&until=${until}`),
      )) as Array<{
        eventType: string;
      }>;
      assert.deepEqual(events.map((e) => e.eventType).sort(), [
        'app.oauth2.invalid_client_credentials',
        'app.oauth2.token.grant',
        'app.oauth2.token.grant.refresh_token',
      ]);
    } finally {
      await Promise.all([flow, wrong, bogus].map((f) => f.stop()));
    }
  });

  it('429 on every operation once its bucket is empty, and 500 E0000009 from an injected fault', async () => {
    const ada = await meOf(org.info.apiToken);
    const casey = await meOf(org.info.customRoleToken);
    const [custom] = (await (await get(`/api/v1/users/${casey.id}/roles`)).json()) as Array<{ role: string }>;
    org.faults.failNext(1, { path: /^\/api\/v1\/logs$/ });
    await check.conforms(LOGS, 'GET', await get('/api/v1/logs'));
    for (const bucket of ['userById', 'other', 'logs'] as const) org.setRateLimit(0, bucket);
    try {
      await check.conforms(USER, 'GET', await get('/api/v1/users/me'));
      await check.conforms(ROLES, 'GET', await get(`/api/v1/users/${ada.id}/roles`));
      await check.conforms(PERMISSIONS, 'GET', await get(`/api/v1/iam/roles/${custom!.role}/permissions`));
      await check.conforms(LOGS, 'GET', await get('/api/v1/logs'));
    } finally {
      org.setRateLimit(600, 'userById');
      org.setRateLimit(600, 'other');
      org.setRateLimit(50, 'logs');
    }
    assert.ok(check.count() > 40, `checked ${check.count()} answers`);
  });

  it('the check has teeth: a contract-breaking answer fails it, and a role is checked by its type', async () => {
    org.faults.malformedNext({ kind: 'wrongTypes', path: /^\/api\/v1\/users\/me$/ });
    await assert.rejects(check.conforms(USER, 'GET', await get('/api/v1/users/me')), /must be equal to one of/);
    const roles = check.validator(
      'spec#/paths/~1api~1v1~1users~1{userId}~1roles/get/responses/200/content/application~1json/schema',
    );
    assert.ok(
      roles([
        { type: 'SUPER_ADMIN', status: 'ACTIVE' },
        { type: 'CUSTOM', role: 'cr0x' },
      ]),
    );
    assert.ok(!roles([{ type: 'CUSTOM', 'resource-set': 7 }]), 'a CUSTOM assignment is checked as a CustomRole');
    assert.ok(!roles([{ type: 'NOT_A_ROLE' }]), 'the type must be one the mapping names');
    assert.ok(!roles([{ label: 'no type' }]));
  });

  it("Okta's Node SDK reads the same answers into its models, pages the System Log, and reports a 403", async () => {
    const require = createRequire(import.meta.url);
    const okta = require('@okta/okta-sdk-nodejs') as typeof OktaSdk;
    const sdk = (token: string) => new okta.Client({ orgUrl: org.info.baseUrl, token, cacheMiddleware: null });
    const client = sdk(org.info.customRoleToken);
    const me = await client.userApi.getUser({ userId: 'me' });
    assert.match(me.id ?? '', /^00u/);
    const roles = [];
    for await (const r of await client.roleAssignmentApi.listAssignedRolesForUser({ userId: me.id! })) roles.push(r);
    assert.deepEqual(
      roles.map((r) => [r?.type, r?.constructor.name]),
      [['CUSTOM', 'CustomRole']],
    );
    const roleId = (roles[0] as { role?: string }).role!;
    const permissions = await client.customRoleApi.listRolePermissions({ roleIdOrLabel: roleId });
    assert.deepEqual(
      permissions.permissions?.map((p) => p.label),
      ['okta.apps.read', 'okta.apps.manage', 'okta.iam.read'],
    );
    const admin = sdk(org.info.apiToken);
    const uuids: string[] = [];
    // Bounded by until: a polling query's next links never end (Okta's SDK would follow them for ever).
    const until = new Date(Date.now() + 60_000).toISOString();
    for await (const e of await admin.systemLogApi.listLogEvents({ limit: 2, until })) uuids.push(e!.uuid!);
    assert.deepEqual(
      uuids,
      org.systemLog().map((e) => e.uuid),
      'every page, in order',
    );
    await assert.rejects(
      async () => {
        for await (const e of await client.systemLogApi.listLogEvents({})) assert.fail(String(e));
      },
      (e: { status?: number; errorCode?: string }) => e.status === 403 && e.errorCode === 'E0000006',
    );
  });
});
