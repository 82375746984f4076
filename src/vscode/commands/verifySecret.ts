// Verify Secret: the token-endpoint probe with the value Okta listed, held in memory by the tree. The value is
// never shown, logged or put in a message.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { resolveSecret } from './targets.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';

export async function verifySecret(s: Services, node?: unknown): Promise<void> {
  const target = await resolveSecret(s, node, 'verify', (v) => v.hasValue);
  const value = s.orgState.secretValue(target.org.key, target.secret.id);
  if (value === undefined) {
    void vscode.window.showWarningMessage(
      `Okta did not list the value of secret ${target.secret.masked} in ${target.org.label}; refresh and try again.`,
    );
    return;
  }
  const client = await s.clients.get(target.org);
  const result = await withOktaProgress(
    s.clients,
    { title: `${target.org.label}: verifying ${target.secret.masked}…`, orgs: [target.org] },
    (signal) => client.verifyClientSecret(target.app, value, signal),
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
