// Who acts in a rotation: the Okta identity behind the credential (an API token acts as the admin who created it,
// whose login Okta's users/me gives; a service app acts as itself, named by its client id) and the operating-system
// user running VS Code. Asking Okta may be refused or fail: the actor then says why, and the rotation goes on.
import { userInfo } from 'node:os';
import type { Actor } from './record.ts';

/** What the history needs of an Okta client to name the admin behind an API token. */
export interface OktaIdentityReader {
  whoAmI(signal?: AbortSignal): Promise<{ ok: true; id: string; login: string } | { ok: false; detail: string }>;
}

export type ActingCredential = { type: 'apiToken' } | { type: 'serviceApp'; clientId: string } | undefined;

/** The name of the operating-system user, or what the environment says when the OS has no entry for it. */
export function osUserName(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers): the environment is the next best witness.
  }
  return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
}

export async function actorFor(
  credential: ActingCredential,
  identity: OktaIdentityReader | undefined,
  at: string,
  osUser: string = osUserName(),
): Promise<Actor> {
  if (credential === undefined)
    return { at, osUser, credential: 'unknown', note: 'the org had no credential when the rotation was recorded' };
  if (credential.type === 'serviceApp') return { at, osUser, credential: 'serviceApp', clientId: credential.clientId };
  if (!identity)
    return { at, osUser, credential: 'apiToken', note: "the admin behind the token was not asked (Okta's users/me)" };
  try {
    const me = await identity.whoAmI();
    return me.ok
      ? { at, osUser, credential: 'apiToken', oktaUserId: me.id, oktaLogin: me.login }
      : { at, osUser, credential: 'apiToken', note: `Okta's users/me was not permitted (${me.detail})` };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { at, osUser, credential: 'apiToken', note: `Okta's users/me could not be read (${why})` };
  }
}
