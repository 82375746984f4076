// What a campaign needs from outside: the rotations (shared with the checklists), its own journal's store, the
// history the soak counts, and the settings it runs by.
import type { RotationJournal } from '../../rotation/model/journal.ts';
import type { Clock } from '../../rotation/port.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import type { CampaignOrg, CampaignStore } from './campaignJournal.ts';
import type { RotationHandle } from './drivePhase.ts';

/** How the campaign reaches the rotations: the running engines (shared with the checklists) and their journals. */
export interface CampaignRotations {
  /**
   * Starts the org's rotation (its Workflows app found or remembered), paired when `pairing` is given. When the
   * org already has a rotation in progress (started from its checklist), that one is adopted instead.
   */
  start(
    org: CampaignOrg,
    pairing: { previewOrg: string; soakHours: number } | undefined,
    signal?: AbortSignal,
  ): Promise<RotationHandle>;
  /** The rotation's engine: the running one, or one resumed from its journal (re-checking a running step). */
  handle(org: CampaignOrg, rotationId: string, signal?: AbortSignal): Promise<RotationHandle>;
  /** The rotation as it stands, without resuming an engine; undefined when its journal is gone. */
  snapshot(rotationId: string): Promise<RotationSnapshot | undefined>;
}

export interface CampaignDeps {
  rotations: CampaignRotations;
  store: CampaignStore;
  /** The completed rotations the soak of a paired production org counts. */
  history(): Promise<RotationJournal[]>;
  maxConcurrentOrgs: number;
  previewRecencyDays: number;
  clock?: Clock;
  newId?: () => string;
}
