// A rotation named by its id, as a command argument: what a secret of an unfinished rotation passes to Resume
// Rotation (its checklist). Plain data (command arguments may be copied), resolved from the journals by the command.
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
