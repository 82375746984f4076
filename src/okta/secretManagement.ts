// Can this credential manage the Workflows app's client secrets? Judged without side effects, from what Okta lets us
// read (identity.ts gathers it): a service app's granted scopes, or an API token's admin roles and their custom roles'
// permissions. Pure: evidence in, verdict out.
//
// The rules, and where each comes from (README, "Least privilege"):
//   Service app
//     S1 documented (the spec's scopes): okta.apps.manage "allows the app to create and manage Apps" -> able. Okta
//        also requires an admin role on a service app (its service-app guide); a token does not show it.
//     S2 documented: okta.apps.read alone reads apps and cannot change them -> readOnly.
//   API token (it carries its admin's rights)
//     A1 documented (help, "Standard administrator roles"): SUPER_ADMIN has full management access -> able.
//     A2 inferred: ORG_ADMIN and APP_ADMIN manage apps (Okta names them among the roles of okta.apps.manage
//        operations; an app admin may be limited to some apps) -> able.
//     A3 documented (permissions catalog): a custom role with okta.apps.manage manages apps -> able (its resource
//        set must include the Workflows app; we do not read resource sets).
//     A4 documented (help, "Read-only administrators"): READ_ONLY_ADMIN edits nothing -> cannot.
//     A5 inferred: a custom role without okta.apps.manage, and the other standard roles (help desk, report, user,
//        group membership, mobile admins) cannot; API_ACCESS_MANAGEMENT_ADMIN, WORKFLOWS_ADMIN and role types we do
//        not know may or may not -> unknown.
//     A6 inferred: a 403 on the roles means the admin may not view admin assignments, which Okta documents only for
//        super admins and custom roles with okta.iam.read -> unknown (never a failure). So is a custom role whose
//        permissions cannot be read.
//     A7 inferred: inactive assignments grant nothing; an admin with no active role cannot manage.
//   Verdict: able if any role or scope can; otherwise unknown if any is unknown; otherwise readOnly.
import type { AdminRole, CredentialIdentity, RoleEvidence, SecretManagementEvidence } from './identity.ts';
import { isRoleId } from './ids.ts';

const MANAGE = 'okta.apps.manage';
const READ = 'okta.apps.read';

type SecretManagementVerdict = 'able' | 'readOnly' | 'unknown';

export interface SecretManagementAssessment {
  /** able: Okta should accept secret changes; readOnly: it will refuse them; unknown: Okta does not let us tell. */
  verdict: SecretManagementVerdict;
  identity: CredentialIdentity;
  /** Why, one sentence each, in our words: role types, role ids and scope names, never Okta's free text. */
  reasons: string[];
  /** What to do; absent when the verdict is able. */
  advice?: string;
  /** documented: every rule the verdict rests on is Okta's documented behaviour; inferred: one of them is ours. */
  basis: 'documented' | 'inferred';
}

const LEAST_PRIVILEGE =
  'a custom admin role with okta.apps.read, okta.apps.manage and okta.iam.read (the last lets the extension check it), or an OAuth service app granted okta.apps.read and okta.apps.manage';

const CANNOT_MANAGE = new Set([
  'READ_ONLY_ADMIN',
  'HELP_DESK_ADMIN',
  'REPORT_ADMIN',
  'USER_ADMIN',
  'GROUP_MEMBERSHIP_ADMIN',
  'MOBILE_ADMIN',
  'ACCESS_CERTIFICATIONS_ADMIN',
  'ACCESS_REQUESTS_ADMIN',
]);

type Finding = { verdict: SecretManagementVerdict; documented: boolean; reason: string };

const shownType = (type: string) => (/^[A-Z][A-Z0-9_]{1,63}$/.test(type) ? type : 'a role of another type');

function serviceApp(e: { clientId: string; grantedScopes: readonly string[] }): SecretManagementAssessment {
  const identity: CredentialIdentity = { kind: 'serviceApp', clientId: e.clientId };
  if (e.grantedScopes.includes(MANAGE)) {
    return {
      verdict: 'able',
      identity,
      basis: 'documented',
      reasons: [
        `The service app was granted ${MANAGE}.`,
        'Okta also requires an admin role assigned to the service app (for example Application Administrator), which its token does not show.',
      ],
    };
  }
  return {
    verdict: 'readOnly',
    identity,
    basis: 'documented',
    reasons: [
      e.grantedScopes.includes(READ)
        ? `The service app was granted ${READ} but not ${MANAGE}: Okta will refuse to create, deactivate or delete a secret.`
        : `The service app was granted neither ${READ} nor ${MANAGE}.`,
    ],
    advice: `Grant ${MANAGE} to the service app (Admin Console > Applications > the app > Okta API Scopes), then set it again.`,
  };
}

