// The JSON Okta sends for a user, a role assignment and a custom role's permissions, shaped as the OpenAPI excerpt
// management-users-roles-logs.openapi.yaml (User, StandardRole, CustomRole, Permissions) and its examples.
// `_links` hrefs are absolute on the org's base URL, as Okta's are; nulls are left out where the spec's type forbids them.
import type { AdminRecord, CustomRoleRecord, RoleAssignmentRecord } from './admins.ts';

const href = (url: string) => ({ href: url });

/** User (GET /api/v1/users/{id}). */
export function userJson(baseUrl: string, a: AdminRecord): Record<string, unknown> {
  const self = `${baseUrl}/api/v1/users/${a.id}`;
  return {
    id: a.id,
    status: 'ACTIVE',
    created: a.created,
    activated: a.created,
    statusChanged: a.created,
    lastLogin: null,
    lastUpdated: a.created,
    passwordChanged: a.created,
    type: { id: 'oty1simulatedUserType' },
    profile: {
      firstName: a.firstName,
      lastName: a.lastName,
      mobilePhone: null,
      secondEmail: null,
      login: a.login,
      email: a.login,
    },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: href(self) },
  };
}

/** StandardRole or CustomRole (GET /api/v1/users/{userId}/roles), assigned to the user directly. */
export function roleAssignmentJson(baseUrl: string, a: AdminRecord, r: RoleAssignmentRecord): Record<string, unknown> {
  const common = {
    id: r.id,
    label: r.label,
    type: r.type,
    status: 'ACTIVE',
    created: r.created,
    lastUpdated: r.created,
    assignmentType: 'USER',
  };
  const assignee = href(`${baseUrl}/api/v1/users/${a.id}`);
  if (r.type !== 'CUSTOM') return { ...common, _links: { assignee } };
  const set = `${baseUrl}/api/v1/iam/resource-sets/${r.resourceSetId}`;
  return {
    ...common,
    role: r.role.id,
    'resource-set': r.resourceSetId,
    _links: {
      assignee,
      'resource-set': href(set),
      member: href(`${set}/bindings/${r.role.id}/members/${r.id}`),
      role: href(`${baseUrl}/api/v1/iam/roles/${r.role.id}`),
      permissions: href(`${baseUrl}/api/v1/iam/permission-sets/${r.role.id}/permissions`),
    },
  };
}

/** Permissions (GET /api/v1/iam/roles/{roleIdOrLabel}/permissions). */
export function permissionsJson(baseUrl: string, role: CustomRoleRecord): Record<string, unknown> {
  const roleUrl = `${baseUrl}/api/v1/iam/roles/${role.id}`;
  return {
    permissions: role.permissions.map((label) => ({
      label,
      created: role.created,
      lastUpdated: role.created,
      _links: { role: href(roleUrl), self: href(`${roleUrl}/permissions/${label}`) },
    })),
  };
}
