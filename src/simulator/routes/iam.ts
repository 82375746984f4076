// GET /api/v1/iam/roles/{roleIdOrLabel}/permissions: a custom role's permissions, by its id or its label. A standard
// role is not a custom role: 404 (inferred from the operation's description, "Lists all permissions for a custom role").
import { notFound } from '../errors.ts';
import { fromError, json } from '../answer.ts';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';
import { permissionsJson } from '../identityRepresentations.ts';

export function listRolePermissions(ctx: RequestContext, roleIdOrLabel: string): Answer {
  const role = ctx.org.admins.customRole(roleIdOrLabel);
  if (!role) return fromError(notFound(roleIdOrLabel, 'Role'));
  return json(200, permissionsJson(ctx.org.baseUrl, role));
}
