// What the tree knows of the running rotations (an app's unfinished rotation, the secret it recorded in use, the one
// it created), how it names a rotation to Resume Rotation, and the seam where a lifecycle change made from the tree
// meets them.
import type { LifecycleAction } from '../../fleet/tree/lifecycleConfirmation.ts';
import type { SecretMarkers } from '../../fleet/tree/presentation.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { Log } from '../platform/log.ts';
import type { RunningRotations } from '../rotations/runningRotations.ts';

type Rotations = Pick<RunningRotations, 'markers' | 'unfinished'>;

/** The app's unfinished rotation (its id, "in use", "new"), or nothing when it has none. */
export function rotationMarkers(rotations: Rotations, orgKey: string, appId: string): SecretMarkers {
  const unfinished = rotations.unfinished().filter((j) => j.org.host === orgKey && j.app.id === appId);
  const latest = unfinished.at(-1);
  return latest ? { ...rotations.markers(orgKey, appId), rotationId: latest.rotationId } : {};
}

/**
 * Called before Activate, Deactivate or Delete Secret changes a secret in Okta, after the person confirmed: the
 * one place where a change the tree makes to an app with an unfinished rotation is to be recorded in that
 * rotation's journal. For now it says so in the log.
 */
export type BeforeLifecycleAction = (
  org: OrgConfig,
  appId: string,
  secretId: string,
  action: LifecycleAction,
) => Promise<void>;

export function beforeLifecycleActionOf(rotations: Rotations, log: Log): BeforeLifecycleAction {
  return async (org, appId, secretId, action) => {
    const { rotationId } = rotationMarkers(rotations, org.key, appId);
    if (rotationId)
      log.info(
        `${org.key}: ${action} secret ${secretId} from the tree while rotation ${rotationId} of the app is unfinished`,
      );
  };
}

/** A rotation named by its id, as a command argument (plain data: command arguments may be copied). */
export interface RotationRef {
  readonly kind: 'rotationRef';
  readonly rotationId: string;
}

export function rotationRef(rotationId: string): RotationRef {
  return { kind: 'rotationRef', rotationId };
}

export function isRotationRef(value: unknown): value is RotationRef {
  if (typeof value !== 'object' || value === null) return false;
  return (
    'kind' in value && value.kind === 'rotationRef' && 'rotationId' in value && typeof value.rotationId === 'string'
  );
}
