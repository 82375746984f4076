// Add Org: a domain or a pasted Admin Console URL (the app id is taken from it), the environment, a name, then how
// the extension signs in (API token or OAuth service app) and that credential.
import * as vscode from 'vscode';
import { parseOrgInput } from '../../okta/orgInput.ts';
import type { Services } from '../platform/services.ts';
import { required } from '../platform/cancellation.ts';
import { CREDENTIAL_METHODS, defaultMethod } from './credentialInput.ts';
import { setCommandFor } from '../storage/orgCredential.ts';
import { orgRef } from '../orgs/orgRef.ts';

export async function addOrg(s: Services): Promise<void> {
  const input = required(
    await vscode.window.showInputBox({
      title: 'Add Okta Org (1/4)',
      prompt: 'The org domain (acme.okta.com) or the Admin Console URL of the Okta Workflows OAuth app.',
      placeHolder: 'acme.okta.com',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          parseOrgInput(v, { allowLoopback: true });
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      },
    }),
  );
  const address = parseOrgInput(input, { allowLoopback: true });
  const env = required(
    await vscode.window.showQuickPick(
      [
        {
          label: 'Preview',
          description: 'a sandbox org: rotate here first',
          value: 'preview' as const,
          picked: address.isPreview === true,
        },
        {
          label: 'Production',
          description: 'every change asks for an extra confirmation',
          value: 'production' as const,
          picked: address.isPreview === false,
        },
      ],
      { title: `Add Okta Org (2/4): is ${address.host} a preview or a production org?`, ignoreFocusOut: true },
    ),
  );
  const label = required(
    await vscode.window.showInputBox({
      title: 'Add Okta Org (3/4): a name for the tree',
      value: address.host.split('.')[0] ?? address.host,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim().length > 0 && v.length <= 200 ? undefined : 'Enter a name (up to 200 characters).',
    }),
  );
  const current = (await s.credentials.get(address.host))?.type;
  const method = required(
    await vscode.window.showQuickPick(
      CREDENTIAL_METHODS.map((m) => ({ ...m, picked: m.type === defaultMethod(current) })),
      { title: `Add Okta Org (4/4): how does the extension sign in to ${address.host}?`, ignoreFocusOut: true },
    ),
  );
  await s.settings.add(address, label.trim(), env.value);
  s.log.info(`Added org ${address.host} (${env.value})${address.appId ? ` with app id ${address.appId}` : ''}`);
  await vscode.commands.executeCommand(setCommandFor(method.type).command, orgRef(address.host));
}
