// The pipeline's credential stage for the management API: an admin's API token (SSWS), checked by the admin's
// rights, or a service app's access token (DPoP), checked by serviceApp.ts with the scopes the route needs.
import type { IncomingHttpHeaders } from 'node:http';
import type { Answer } from './answer.ts';
import { fromError } from './answer.ts';
import { adminMay } from './admins.ts';
import { accessDenied, invalidToken } from './errors.ts';
import type { Principal } from './logEvents.ts';
import type { OrgState } from './orgState.ts';
import type { Access } from './routes/index.ts';

/** Who sent the request, or the refusal to send: 401 for no valid credential, 403 for one without the right. */
export function authorize(
  org: OrgState,
  headers: IncomingHttpHeaders,
  method: string,
  url: URL,
  access: Access | undefined,
): Answer | Principal {
  const scheme = /^(\S+)\s/.exec(headers.authorization ?? '')?.[1]?.toLowerCase();
  const app = org.serviceApp;
  if (app && (scheme === 'dpop' || scheme === 'bearer')) {
    const refused = app.authorizeApi(
      headers.authorization ?? '',
      headers.dpop,
      method,
      `${url.origin}${url.pathname}`,
      access?.scopes ?? [],
    );
    return refused ?? { kind: 'serviceApp', clientId: app.clientId, label: app.label };
  }
  const m = /^SSWS\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  const admin = m?.[1] ? org.adminByToken(m[1]) : undefined;
  if (!admin) return fromError(invalidToken());
  if (access && access.right !== 'self' && !adminMay(admin, access.right)) return fromError(accessDenied());
  return { kind: 'admin', admin };
}
