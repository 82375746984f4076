// Start Practice Orgs: the bundled simulator's Preview and Production org appear in the tree, tokens set, ready
// for a rehearsal of the whole rotation. (At activation, PracticeOrgs.startIfConfigured starts them when the
// setting oktaWorkflows.startPracticeOrgsOnStartup asks for it.)
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { orgRef } from '../orgs/orgRef.ts';

export async function startPracticeOrgs(s: Services): Promise<void> {
  const wasRunning = s.practice.running;
  const orgs = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Starting the practice orgs…' },
    () => s.practice.start(),
  );
  await vscode.commands.executeCommand('workbench.view.extension.oktaWorkflows');
  const preview = orgs.find((o) => o.setting.environment === 'preview');
  const message = wasRunning
    ? 'The practice orgs are already running in this window.'
    : `Practice orgs started: ${orgs.map((o) => o.setting.label).join(' and ')}, simulated on this machine (127.0.0.1). Nothing here touches a real Okta org.`;
  const rehearse = 'Rehearse a Rotation';
  const choice = await vscode.window.showInformationMessage(message, rehearse);
  if (choice === rehearse && preview)
    await vscode.commands.executeCommand('oktaWorkflows.rotateSecret', orgRef(preview.key));
}
