// Long Okta work under a cancellable progress notification: VS Code's Cancel (and any other signal given) aborts
// the one AbortSignal the client and the engine understand, and the client's waits (a 429's wait, a retry's
// backoff) are said in the notification while the work runs, then cleared.
import * as vscode from 'vscode';
import type { OktaClients } from '../connection/oktaClients.ts';
import { waitMessage } from './waitMessage.ts';

/** The orgs whose waits are shown: key → label (the label is shown only when several orgs share one notification). */
type OrgLabels = ReadonlyArray<{ readonly key: string; readonly label: string }>;

export interface OktaProgressOptions {
  title: string;
  orgs: OrgLabels;
  /** Aborts the work too (the checklist page's own Cancel button). */
  alsoAbortedBy?: AbortSignal;
}

export function withOktaProgress<T>(
  clients: OktaClients,
  options: OktaProgressOptions,
  work: (signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true },
    async (progress, cancel) => {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      if (cancel.isCancellationRequested || options.alsoAbortedBy?.aborted) abort();
      const cancelled = cancel.onCancellationRequested(abort);
      options.alsoAbortedBy?.addEventListener('abort', abort, { once: true });
      const waits = reportWaits(clients, new Map(options.orgs.map((o) => [o.key, o.label])), progress);
      try {
        return await work(controller.signal);
      } finally {
        waits.dispose();
        cancelled.dispose();
        options.alsoAbortedBy?.removeEventListener('abort', abort);
      }
    },
  );
}

function reportWaits(
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
