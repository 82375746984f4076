// Who the credential is and whether it may manage the Workflows app's secrets, against the simulator over real HTTP:
// whoAmI for each kind of API token and for a service app, admin roles and custom-role permissions, and the capability
// outcomes (super admin, custom role with okta.apps.manage, read-only admin, app admin, service app with and without
// okta.apps.manage); then the assessment's rules one by one, as data.
import assert from 'node:assert/strict';
import type { OktaClient } from '../../../src/okta/client.ts';
import type { AdminIdentity, AdminRole } from '../../../src/okta/identity.ts';
import { assessSecretManagement } from '../../../src/okta/secretManagement.ts';
import type { RoleEvidence } from '../../../src/okta/identity.ts';
import { AUDITING_SERVICE_APP, type SimulatedOrg } from '../../../src/simulator/index.ts';
import { rejection, withClientWorld } from './fixture.ts';

const apiPaths = (org: SimulatedOrg) => org.requests.filter((r) => r.path.startsWith('/api/')).map((r) => r.path);

describe('Okta client: who the credential is and what it may do', () => {
  const world = withClientWorld(
    {
      orgs: [
        { name: 'acme', environment: 'production', serviceApp: AUDITING_SERVICE_APP, decoyApps: 0 },
        { name: 'acme-preview', environment: 'preview', serviceApp: { scopes: ['okta.apps.read'] }, decoyApps: 0 },
      ],
    },
    'all',
  );

  /** A client of `orgName` authenticated as its service app, asking for `scopes` and `optional` ones. */
  const asServiceApp = (orgName: string, scopes: string[], optionalScopes: string[] = []): OktaClient =>
    world().serviceAppClientOf(orgName, { scopes, optionalScopes });

  it('whoAmI: the admin behind each API token (id, login, name), from users/me', async () => {
    const { org, clientOf } = world();
    const seen = [];
    for (const [token, login, name] of [
      [org.info.apiToken, 'ada.admin@acme.example', 'Ada Admin'],
      [org.info.readOnlyToken, 'rory.reader@acme.example', 'Rory Reader'],
      [org.info.customRoleToken, 'casey.rotator@acme.example', 'Casey Rotator'],
      [org.info.appAdminToken, 'avery.apps@acme.example', 'Avery Apps'],
    ] as const) {
      const who = await clientOf({ token }).whoAmI();
      assert.equal(who.kind, 'admin');
      assert.ok(who.kind === 'admin');
      assert.match(who.id, /^00u[A-Za-z0-9]{17}$/);
      assert.deepEqual([who.login, who.name], [login, name]);
      seen.push(who.id);
    }
    assert.equal(new Set(seen).size, 4);
  });

  it('whoAmI of a service app is its client id, without any call', async () => {
    const { org } = world();
    org.clearRequests();
    const client = asServiceApp('acme', ['okta.apps.read']);
    assert.deepEqual(await client.whoAmI(), { kind: 'serviceApp', clientId: org.info.serviceApp!.clientId });
    assert.deepEqual(org.requests, [], 'no token request, no API call');
  });

  it('users/me is asked once per client (per credential and session), roles every time; a failure is not kept', async () => {
    const { org, clientOf } = world();
    const client = clientOf();
    org.faults.failNext(1, { status: 403, path: /\/users\/me$/ });
    org.clearRequests();
    await rejection(client.whoAmI());
    const who = await client.whoAmI();
    await client.checkSecretManagement();
    assert.deepEqual(await client.whoAmI(), who);
    await client.checkSecretManagement();
    const meCalls = (o: SimulatedOrg) => apiPaths(o).filter((p) => p === '/api/v1/users/me').length;
    assert.equal(meCalls(org), 2, 'the refused ask, then one for the rest');
    assert.equal(apiPaths(org).filter((p) => p.endsWith('/roles')).length, 2, 'roles read at each check');
    // Another client (a credential set again) asks again.
    org.clearRequests();
    assert.deepEqual(await clientOf().whoAmI(), who);
    assert.equal(meCalls(org), 1);
  });

  it("listAdminRoles and rolePermissions: a super admin's role, a custom role's id and permissions", async () => {
    const { clientOf, org } = world();
    const admin = clientOf();
    const ada = (await admin.whoAmI()) as AdminIdentity;
    assert.deepEqual(await admin.listAdminRoles(ada.id), [
      { type: 'SUPER_ADMIN', status: 'ACTIVE', label: 'Super Administrator' },
    ]);
    const custom = clientOf({ token: org.info.customRoleToken });
    const casey = (await custom.whoAmI()) as AdminIdentity;
    const [role] = await custom.listAdminRoles(casey.id);
    assert.equal(role?.type, 'CUSTOM');
    assert.equal(role?.label, 'Workflows Secret Rotator');
    assert.match(role?.roleId ?? '', /^cr0[A-Za-z0-9]{17}$/);
    assert.deepEqual(await custom.rolePermissions(role!.roleId!), [
      'okta.apps.read',
      'okta.apps.manage',
      'okta.iam.read',
    ]);
  });

  it('a read-only admin may not list roles: forbidden (403 E0000006); ids are checked before any request', async () => {
    const { clientOf, org } = world();
    const ro = clientOf({ token: org.info.readOnlyToken });
    const rory = (await ro.whoAmI()) as AdminIdentity;
    const e = await rejection(ro.listAdminRoles(rory.id));
    assert.equal(e.kind, 'forbidden');
    assert.equal(e.errorCode, 'E0000006');
    assert.match(
      e.message,
      /^127\.0\.0\.1:\d+ refused the request: the API token lacks a permission \(403, E0000006\)/,
    );
    assert.match(e.operation, /^Listing the admin roles of user 00u\w{17}$/);
    org.clearRequests();
    for (const bad of ['me', '../apps', '00u1?x=1']) {
      const input = await rejection(ro.listAdminRoles(bad));
      assert.equal(input.kind, 'input');
      assert.ok(!input.message.includes(bad), 'a bad id is not echoed');
    }
    assert.equal((await rejection(ro.rolePermissions('cr0/../x'))).kind, 'input');
    assert.deepEqual(apiPaths(org), []);
  });

  it('capability: a super admin and a custom role with okta.apps.manage are able; documented', async () => {
    const { clientOf, org } = world();
    const superAdmin = await clientOf().checkSecretManagement();
    assert.equal(superAdmin.verdict, 'able');
    assert.equal(superAdmin.basis, 'documented');
    assert.deepEqual(superAdmin.reasons, ['The admin is a super admin.']);
    assert.equal(superAdmin.advice, undefined);
    assert.equal(superAdmin.identity.kind, 'admin');

    org.clearRequests();
    const custom = await clientOf({ token: org.info.customRoleToken }).checkSecretManagement();
    assert.equal(custom.verdict, 'able');
    assert.equal(custom.basis, 'documented');
    assert.match(custom.reasons[0]!, /^Custom role cr0\w{17} includes okta\.apps\.manage/);
    assert.deepEqual(
      apiPaths(org).map((p) => p.replace(/00u\w{17}|cr0\w{17}/, 'ID')),
      ['/api/v1/users/me', '/api/v1/users/ID/roles', '/api/v1/iam/roles/ID/permissions'],
      'read only: me, roles, permissions',
    );
    assert.ok(org.requests.every((r) => r.method === 'GET'));
  });

  it('capability: a read-only admin and an app admin may not list their roles, so it is unknown (not a failure)', async () => {
    const { clientOf, org } = world();
    for (const token of [org.info.readOnlyToken, org.info.appAdminToken]) {
      const a = await clientOf({ token }).checkSecretManagement();
      assert.equal(a.verdict, 'unknown');
      assert.equal(a.basis, 'inferred');
      assert.match(a.reasons[0]!, /did not let the API token list its admin roles \(403\)/);
      assert.match(a.advice ?? '', /Rehearse on a Preview org first/);
    }
  });

  it('capability: a service app granted okta.apps.manage is able; one granted only okta.apps.read is readOnly', async () => {
    const { org } = world();
    const able = await asServiceApp('acme', ['okta.apps.read', 'okta.apps.manage']).checkSecretManagement();
    assert.equal(able.verdict, 'able');
    assert.deepEqual(able.identity, { kind: 'serviceApp', clientId: org.info.serviceApp!.clientId });
    assert.match(able.reasons.join(' '), /admin role assigned to the service app/);

    const preview = world().sim.org('acme-preview');
    preview.clearRequests();
    const readOnly = await asServiceApp(
      'acme-preview',
      ['okta.apps.read'],
      ['okta.apps.manage'],
    ).checkSecretManagement();
    assert.equal(readOnly.verdict, 'readOnly');
    assert.equal(readOnly.basis, 'documented');
    assert.match(readOnly.advice ?? '', /Grant okta\.apps\.manage to the service app/);
    assert.deepEqual(
      preview.requests.map((r) => [r.path, r.status]),
      [
        ['/oauth2/v1/token', 400], // use_dpop_nonce
        ['/oauth2/v1/token', 400], // invalid_scope: okta.apps.manage is not granted
        ['/oauth2/v1/token', 200], // without it
      ],
    );
  });

  it('optional scopes: only the refused ones are dropped; the token keeps the granted ones', async () => {
    const sa = world().sim.org('acme');
    // acme's app is granted okta.logs.read but not okta.users.manage.
    const client = asServiceApp('acme', ['okta.apps.read'], ['okta.logs.read', 'okta.users.manage']);
    assert.equal((await client.listSystemLogEvents({})).permitted, true);
    assert.ok(sa.requests.some((r) => r.path === '/api/v1/logs' && r.status === 200));
  });

  it('an answer that breaks the contract is a protocol error, not a verdict', async () => {
    const { clientOf, org } = world();
    org.faults.malformedNext({ path: /\/roles$/, kind: 'wrongTypes' });
    assert.equal((await rejection(clientOf().checkSecretManagement())).kind, 'protocol');
  });
});

