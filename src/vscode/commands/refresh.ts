// Refresh: reloads every org (or the one it was invoked on), cancellable from the notification.
import * as vscode from 'vscode';
import type { Services } from '../services.ts';
import { toAbortSignal } from '../cancellation.ts';
import { orgOf } from './targets.ts';

export async function refresh(s: Services, node?: unknown): Promise<void> {
  const org = orgOf(s, node);
  const targets = org ? [org] : s.settings.read().orgs;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: org ? `Refreshing ${org.label}…` : 'Refreshing Okta orgs…', cancellable: true },
    async (_progress, cancel) => {
      const bridge = toAbortSignal(cancel);
      try {
        await s.tree.load(targets, bridge.signal);
      } finally {
        bridge.dispose();
      }
    },
  );
}
