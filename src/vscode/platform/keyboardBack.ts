// A modal or an input box opened by a page's request takes the keyboard out of the page. VS Code gives the focus
// back to what had it, but a webview's frame does not always get it (seen in code-server on a loaded machine): a
// person on the keyboard alone would then be nowhere. So the page is focused again once the modal part is over.
import type * as vscode from 'vscode';

/** Runs `ask` (the modal, and any input box after it), then focuses `panel` again if it is still the active one. */
export async function keyboardBackTo<T>(panel: vscode.WebviewPanel, ask: () => Thenable<T>): Promise<T> {
  try {
    return await ask();
  } finally {
    try {
      if (panel.active) panel.reveal(panel.viewColumn, false);
    } catch {
      // The panel was closed meanwhile: nothing to give the keyboard back to.
    }
  }
}
