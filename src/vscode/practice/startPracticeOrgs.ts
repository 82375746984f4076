// Start Practice Orgs: the bundled simulator's Preview and Production org appear in the tree, tokens set, ready
// for a rehearsal of the whole rotation. Also run at activation when oktaWorkflows.startPracticeOrgsOnStartup is
// true (what `npm run demo` sets).
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { orgRef } from '../orgs/orgRef.ts';

const STARTUP_SETTING = 'startPracticeOrgsOnStartup';

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

/** At activation: starts them when the setting asks for it. Failures go to the log and a message, never throw. */
export function startPracticeOrgsIfConfigured(s: Services): void {
  if (vscode.workspace.getConfiguration('oktaWorkflows').get<unknown>(STARTUP_SETTING) !== true) return;
  s.practice.start().then(
    (orgs) =>
      s.log.info(
        `Practice orgs started at startup (setting oktaWorkflows.${STARTUP_SETTING}): ${orgs.map((o) => o.key).join(', ')}`,
      ),
    (e: unknown) => {
      s.log.error(`Starting the practice orgs at startup (setting oktaWorkflows.${STARTUP_SETTING})`, e);
      void vscode.window
        .showErrorMessage(
          `The practice orgs could not be started: ${e instanceof Error ? e.message : String(e)}`,
          'Show Log',
        )
        .then((c) => {
          if (c === 'Show Log') s.log.show();
        });
    },
  );
}
