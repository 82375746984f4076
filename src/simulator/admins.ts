// The admins behind a simulated org's API tokens and what their roles let them do. An API token carries its
// creator's admin rights (FACTS.md), so the server checks a token by the rights of the admin it belongs to.
// Which standard role may do what follows Okta's help page "Standard administrator roles and permissions" where it
// says so, and is our inference where it does not (marked below).
import {
  isoNow,
  newApiToken,
  newApiTokenId,
  newCustomRoleId,
  newResourceSetId,
  newRoleAssignmentId,
  newUserId,
} from './ids.ts';

/** What a request needs from its admin: a right of the route (or 'self': any admin, about themselves). */
export type AdminRight = 'apps.read' | 'apps.manage' | 'users.read' | 'iam.read' | 'logs.read';

type StandardRoleType = 'SUPER_ADMIN' | 'ORG_ADMIN' | 'APP_ADMIN' | 'READ_ONLY_ADMIN';

const STANDARD_LABELS: Record<StandardRoleType, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  APP_ADMIN: 'Application Administrator',
  READ_ONLY_ADMIN: 'Read Only Administrator',
};

const STANDARD_RIGHTS: Record<StandardRoleType, readonly AdminRight[]> = {
  // Documented: super admins perform every admin task, and only they "add, remove, and view administrators".
  SUPER_ADMIN: ['apps.read', 'apps.manage', 'users.read', 'iam.read', 'logs.read'],
  // Inferred: org and app admins manage apps (Okta names both among the roles of okta.apps.manage operations).
  ORG_ADMIN: ['apps.read', 'apps.manage', 'users.read', 'logs.read'],
  APP_ADMIN: ['apps.read', 'apps.manage', 'logs.read'],
  // Documented: read-only admins view users, apps and the System Log, and change nothing.
  READ_ONLY_ADMIN: ['apps.read', 'users.read', 'logs.read'],
};

/**
 * A custom role's permission -> the rights it gives. Documented: okta.apps.manage includes okta.apps.read;
 * okta.iam.read is "view roles, resources, and admin assignments". We know of no custom-role permission for the
 * System Log, so a custom-role admin cannot read it here (inferred).
 */
const PERMISSION_RIGHTS: Record<string, readonly AdminRight[]> = {
  'okta.apps.read': ['apps.read'],
  'okta.apps.manage': ['apps.read', 'apps.manage'],
  'okta.users.read': ['users.read'],
  'okta.iam.read': ['iam.read'],
};

export interface CustomRoleRecord {
  id: string;
  label: string;
  permissions: string[];
  created: string;
}

interface AssignmentBase {
  id: string;
  label: string;
  created: string;
}

/** A standard role, or a custom role bound to a resource set. */
export type RoleAssignmentRecord =
  | (AssignmentBase & { type: StandardRoleType })
  | (AssignmentBase & { type: 'CUSTOM'; role: CustomRoleRecord; resourceSetId: string });

export interface AdminRecord {
  id: string;
  login: string;
  firstName: string;
  lastName: string;
  created: string;
  /** The admin's API token, and its id (what the System Log names). */
  token: string;
  tokenId: string;
  roles: RoleAssignmentRecord[];
}

/** The custom role of the least-privilege setup the README recommends. */
const SECRET_ROTATOR_PERMISSIONS = ['okta.apps.read', 'okta.apps.manage', 'okta.iam.read'];

function assignment(role: StandardRoleType | CustomRoleRecord, created: string): RoleAssignmentRecord {
  if (typeof role === 'string') return { id: newRoleAssignmentId(), type: role, label: STANDARD_LABELS[role], created };
  return {
    id: newRoleAssignmentId(),
    type: 'CUSTOM',
    label: role.label,
    created,
    role,
    resourceSetId: newResourceSetId(),
  };
}

/** The admins of one org: one per kind of credential the tests and the practice orgs need. */
export class AdminDirectory {
  readonly superAdmin: AdminRecord;
  readonly readOnlyAdmin: AdminRecord;
  readonly customRoleAdmin: AdminRecord;
  readonly appAdmin: AdminRecord;
  readonly customRoles: CustomRoleRecord[];
  private readonly admins: AdminRecord[];

  /** `domain`: the org's name, for logins (ada.admin@acme.example). */
  constructor(domain: string) {
    const created = isoNow();
    const rotator: CustomRoleRecord = {
      id: newCustomRoleId(),
      label: 'Workflows Secret Rotator',
      permissions: [...SECRET_ROTATOR_PERMISSIONS],
      created,
    };
    this.customRoles = [rotator];
    const admin = (first: string, last: string, roles: Array<StandardRoleType | CustomRoleRecord>): AdminRecord => ({
      id: newUserId(),
      login: `${first}.${last}@${domain}.example`.toLowerCase(),
      firstName: first,
      lastName: last,
      created,
      token: newApiToken(),
      tokenId: newApiTokenId(),
      roles: roles.map((r) => assignment(r, created)),
    });
    this.superAdmin = admin('Ada', 'Admin', ['SUPER_ADMIN']);
    this.readOnlyAdmin = admin('Rory', 'Reader', ['READ_ONLY_ADMIN']);
    this.customRoleAdmin = admin('Casey', 'Rotator', [rotator]);
    this.appAdmin = admin('Avery', 'Apps', ['APP_ADMIN']);
    this.admins = [this.superAdmin, this.readOnlyAdmin, this.customRoleAdmin, this.appAdmin];
  }

  all(): readonly AdminRecord[] {
    return this.admins;
  }

  byToken(token: string): AdminRecord | undefined {
    return this.admins.find((a) => a.token === token);
  }

  /** By id, or by login (case-insensitive), as GET /api/v1/users/{id} accepts. */
  byIdOrLogin(idOrLogin: string): AdminRecord | undefined {
    const login = idOrLogin.toLowerCase();
    return this.admins.find((a) => a.id === idOrLogin || a.login === login);
  }

  /** A custom role by id or by label, as GET /api/v1/iam/roles/{roleIdOrLabel}/permissions accepts. */
  customRole(idOrLabel: string): CustomRoleRecord | undefined {
    return this.customRoles.find((r) => r.id === idOrLabel || r.label === idOrLabel);
  }
}

/** Whether `admin` has `right` through any of their roles. */
export function adminMay(admin: AdminRecord, right: AdminRight): boolean {
  return admin.roles.some((r) =>
    r.type === 'CUSTOM'
      ? r.role.permissions.some((p) => PERMISSION_RIGHTS[p]?.includes(right))
      : STANDARD_RIGHTS[r.type].includes(right),
  );
}
