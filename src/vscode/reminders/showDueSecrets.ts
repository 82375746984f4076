// Show Due Secrets (the reminders' status bar item runs it): the orgs with a secret due for rotation, most overdue
// first; picking one starts its rotation.
import * as vscode from 'vscode';
import { orgRef } from '../orgs/orgRef.ts';
import { required } from '../platform/cancellation.ts';
import type { Services } from '../platform/services.ts';
import { describeDue } from './dueSecrets.ts';

export async function showDueSecrets(s: Services): Promise<void> {
  const due = s.reminders.dueNow();
  if (due.length === 0) {
    void vscode.window.showInformationMessage(
      'No Okta Workflows secret is due for rotation (as of the last refresh of each org).',
    );
    return;
  }
  const maxAgeDays = s.settings.number('maxSecretAgeDays', 90);
  const now = new Date();
  const byOrg = new Map<string, typeof due>();
  for (const d of due) byOrg.set(d.orgKey, [...(byOrg.get(d.orgKey) ?? []), d]);
  const items = [...byOrg].map(([key, secrets]) => {
    const org = s.settings.find(key);
    return {
      label: org?.label ?? key,
      description: secrets.map((d) => `${d.masked} ${describeDue(d.created, maxAgeDays, now) ?? ''}`).join(' · '),
      detail: `${key} · ${org?.environment ?? ''} · ${secrets.map((d) => `${d.secretId} created ${d.created.slice(0, 10)}`).join(', ')}`,
      key,
    };
  });
  const pick = await vscode.window.showQuickPick(items, {
    title: `Okta Workflows secrets due for rotation (maximum age ${maxAgeDays} days)`,
    placeHolder: 'Rotate the Workflows secret of which org?',
    ignoreFocusOut: true,
  });
  await vscode.commands.executeCommand('oktaWorkflows.rotateSecret', orgRef(required(pick).key));
}
