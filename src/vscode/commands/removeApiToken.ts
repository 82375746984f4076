// Remove API Token: deletes it from SecretStorage (every window follows through SecretStorage.onDidChange).
import * as vscode from 'vscode';
import type { Services } from '../services.ts';
import { UserCancelled } from '../cancellation.ts';
import { resolveOrg } from './targets.ts';

export async function removeApiToken(s: Services, node?: unknown): Promise<void> {
  const org = await resolveOrg(s, node, 'Remove the API token of which org?', { needsToken: true });
  const choice = await vscode.window.showWarningMessage(`Remove the API token of ${org.label} (${org.key})?`, { modal: true, detail: 'It is deleted from VS Code\'s secret storage; the token itself stays valid in Okta until you revoke it there.' }, 'Remove API Token');
  if (choice !== 'Remove API Token') throw new UserCancelled();
  await s.tokens.delete(org.key);
  s.clients.forget(org.key);
  s.log.info(`Removed the API token of ${org.key}`);
}
