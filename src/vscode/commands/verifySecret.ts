// Verify Secret: the token-endpoint probe with the value Okta listed, held in memory by the tree. The value is
// never shown, logged or put in a message.
import * as vscode from 'vscode';
import type { Services } from '../services.ts';
import { toAbortSignal } from '../cancellation.ts';
import { resolveSecret } from './targets.ts';
import { reportWaits } from '../waitProgress.ts';

export async function verifySecret(s: Services, node?: unknown): Promise<void> {
  const target = await resolveSecret(s, node, 'verify', (v) => v.hasValue);
  const value = s.tree.secretValue(target.org.key, target.secret.id);
  if (value === undefined) {
    void vscode.window.showWarningMessage(
      `Okta did not list the value of secret ${target.secret.masked} in ${target.org.label}; refresh and try again.`,
    );
    return;
  }
  const client = await s.clients.get(target.org);
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `${target.org.label}: verifying ${target.secret.masked}…`,
      cancellable: true,
    },
    async (progress, cancel) => {
      const bridge = toAbortSignal(cancel);
      const waits = reportWaits(s.clients, new Map([[target.org.key, target.org.label]]), progress);
      try {
        return await client.verifyClientSecret(target.app, value, bridge.signal);
      } finally {
        waits.dispose();
        bridge.dispose();
      }
    },
  );
  const what = `Client secret ${target.secret.masked} of ${target.app.label} in ${target.org.label}`;
  s.log.info(`${target.org.key}: verify ${target.secret.id}: ${result.outcome} (${result.reason})`);
  if (result.outcome === 'valid') void vscode.window.showInformationMessage(`${what} authenticates.`);
  else if (result.outcome === 'invalid')
    void vscode.window.showErrorMessage(`${what} does NOT authenticate: ${result.reason}`);
  else
    void vscode.window.showWarningMessage(
      `${what}: could not tell whether it authenticates (${result.reason}). Try again later.`,
    );
}
