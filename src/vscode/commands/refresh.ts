// Refresh: reloads every org (or the one it was invoked on), cancellable from the notification.
import type { Services } from '../platform/services.ts';
import { orgOf } from './targets.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';

export async function refresh(s: Services, node?: unknown): Promise<void> {
  const org = orgOf(s, node);
  const targets = org ? [org] : s.settings.read().orgs;
  await withOktaProgress(
    s.clients,
    { title: org ? `Refreshing ${org.label}…` : 'Refreshing Okta orgs…', orgs: targets },
    (signal) => s.orgState.refresh(targets, signal),
  );
}
