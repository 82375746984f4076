// What a rotation of an org takes from the settings, read each time one starts or resumes: its pairing with its
// preview org and the soak, the preview guard's recency and the old secret's watch.
import { resolvePairs } from '../../fleet/campaign/pairing.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { RotationDeps } from '../../rotation/engine.ts';
import { rotationDepsFor } from '../../rotation/rotationDeps.ts';
import type { PendingSecretStore, RotationJournalStore } from '../../rotation/stores.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { Log } from '../platform/log.ts';

/** A production org's pairing from the settings (its previewOrg's key), with the soak setting. */
export function pairingFromSettings(
  settings: OrgSettings,
  org: OrgConfig,
): { previewOrg: string; soakHours: number } | undefined {
  const previewOrg = resolvePairs(settings.read().orgs).previewOf.get(org.key);
  return previewOrg ? { previewOrg, soakHours: settings.number('soakHours', 24, { allowZero: true }) } : undefined;
}

/** The engine's dependencies for a rotation of `org` run by this window. */
export function rotationDepsFromSettings(
  settings: OrgSettings,
  org: OrgConfig,
  parts: {
    journals: RotationJournalStore;
    secrets: PendingSecretStore;
    clients: OktaClients;
    log: Log;
    windowId: string;
  },
): RotationDeps {
  return {
    ...rotationDepsFor({
      org,
      journals: parts.journals,
      secrets: parts.secrets,
      client: () => parts.clients.get(org),
      previewRecencyDays: settings.number('previewRecencyDays', 30),
      deactivationWatchMinutes: settings.number('deactivationWatchMinutes', 75, { allowZero: true }),
      log: parts.log,
    }),
    windowId: parts.windowId,
  };
}
