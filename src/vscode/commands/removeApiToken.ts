// Remove API Token (its title kept for familiarity): deletes the org's credentials from SecretStorage, whichever
// kind they are, an API token or an OAuth service app's key. Every window follows through
// SecretStorage.onDidChange.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { UserCancelled } from '../platform/cancellation.ts';
import { resolveOrg } from './targets.ts';
import { describeCredential } from '../../orgs/orgCredential.ts';

export async function removeApiToken(s: Services, node?: unknown): Promise<void> {
  const org = await resolveOrg(s, node, 'Remove the credentials of which org?', { needsToken: true });
  const credential = await s.credentials.get(org.key);
  const what = credential ? describeCredential(credential) : 'credentials';
  const stillValid =
    credential?.type === 'serviceApp'
      ? 'the service app and its key stay valid in Okta until you deactivate the app or remove its public key there.'
      : 'the token itself stays valid in Okta until you revoke it there.';
  const choice = await vscode.window.showWarningMessage(
    `Remove the ${what} of ${org.label} (${org.key})?`,
    {
      modal: true,
      detail: `Remove API Token removes whichever credentials the org has (API token or OAuth service app). They are deleted from VS Code's secret storage; ${stillValid}`,
    },
    'Remove API Token',
  );
  if (choice !== 'Remove API Token') throw new UserCancelled();
  await s.credentials.delete(org.key);
  s.log.info(`Removed the ${what} of ${org.key}`);
}