describe('assessSecretManagement: the rules', () => {
  const admin: AdminIdentity = { kind: 'admin', id: '00uAAAAAAAAAAAAAAAAA', login: 'a@b.example', name: 'A' };
  const assess = (roles: AdminRole[], permissions: Record<string, RoleEvidence> = {}) =>
    assessSecretManagement({
      kind: 'admin',
      admin,
      roles: { listed: true, roles, permissions: new Map(Object.entries(permissions)) },
    });
  const role = (type: string, extra: Partial<AdminRole> = {}): AdminRole => ({ type, status: 'ACTIVE', ...extra });
  const CR = 'cr0BBBBBBBBBBBBBBBBB';

  it('able: SUPER_ADMIN (documented), ORG_ADMIN and APP_ADMIN (inferred), a custom role with okta.apps.manage', () => {
    assert.deepEqual(
      [assess([role('SUPER_ADMIN')]).verdict, assess([role('SUPER_ADMIN')]).basis],
      ['able', 'documented'],
    );
    for (const type of ['ORG_ADMIN', 'APP_ADMIN']) {
      const a = assess([role(type)]);
      assert.deepEqual([a.verdict, a.basis], ['able', 'inferred']);
    }
    const custom = assess([role('CUSTOM', { roleId: CR })], { [CR]: { permissions: ['okta.apps.manage'] } });
    assert.deepEqual([custom.verdict, custom.basis], ['able', 'documented']);
    // Any role that can is enough.
    assert.equal(assess([role('READ_ONLY_ADMIN'), role('APP_ADMIN')]).verdict, 'able');
  });

  it('readOnly: READ_ONLY_ADMIN (documented), a custom role without okta.apps.manage, other standard roles, no active role', () => {
    const ro = assess([role('READ_ONLY_ADMIN')]);
    assert.deepEqual([ro.verdict, ro.basis], ['readOnly', 'documented']);
    assert.match(ro.advice ?? '', /Okta will refuse to create, deactivate or delete the secret/);
    assert.equal(
      assess([role('CUSTOM', { roleId: CR })], { [CR]: { permissions: ['okta.apps.read'] } }).verdict,
      'readOnly',
    );
    const helpDesk = assess([role('HELP_DESK_ADMIN'), role('REPORT_ADMIN')]);
    assert.deepEqual([helpDesk.verdict, helpDesk.basis], ['readOnly', 'inferred']);
    const inactive = assess([role('SUPER_ADMIN', { status: 'INACTIVE' })]);
    assert.deepEqual([inactive.verdict, inactive.reasons], ['readOnly', ['The admin has no active admin role.']]);
  });

  it('unknown: roles refused (403), a custom role whose permissions are unreadable, role types we cannot judge', () => {
    const refused = assessSecretManagement({ kind: 'admin', admin, roles: { listed: false } });
    assert.deepEqual([refused.verdict, refused.basis], ['unknown', 'inferred']);
    for (const unreadable of ['forbidden', 'notFound'] as const) {
      const a = assess([role('CUSTOM', { roleId: CR }), role('READ_ONLY_ADMIN')], { [CR]: { unreadable } });
      assert.equal(a.verdict, 'unknown');
      assert.match(a.reasons[0]!, /did not let us read its permissions/);
    }
    assert.equal(assess([role('CUSTOM')]).verdict, 'unknown', 'a custom role without a role id');
    for (const type of ['API_ACCESS_MANAGEMENT_ADMIN', 'WORKFLOWS_ADMIN', 'SOMETHING_NEW']) {
      assert.equal(assess([role(type)]).verdict, 'unknown', type);
    }
  });

  it("reasons never carry Okta's free text: labels and malformed ids stay out", () => {
    const a = assess([
      role('CUSTOM', { roleId: 'cr0<script>', label: '<img src=x onerror=alert(1)>' }),
      role('weird <b>type</b>'),
    ]);
    const text = JSON.stringify([a.reasons, a.advice]);
    assert.ok(!text.includes('<'), text);
    assert.match(text, /A custom role is assigned/);
    assert.match(text, /a role of another type/);
  });

  it('a service app: okta.apps.manage is able; okta.apps.read alone or nothing is readOnly', () => {
    const app = (grantedScopes: string[]) =>
      assessSecretManagement({ kind: 'serviceApp', clientId: '0oaCCCCCCCCCCCCCCCCC', grantedScopes }).verdict;
    assert.equal(app(['okta.apps.manage']), 'able');
    assert.equal(app(['okta.apps.read', 'okta.logs.read']), 'readOnly');
    assert.equal(app([]), 'readOnly');
  });
});
