// What the log says about a rotation as its snapshots go by: its end, once (the snapshots after it, a page update
// or a closed panel, change nothing). Pure: no `vscode` import, tested in Node.
import type { RotationSnapshot } from '../../rotation/snapshot.ts';

/** The log line when `next` is the snapshot in which the rotation ended; undefined before and after. */
export function endLine(prev: RotationSnapshot, next: RotationSnapshot, orgKey: string): string | undefined {
  if (prev.outcome !== 'inProgress' || next.outcome === 'inProgress') return undefined;
  return `Rotation ${next.rotationId} of ${orgKey} ended: ${next.outcome}. ${next.report.join(' ')}`.trim();
}
