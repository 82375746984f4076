// Shows the Okta client's waits (a 429, a retry) in a progress notification while an operation runs, and clears
// the message when the wait is over.
import type * as vscode from 'vscode';
import type { OktaClients } from './clients.ts';
import { waitMessage } from './waitMessage.ts';

/** Reports waits of the orgs in `labels` (key → label; the label is shown only when several orgs share it). */
export function reportWaits(
  clients: OktaClients,
  labels: ReadonlyMap<string, string>,
  progress: vscode.Progress<{ message?: string }>,
): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sub = clients.onWait((orgKey, reason, ms) => {
    const label = labels.get(orgKey);
    if (label === undefined) return;
    const message = waitMessage(reason, ms, labels.size > 1 ? label : undefined);
    if (message === undefined) return;
    progress.report({ message });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => progress.report({ message: '' }), ms);
  });
  return {
    dispose: () => {
      sub.dispose();
      if (timer) clearTimeout(timer);
    },
  };
}
