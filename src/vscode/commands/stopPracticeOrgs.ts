// Stop Practice Orgs: stops the simulator and removes the practice orgs, their tokens and their rotations. Asks
// first only when a rehearsal is unfinished (it cannot be resumed afterwards); otherwise practice is cheap.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { UserCancelled } from '../platform/cancellation.ts';

export async function stopPracticeOrgs(s: Services): Promise<void> {
  const practiceKeys = new Set(
    s.settings
      .read()
      .orgs.filter((o) => o.practice)
      .map((o) => o.key),
  );
  for (const o of s.practice.served) practiceKeys.add(o.key);
  const unfinished = s.rotations.unfinished().filter((j) => practiceKeys.has(j.org.host));
  if (unfinished.length > 0) {
    const stop = 'Stop Practice Orgs';
    const choice = await vscode.window.showWarningMessage(
      `Stop the practice orgs? ${unfinished.length === 1 ? 'A rehearsal is' : `${unfinished.length} rehearsals are`} still in progress.`,
      {
        modal: true,
        detail:
          'The simulated orgs, their tokens and their rotation journals are removed; an unfinished rehearsal cannot be resumed. Real orgs are not touched.',
      },
      stop,
    );
    if (choice !== stop) throw new UserCancelled();
  }
  const { removed } = await s.practice.stop();
  void vscode.window.showInformationMessage(
    removed.length > 0
      ? `Practice orgs stopped and removed (${removed.join(', ')}).`
      : 'There were no practice orgs to stop.',
  );
}
