// Brings a rotation's checklist back when VS Code restores its panel (after a reload, or in a window just opened on
// the same folder): the rotation is resumed (one engine for it in this window, however it is asked for), or the
// panel closed when the rotation ended meanwhile.
import * as vscode from 'vscode';
import { isFinished } from '../../rotation/model/journal.ts';
import type { Log } from '../platform/log.ts';
import { CHECKLIST_VIEW_TYPE, PageStateSchema } from './checklistProtocol.ts';
import type { RunningRotations } from './runningRotations.ts';

export function registerChecklistSerializer(rotations: RunningRotations, log: Log): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(CHECKLIST_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel, state) => {
      const parsed = PageStateSchema.safeParse(state);
      const journal = parsed.success ? await rotations.loadJournal(parsed.data.rotationId) : undefined;
      if (!journal || isFinished(journal)) {
        log.info(
          `Not restoring a checklist panel: ${parsed.success ? `rotation ${parsed.data.rotationId} is ${journal ? 'finished' : 'unknown'}` : 'no rotation id in its state'}`,
        );
        panel.dispose();
        return;
      }
      try {
        await rotations.resume(journal, panel);
      } catch (e) {
        log.error(`Restoring the checklist of rotation ${journal.rotationId}`, e);
        const choice = await vscode.window.showErrorMessage(
          `The checklist of the rotation in ${journal.org.host} could not be restored: ${e instanceof Error ? e.message : String(e)}`,
          'Show Log',
        );
        if (choice === 'Show Log') log.show();
      }
    },
  });
}
