// An org named by its key, as a command argument: what a tree message, a notification's button or another command
// passes when it has no tree node at hand. Plain data (command arguments may be copied), resolved from the
// settings by the command that receives it.
export interface OrgRef {
  readonly kind: 'orgRef';
  readonly key: string;
}

export function orgRef(key: string): OrgRef {
  return { kind: 'orgRef', key };
}

export function isOrgRef(value: unknown): value is OrgRef {
  if (typeof value !== 'object' || value === null) return false;
  return 'kind' in value && value.kind === 'orgRef' && 'key' in value && typeof value.key === 'string';
}