function roleFinding(role: AdminRole, permissions: ReadonlyMap<string, RoleEvidence>): Finding {
  const type = role.type;
  if (type === 'SUPER_ADMIN') return { verdict: 'able', documented: true, reason: 'The admin is a super admin.' };
  if (type === 'ORG_ADMIN' || type === 'APP_ADMIN')
    return {
      verdict: 'able',
      documented: false,
      reason: `The admin has the ${type} role, which manages apps (an app admin may be limited to some apps).`,
    };
  if (type === 'CUSTOM') {
    const id = role.roleId !== undefined && isRoleId(role.roleId) ? role.roleId : undefined;
    const evidence = id === undefined ? undefined : permissions.get(id);
    const named = id === undefined ? 'A custom role' : `Custom role ${id}`;
    if (!evidence || 'unreadable' in evidence)
      return {
        verdict: 'unknown',
        documented: false,
        reason: `${named} is assigned, but Okta did not let us read its permissions.`,
      };
    if (evidence.permissions.includes(MANAGE))
      return {
        verdict: 'able',
        documented: true,
        reason: `${named} includes ${MANAGE} (its resource set must include the Workflows app).`,
      };
    return { verdict: 'readOnly', documented: true, reason: `${named} does not include ${MANAGE}.` };
  }
  if (CANNOT_MANAGE.has(type))
    return {
      verdict: 'readOnly',
      documented: type === 'READ_ONLY_ADMIN',
      reason: `The ${type} role cannot manage apps.`,
    };
  return {
    verdict: 'unknown',
    documented: false,
    reason: `Whether ${shownType(type)} may manage apps is not known to the extension.`,
  };
}

function admin(e: Extract<SecretManagementEvidence, { kind: 'admin' }>): SecretManagementAssessment {
  const identity = e.admin;
  if (!e.roles.listed) {
    return {
      verdict: 'unknown',
      identity,
      basis: 'inferred',
      reasons: [
        'Okta did not let the API token list its admin roles (403): only super admins and custom roles with okta.iam.read may, so this admin is neither.',
      ],
      advice: `Okta answers only when the secret is first changed (step 3 creates the new one). Rehearse on a Preview org first, or use a token of a super admin or of ${LEAST_PRIVILEGE}.`,
    };
  }
  const { permissions } = e.roles;
  const findings = e.roles.roles.filter((r) => r.status === 'ACTIVE').map((r) => roleFinding(r, permissions));
  const able = findings.filter((f) => f.verdict === 'able');
  if (able.length > 0) {
    return {
      verdict: 'able',
      identity,
      basis: able.some((f) => f.documented) ? 'documented' : 'inferred',
      reasons: able.map((f) => f.reason),
    };
  }
  const unknown = findings.filter((f) => f.verdict === 'unknown');
  if (unknown.length > 0) {
    return {
      verdict: 'unknown',
      identity,
      basis: 'inferred',
      reasons: findings.map((f) => f.reason),
      advice: `Check the admin's roles in the Admin Console (Security > Administrators), or use a token of a super admin or of ${LEAST_PRIVILEGE}.`,
    };
  }
  return {
    verdict: 'readOnly',
    identity,
    basis: findings.length > 0 && findings.every((f) => f.documented) ? 'documented' : 'inferred',
    reasons: findings.length > 0 ? findings.map((f) => f.reason) : ['The admin has no active admin role.'],
    advice: `Okta will refuse to create, deactivate or delete the secret with this API token. Use a token of a super admin or of ${LEAST_PRIVILEGE}.`,
  };
}

/** The verdict on `evidence`, with its reasons and what to do. */
export function assessSecretManagement(evidence: SecretManagementEvidence): SecretManagementAssessment {
  return evidence.kind === 'serviceApp' ? serviceApp(evidence) : admin(evidence);
}
