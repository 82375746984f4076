// Confirmations for changes in Okta: a modal naming org, app and the masked secret; a production org needs the
// person to type its domain as well, so a reflex click cannot change production.
import * as vscode from 'vscode';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { UserCancelled } from '../platform/cancellation.ts';

export async function confirmChange(org: OrgConfig, message: string, detail: string, action: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  if (choice !== action) throw new UserCancelled();
  if (org.environment === 'production') await confirmProduction(org, action);
}

async function confirmProduction(org: OrgConfig, action: string): Promise<void> {
  const typed = await vscode.window.showInputBox({
    title: `${action} in a PRODUCTION org`,
    prompt: `${org.label} is a production org. Type its domain, ${org.key}, to confirm.`,
    placeHolder: org.key,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === org.key ? undefined : `Type ${org.key} exactly to confirm.`),
  });
  if (typed?.trim() !== org.key) throw new UserCancelled();
}
