// Refresh: reloads every org (or the one it was invoked on), cancellable from the notification.
import * as vscode from 'vscode';
import type { Services } from '../services.ts';
import { toAbortSignal } from '../cancellation.ts';
import { orgOf } from './targets.ts';
import { reportWaits } from '../waitProgress.ts';

export async function refresh(s: Services, node?: unknown): Promise<void> {
  const org = orgOf(s, node);
  const targets = org ? [org] : s.settings.read().orgs;
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: org ? `Refreshing ${org.label}…` : 'Refreshing Okta orgs…',
      cancellable: true,
    },
    async (progress, cancel) => {
      const bridge = toAbortSignal(cancel);
      const waits = reportWaits(s.clients, new Map(targets.map((o) => [o.key, o.label])), progress);
      try {
        await s.tree.load(targets, bridge.signal);
      } finally {
        waits.dispose();
        bridge.dispose();
      }
    },
  );
}
