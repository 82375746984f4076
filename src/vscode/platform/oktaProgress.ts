// Long Okta work under a cancellable progress notification: VS Code's Cancel (and any other signal given) aborts
// the one AbortSignal the client and the engine understand, and the client's waits (a 429's wait, a retry's
// backoff, an answer slow to come) are said in the notification while the work runs, then cleared. The work is
// one operation: one deadline (the setting oktaWorkflows.operationTimeoutSeconds) for everything it does.
import * as vscode from 'vscode';
import type { OktaClients } from '../connection/oktaClients.ts';
import { waitMessage } from './waitMessage.ts';

/** The orgs whose waits are shown: key → label (the label is shown only when several orgs share one notification). */
type OrgLabels = ReadonlyArray<{ readonly key: string; readonly label: string }>;

/** A wait at least this long, in work that has no notification of its own (a tree load), opens one. */
const LONG_WAIT_MS = 3000;

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
      const operation = clients.operation(controller.signal);
      try {
        return await work(operation.signal);
      } finally {
        operation.dispose();
        waits.dispose();
        cancelled.dispose();
        options.alsoAbortedBy?.removeEventListener('abort', abort);
      }
    },
  );
}

/**
 * For Okta work that runs without a notification (the tree loading an org): once the client waits long for the
 * org, a cancellable notification titled `title` says what it waits for until `done` settles; its Cancel calls
 * `cancel`. A short load shows nothing.
 */
export function announceLongWaits(
  clients: OktaClients,
  org: { readonly key: string; readonly label: string },
  title: string,
  cancel: () => void,
  done: Promise<unknown>,
): vscode.Disposable {
  let shown: vscode.Progress<{ message?: string }> | undefined;
  let opened = false;
  const sub = clients.onWait((orgKey, reason, ms) => {
    if (orgKey !== org.key) return;
    const message = waitMessage(reason, ms);
    if (shown && message) shown.report({ message });
    if (opened || ms < LONG_WAIT_MS || message === undefined) return;
    opened = true;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        shown = progress;
        progress.report({ message });
        const onCancel = token.onCancellationRequested(cancel);
        try {
          await done.catch(() => undefined); // the load reports its own failure in the tree and the log
        } finally {
          onCancel.dispose();
          shown = undefined;
        }
      },
    );
  });
  return { dispose: () => sub.dispose() };
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
