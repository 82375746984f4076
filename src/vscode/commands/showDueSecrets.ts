// Show Due Secrets (the reminders' status bar item runs it): the orgs with a secret due for rotation, most overdue
// first; picking one starts its rotation, and with several due, the first item rotates them together in a campaign.
import * as vscode from 'vscode';
import { orgRef } from '../orgs/orgRef.ts';
import { required } from '../platform/cancellation.ts';
import { utcDateTime } from '../../presentation/time.ts';
import type { Services } from '../platform/services.ts';
import { describeDue } from '../../fleet/secretDue.ts';

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
  const items: Array<vscode.QuickPickItem & { key?: string }> = [...byOrg].map(([key, secrets]) => {
    const org = s.settings.find(key);
    return {
      label: org?.label ?? key,
      description: secrets.map((d) => `${d.masked} ${describeDue(d.created, maxAgeDays, now) ?? ''}`).join(' · '),
      detail: `${key} · ${org?.environment ?? ''} · ${secrets.map((d) => `${d.masked} created ${utcDateTime(d.created)}`).join(', ')}`,
      key,
    };
  });
  if (byOrg.size > 1)
    items.unshift({
      label: `$(checklist) Rotate all ${byOrg.size} orgs together…`,
      description: 'one campaign, preview orgs first',
    });
  const pick = required(
    await vscode.window.showQuickPick(items, {
      title: `Okta Workflows secrets due for rotation (maximum age ${maxAgeDays} days)`,
      placeHolder: 'Rotate the Workflows secret of which org?',
      ignoreFocusOut: true,
    }),
  );
  if (pick.key === undefined) await vscode.commands.executeCommand('oktaWorkflows.rotateDueSecrets');
  else await vscode.commands.executeCommand('oktaWorkflows.rotateSecret', orgRef(pick.key));
}
