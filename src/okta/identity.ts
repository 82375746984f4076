// Who the credential is and what its admin roles are, read without side effects: the admin behind an API token
// (GET /api/v1/users/me), the roles assigned to an admin (GET /api/v1/users/{userId}/roles) and a custom role's
// permissions (GET /api/v1/iam/roles/{roleId}/permissions). A service app has no user: its identity is its client id
// and what it may do is the scopes its token was granted (oauth/serviceAppAuth.ts), so it needs no call here.
import type { Authenticator } from './auth.ts';
import { isOktaError } from './errors.ts';
import { parseResponse, protocolError } from './http/parseResponse.ts';
import type { RequestLoop } from './http/requestLoop.ts';
import { PermissionsSchema, RoleAssignmentListSchema, UserSchema } from './identitySchemas.ts';
import { assertRoleId, assertUserId, isRoleId, isUserId, shownRoleId, shownUserId } from './ids.ts';

/** What is read here for secretManagement.ts to judge: a custom role's permissions, or why they are unknown. */
export type RoleEvidence = { permissions: readonly string[] } | { unreadable: 'forbidden' | 'notFound' };

export type SecretManagementEvidence =
  | { kind: 'serviceApp'; clientId: string; grantedScopes: readonly string[] }
  | {
      kind: 'admin';
      admin: AdminIdentity;
      /** `listed: false`: Okta answered 403 to listing the admin's roles. Permissions are by custom role id. */
      roles:
        | { listed: false }
        | { listed: true; roles: readonly AdminRole[]; permissions: ReadonlyMap<string, RoleEvidence> };
    };

/** The admin behind an API token. `login` and `name` are Okta's profile text: escape them wherever they are shown. */
export interface AdminIdentity {
  kind: 'admin';
  /** The user id (00u…). */
  id: string;
  login: string;
  name: string;
}

export type CredentialIdentity = AdminIdentity | { kind: 'serviceApp'; clientId: string };

export interface AdminRole {
  /** SUPER_ADMIN, READ_ONLY_ADMIN, CUSTOM… (a type that is not an Okta role-type word is 'UNRECOGNIZED'). */
  type: string;
  /** An assignment Okta lists without a status counts as active. */
  status: 'ACTIVE' | 'INACTIVE';
  /** CUSTOM (and IAM-based standard roles): the role's id, to read its permissions. */
  roleId?: string;
  /** Okta's label for the role (an admin's free text for a custom role: escape it wherever it is shown). */
  label?: string;
}

const ROLE_TYPE = /^[A-Z][A-Z0-9_]{1,63}$/;

export class OrgIdentity {
  readonly #http: RequestLoop;
  /**
   * The admin behind the API token, once read: a token belongs to one admin for its life, and a client lives as long
   * as its credential (a new credential makes a new client), so users/me is asked once per credential and session.
   * Roles are not kept: an admin's rights can change while the session lasts.
   */
  #me: AdminIdentity | undefined;

  constructor(http: RequestLoop) {
    this.#http = http;
  }

  /** The admin an API token belongs to (asked of Okta the first time only; a failure is not kept). */
  async me(signal?: AbortSignal): Promise<AdminIdentity> {
    if (this.#me) return { ...this.#me };
    const operation = 'Reading the admin behind the API token';
    const org = this.#http.org;
    const res = await this.#get(operation, '/api/v1/users/me', signal);
    const user = parseResponse(operation, org, res, UserSchema);
    if (!isUserId(user.id)) throw protocolError(operation, org, 'the user id is not an Okta user id', res.status);
    const p = user.profile;
    const full = [p.firstName, p.lastName].filter((s) => typeof s === 'string' && s.length > 0).join(' ');
    this.#me = { kind: 'admin', id: user.id, login: p.login, name: p.displayName || full || p.login };
    return this.#me;
  }

  /** The admin roles assigned to the user `userId` (directly or through a group). */
  async roles(userId: string, signal?: AbortSignal): Promise<AdminRole[]> {
    const operation = `Listing the admin roles of user ${shownUserId(userId)}`;
    assertUserId(userId, operation, this.#http.org);
    const res = await this.#get(operation, `/api/v1/users/${userId}/roles`, signal);
    return parseResponse(operation, this.#http.org, res, RoleAssignmentListSchema).map((r) => {
      const role: AdminRole = { type: ROLE_TYPE.test(r.type) ? r.type : 'UNRECOGNIZED', status: r.status ?? 'ACTIVE' };
      if (r.role !== undefined && isRoleId(r.role)) role.roleId = r.role;
      if (r.label !== undefined) role.label = r.label;
      return role;
    });
  }

  /** The permissions of the custom role `roleId` (okta.apps.manage, …). */
  async permissions(roleId: string, signal?: AbortSignal): Promise<string[]> {
    const operation = `Reading the permissions of role ${shownRoleId(roleId)}`;
    assertRoleId(roleId, operation, this.#http.org);
    const res = await this.#get(operation, `/api/v1/iam/roles/${roleId}/permissions`, signal);
    const body = parseResponse(operation, this.#http.org, res, PermissionsSchema);
    return (body.permissions ?? []).flatMap((p) => (p.label === undefined ? [] : [p.label]));
  }

  /**
   * What Okta lets us read about the credential's right to manage app secrets: a service app's granted scopes, or an
   * admin's roles and their custom roles' permissions. A 403 on roles or permissions is evidence, not a failure.
   */
  async secretManagementEvidence(auth: Authenticator, signal?: AbortSignal): Promise<SecretManagementEvidence> {
    if (auth.serviceApp) {
      const { clientId } = auth.serviceApp;
      return { kind: 'serviceApp', clientId, grantedScopes: await auth.serviceApp.grantedScopes(signal) };
    }
    const admin = await this.me(signal);
    let roles: AdminRole[];
    try {
      roles = await this.roles(admin.id, signal);
    } catch (e) {
      if (isOktaError(e, 'forbidden')) return { kind: 'admin', admin, roles: { listed: false } };
      throw e;
    }
    const permissions = new Map<string, RoleEvidence>();
    for (const role of roles) {
      if (role.type !== 'CUSTOM' || role.roleId === undefined || permissions.has(role.roleId)) continue;
      try {
        permissions.set(role.roleId, { permissions: await this.permissions(role.roleId, signal) });
      } catch (e) {
        if (!isOktaError(e, 'forbidden') && !isOktaError(e, 'notFound')) throw e;
        permissions.set(role.roleId, { unreadable: e.kind === 'forbidden' ? 'forbidden' : 'notFound' });
      }
    }
    return { kind: 'admin', admin, roles: { listed: true, roles, permissions } };
  }

  #get(operation: string, path: string, signal: AbortSignal | undefined) {
    return this.#http.execute(
      {
        operation,
        method: 'GET',
        url: this.#http.url(path),
        tries: this.#http.readTries,
        appsBucket: false,
        authenticate: true,
      },
      signal,
    );
  }
}
