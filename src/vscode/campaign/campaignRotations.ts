// The campaign's way to the rotations in VS Code: the running engines of RunningRotations, so a row and its
// checklist act on the same engine, and a rotation started from a checklist is adopted rather than refused.
import type { CampaignRotations } from '../../fleet/campaign/campaignDeps.ts';
import type { CampaignOrg } from '../../fleet/campaign/campaignJournal.ts';
import { isRotationError } from '../../rotation/errors.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { RunningRotations } from '../rotations/runningRotations.ts';

export function campaignRotations(rotations: RunningRotations, settings: OrgSettings): CampaignRotations {
  const configured = (org: CampaignOrg): OrgConfig => {
    const found = settings.find(org.key);
    if (!found)
      throw new Error(
        `${org.label} (${org.key}) is no longer in the setting oktaWorkflows.orgs. Add it again, or end the campaign.`,
      );
    return found;
  };
  return {
    async start(org, pairing, signal) {
      const config = configured(org);
      try {
        return await rotations.startEngine(config, pairing, signal);
      } catch (e) {
        if (!isRotationError(e, 'alreadyRunning')) throw e;
        await rotations.refreshJournals();
        const running = rotations.unfinishedOf(org.key);
        if (!running) throw e;
        return rotations.engineOf(running.rotationId, config, signal);
      }
    },
    handle: (org, rotationId, signal) => rotations.engineOf(rotationId, configured(org), signal),
    snapshot: async (rotationId) => rotations.snapshotOf(rotationId),
  };
}
