// Set API Token: a password input, checked against the org (the Workflows app must be found with it) before
// it is stored in SecretStorage, replacing whatever credential the org had. The token never appears in a log
// line or a message.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { required } from '../platform/cancellation.ts';
import { resolveOrg } from './targets.ts';
import { checkAndStore } from './checkAndStore.ts';
import { storedMessage, type StoredMessage } from '../../orgs/credentialVerdict.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgCredential } from '../../orgs/orgCredential.ts';

export async function setApiToken(s: Services, node?: unknown): Promise<void> {
  const org = await resolveOrg(s, node, 'Set the API token of which org?');
  const { app, capability } = await checkAndStore(s, org, await askApiToken(s, org));
  showStored(storedMessage('API token', org.label, app, capability));
}

/** The API token for `org`, from a password input (UserCancelled when dismissed); nothing is stored here. */
export async function askApiToken(s: Services, org: Pick<OrgConfig, 'key' | 'label'>): Promise<OrgCredential> {
  const token = required(
    await vscode.window.showInputBox({
      title: `API token for ${org.label} (${org.key})`,
      prompt:
        "Create it in the Admin Console (Security → API → Tokens) as an admin who can manage apps. It is checked against the org, then kept in VS Code's secret storage.",
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) =>
        /^[\x21-\x7e]{10,200}$/.test(v.trim())
          ? undefined
          : 'An Okta API token is a single word of 10 to 200 printable characters.',
    }),
  ).trim();
  s.log.addKnownSecret(token);
  return { type: 'apiToken', token };
}

/** The stored credential's message: a warning when it may not manage the secret. */
export function showStored(m: StoredMessage): void {
  if (m.warning) void vscode.window.showWarningMessage(m.text);
  else void vscode.window.showInformationMessage(m.text);
}
