// Who acts in a rotation: the Okta identity behind the credential (an API token acts as the admin who created it,
// whose login Okta's users/me gives; a service app acts as itself, named by its client id, with no call) and the
// operating-system user running VS Code. Asking Okta may be refused or fail: the actor then says why, and the
// rotation goes on.
import { userInfo } from 'node:os';
import type { OktaClient } from '../okta/client.ts';
import { isOktaError } from '../okta/errors.ts';
import type { Actor } from './record.ts';

/** What the history needs of an Okta client to name who it acts as. */
export type OktaIdentityReader = Pick<OktaClient, 'whoAmI'>;

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

/** Who acts through `client` (undefined: the org has no credential), seen at `at`. */
export async function actorFor(
  client: OktaIdentityReader | undefined,
  at: string,
  osUser: string = osUserName(),
): Promise<Actor> {
  if (client === undefined)
    return { at, osUser, credential: 'unknown', note: 'the org had no credential when the rotation was recorded' };
  try {
    const me = await client.whoAmI();
    return me.kind === 'serviceApp'
      ? { at, osUser, credential: 'serviceApp', clientId: me.clientId }
      : { at, osUser, credential: 'apiToken', oktaUserId: me.id, oktaLogin: me.login };
  } catch (e) {
    // Only an API token makes a call (users/me): a failure here is about the admin behind one.
    const why = e instanceof Error ? e.message : String(e);
    const note = isOktaError(e, 'forbidden')
      ? `Okta's users/me was not permitted (${why})`
      : `Okta's users/me could not be read (${why})`;
    return { at, osUser, credential: 'apiToken', note };
  }
}
