// GET /api/v1/users/{id} ("me": the admin behind the API token) and GET /api/v1/users/{userId}/roles.
// A service app's access token has no user behind it: its `me` is 404 E0000007, as for any unknown user (inferred:
// Okta documents `me` only for API tokens and sessions).
import { notFound } from '../errors.ts';
import { fromError, json } from '../answer.ts';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';
import { roleAssignmentJson, userJson } from '../identityRepresentations.ts';

export function getUser(ctx: RequestContext, id: string): Answer {
  const { org, principal } = ctx;
  const admin = id === 'me' ? (principal?.kind === 'admin' ? principal.admin : undefined) : org.admins.byIdOrLogin(id);
  if (!admin) return fromError(notFound(id, 'User'));
  return json(200, userJson(org.baseUrl, admin), { ETag: `W/"${Date.parse(admin.created)}"` });
}

export function listUserRoles(ctx: RequestContext, userId: string): Answer {
  const { org } = ctx;
  const admin = org.admins.all().find((a) => a.id === userId);
  if (!admin) return fromError(notFound(userId, 'User'));
  return json(
    200,
    admin.roles.map((r) => roleAssignmentJson(org.baseUrl, admin, r)),
  );
}
