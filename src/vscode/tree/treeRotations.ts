// What the tree knows of the running rotations (an app's unfinished rotation, the secret it recorded in use, the one
// it created), how it names a rotation to Resume Rotation, and how a lifecycle change made from the tree is recorded
// in the app's rotation.
import type { LifecycleAction } from '../../fleet/tree/lifecycleConfirmation.ts';
import type { SecretMarkers } from '../../fleet/tree/presentation.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { watchNote, type WatchNote } from '../../presentation/watch.ts';
import type { RunningRotations } from '../rotations/runningRotations.ts';

type Rotations = Pick<RunningRotations, 'unfinishedOf'>;

/** The app's unfinished rotation (its id, "in use", "new"), or nothing when it has none. */
export function rotationMarkers(rotations: Rotations, orgKey: string, appId: string): SecretMarkers {
  const j = rotations.unfinishedOf(orgKey, appId);
  if (!j) return {};
  return {
    rotationId: j.rotationId,
    ...(j.inUse ? { journalInUseId: j.inUse.id } : {}),
    ...(j.newSecret ? { newId: j.newSecret.id } : {}),
  };
}

/** Where the app's unfinished rotation stands with the watch of its old secret, in a few words, or nothing. */
export function rotationWatchNote(rotations: Rotations, orgKey: string, appId: string): WatchNote | undefined {
  const j = rotations.unfinishedOf(orgKey, appId);
  return j ? watchNote(j) : undefined;
}

/**
 * Activate, Deactivate or Delete Secret from the tree, on an app whose rotation is unfinished: refused while a step of
 * that rotation runs (in any window), and recorded in its journal once done, so its checklist and Roll back know of
 * it. Without a rotation it only runs the change.
 */
export type ChangeSecret = (
  org: OrgConfig,
  appId: string,
  secret: { id: string; masked: string },
  action: LifecycleAction,
  run: () => Promise<void>,
) => Promise<void>;

const CHANGES = { activate: 'activated', deactivate: 'deactivated', delete: 'deleted' } as const;

export function changeSecretOf(rotations: Pick<RunningRotations, 'outsideChange'>): ChangeSecret {
  return (org, appId, secret, action, run) =>
    rotations.outsideChange(
      org,
      appId,
      {
        secretId: secret.id,
        ...(secret.masked.startsWith('••••') ? { masked: secret.masked } : {}),
        change: CHANGES[action],
      },
      run,
    );
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
