// Remove Org: drops it from the settings and deletes its credentials.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { UserCancelled } from '../platform/cancellation.ts';
import { resolveOrg } from './targets.ts';

export async function removeOrg(s: Services, node?: unknown): Promise<void> {
  const org = await resolveOrg(s, node, 'Which org to remove?');
  const choice = await vscode.window.showWarningMessage(
    `Remove ${org.label} (${org.key}) from VS Code?`,
    {
      modal: true,
      detail:
        "Its credentials (API token or OAuth service app key) are deleted from VS Code's secret storage. Nothing changes in Okta.",
    },
    'Remove Org',
  );
  if (choice !== 'Remove Org') throw new UserCancelled();
  await s.credentials.delete(org.key);
  s.clients.forget(org.key);
  await s.settings.remove(org.key);
  s.log.info(`Removed org ${org.key}`);
}
