// The simulator's admins over real HTTP: users/me for each API token, users by id and login, role assignments and
// custom-role permissions with who may read them, a service app's answers by its scopes, and the rate-limit buckets
// and fault injection on these routes.
import assert from 'node:assert/strict';
import { AUDITING_SERVICE_APP, startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call } from './helpers.ts';
import { closeServiceAppCallers, serviceAppCaller } from './serviceAppToken.ts';

describe('simulator: admins, users/me, roles and permissions', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  before(async () => {
    sim = await startSimulator({
      orgs: [
        { name: 'acme', environment: 'production', serviceApp: AUDITING_SERVICE_APP },
        { name: 'plain', environment: 'preview' },
      ],
    });
    org = sim.org('acme');
  });
  afterEach(() => closeServiceAppCallers());
  after(() => sim.close());

  const me = async (token: string) => (await call(org, 'GET', '/api/v1/users/me', { token })).body;

  it('users/me answers the admin behind each API token, with distinct users and tokens', async () => {
    const tokens = [org.info.apiToken, org.info.readOnlyToken, org.info.customRoleToken, org.info.appAdminToken];
    assert.equal(new Set(tokens).size, 4);
    const users = [];
    for (const token of tokens) {
      const res = await call(org, 'GET', '/api/v1/users/me', { token });
      assert.equal(res.status, 200);
      assert.match(res.body.id, /^00u[A-Za-z0-9]{17}$/);
      assert.equal(res.body.status, 'ACTIVE');
      assert.match(res.body.profile.login, /@acme\.example$/);
      assert.equal(res.body._links.self.href, `${org.info.baseUrl}/api/v1/users/${res.body.id}`);
      assert.match(res.headers.get('etag') ?? '', /^W\/"\d+"$/);
      users.push(res.body.id);
    }
    assert.equal(new Set(users).size, 4);
    // A token issued later belongs to the super admin (a person creating a new token).
    assert.equal((await me(org.issueApiToken())).id, users[0]);
  });

  it('a user by id or by login; 404 for an unknown one; an app admin may read only itself', async () => {
    const ada = await me(org.info.apiToken);
    assert.equal((await call(org, 'GET', `/api/v1/users/${ada.id}`)).body.profile.login, ada.profile.login);
    const byLogin = await call(org, 'GET', `/api/v1/users/${encodeURIComponent(ada.profile.login)}`);
    assert.equal(byLogin.body.id, ada.id);
    const missing = await call(org, 'GET', '/api/v1/users/00uNOPExxxxxxxxxxxxx');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errorCode, 'E0000007');
    assert.equal(missing.body.errorSummary, 'Not found: Resource not found: 00uNOPExxxxxxxxxxxxx (User)');
    const appAdmin = await call(org, 'GET', `/api/v1/users/${ada.id}`, { token: org.info.appAdminToken });
    assert.equal(appAdmin.status, 403);
    assert.equal(appAdmin.body.errorCode, 'E0000006');
    assert.equal((await call(org, 'GET', `/api/v1/users/${ada.id}`, { token: org.info.readOnlyToken })).status, 200);
    assert.equal((await call(org, 'GET', '/api/v1/users/me', { token: 'nope' })).status, 401);
  });

  it('role assignments: a super admin and a custom-role admin with okta.iam.read may list them, others get 403', async () => {
    const ada = await me(org.info.apiToken);
    const roles = await call(org, 'GET', `/api/v1/users/${ada.id}/roles`);
    assert.equal(roles.status, 200);
    assert.deepEqual(
      roles.body.map((r: { type: string; label: string; status: string; assignmentType: string }) => [
        r.type,
        r.label,
        r.status,
        r.assignmentType,
      ]),
      [['SUPER_ADMIN', 'Super Administrator', 'ACTIVE', 'USER']],
    );
    assert.equal(roles.body[0]._links.assignee.href, `${org.info.baseUrl}/api/v1/users/${ada.id}`);

    const casey = await me(org.info.customRoleToken);
    const own = await call(org, 'GET', `/api/v1/users/${casey.id}/roles`, { token: org.info.customRoleToken });
    assert.equal(own.status, 200);
    const [custom] = own.body;
    assert.equal(custom.type, 'CUSTOM');
    assert.equal(custom.label, 'Workflows Secret Rotator');
    assert.match(custom.role, /^cr0[A-Za-z0-9]{17}$/);
    assert.match(custom['resource-set'], /^iam[A-Za-z0-9]{17}$/);
    assert.equal(
      custom._links.permissions.href,
      `${org.info.baseUrl}/api/v1/iam/permission-sets/${custom.role}/permissions`,
    );

    for (const token of [org.info.readOnlyToken, org.info.appAdminToken]) {
      const self = await me(token);
      const refused = await call(org, 'GET', `/api/v1/users/${self.id}/roles`, { token });
      assert.equal(refused.status, 403, 'not even their own: viewing admin assignments is not theirs');
      assert.equal(refused.body.errorCode, 'E0000006');
      assert.match(refused.body.errorId, /^oae\w+$/);
    }
    assert.equal((await call(org, 'GET', '/api/v1/users/00uNOPExxxxxxxxxxxxx/roles')).status, 404);
  });

  it("a custom role's permissions by id or by label; 404 for a standard role or an unknown one", async () => {
    const casey = await me(org.info.customRoleToken);
    const [custom] = (await call(org, 'GET', `/api/v1/users/${casey.id}/roles`)).body;
    const byId = await call(org, 'GET', `/api/v1/iam/roles/${custom.role}/permissions`, {
      token: org.info.customRoleToken,
    });
    assert.equal(byId.status, 200);
    assert.deepEqual(
      byId.body.permissions.map((p: { label: string }) => p.label),
      ['okta.apps.read', 'okta.apps.manage', 'okta.iam.read'],
    );
    assert.equal(byId.body.permissions[1]._links.role.href, `${org.info.baseUrl}/api/v1/iam/roles/${custom.role}`);
    const byLabel = await call(
      org,
      'GET',
      `/api/v1/iam/roles/${encodeURIComponent('Workflows Secret Rotator')}/permissions`,
    );
    assert.deepEqual(byLabel.body, byId.body);
    assert.equal((await call(org, 'GET', '/api/v1/iam/roles/SUPER_ADMIN/permissions')).status, 404);
    assert.equal((await call(org, 'GET', '/api/v1/iam/roles/cr0NOPExxxxxxxxxxxxx/permissions')).status, 404);
    const refused = await call(org, 'GET', `/api/v1/iam/roles/${custom.role}/permissions`, {
      token: org.info.readOnlyToken,
    });
    assert.equal(refused.status, 403);
  });

  it('a service app: its scopes decide; it has no user behind it, so its users/me is 404', async () => {
    const token = serviceAppCaller(org, ['okta.apps.read', 'okta.users.read.self', 'okta.roles.read']);
    const meAnswer = await token.call('GET', '/api/v1/users/me');
    assert.equal(meAnswer.status, 404);
    assert.equal(meAnswer.body.errorSummary, 'Not found: Resource not found: me (User)');
    const ada = await me(org.info.apiToken);
    // okta.users.read.self does not read another user.
    assert.equal((await token.call('GET', `/api/v1/users/${ada.id}`)).status, 403);
    assert.equal((await token.call('GET', `/api/v1/users/${ada.id}/roles`)).status, 200);

    const appsOnly = serviceAppCaller(org, ['okta.apps.read']);
    const refused = await appsOnly.call('GET', `/api/v1/users/${ada.id}/roles`);
    assert.equal(refused.status, 403);
    assert.match(refused.headers.get('www-authenticate') ?? '', /insufficient_scope.*scope="okta\.roles\.read"/);
    assert.equal((await appsOnly.call('GET', '/api/v1/users/me')).status, 403);
  });

  it('the default service app keeps the apps scopes; the auditing seed grants users/me, roles and logs', () => {
    assert.deepEqual(sim.org('plain').info.serviceApp?.scopes, ['okta.apps.read', 'okta.apps.manage']);
    assert.deepEqual(org.info.serviceApp?.scopes, [
      'okta.apps.read',
      'okta.apps.manage',
      'okta.users.read.self',
      'okta.roles.read',
      'okta.logs.read',
    ]);
  });

  it('each route counts against its own bucket (users by id, other, apps); faults apply to them too', async () => {
    const ada = await me(org.info.apiToken);
    const user = await call(org, 'GET', `/api/v1/users/${ada.id}`);
    const roles = await call(org, 'GET', `/api/v1/users/${ada.id}/roles`);
    const apps = await call(org, 'GET', '/api/v1/apps?limit=1');
    assert.equal(user.headers.get('x-rate-limit-limit'), '600');
    assert.equal(roles.headers.get('x-rate-limit-limit'), '600');
    assert.equal(apps.headers.get('x-rate-limit-limit'), '100');
    org.setRateLimit(0, 'userById');
    try {
      const limited = await call(org, 'GET', '/api/v1/users/me');
      assert.equal(limited.status, 429);
      assert.equal(limited.body.errorCode, 'E0000047');
      assert.equal((await call(org, 'GET', '/api/v1/apps?limit=1')).status, 200, 'another bucket is unaffected');
    } finally {
      org.setRateLimit(600, 'userById');
    }
    org.faults.failNext(1, { path: /\/roles$/ });
    assert.equal((await call(org, 'GET', `/api/v1/users/${ada.id}/roles`)).status, 500);
    org.faults.malformedNext({ path: /^\/api\/v1\/users\/me$/ });
    await assert.rejects(call(org, 'GET', '/api/v1/users/me'), SyntaxError);
  });
});
