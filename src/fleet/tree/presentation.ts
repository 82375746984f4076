// How orgs, apps and secrets look in the tree, as pure functions: no `vscode` import, so Node tests cover them.
// Nothing here ever receives a secret value: secrets come as listed (masked), with whether Okta listed a value.
import type { ClientSecret } from '../../okta/schemas.ts';
import { listedSecretOf, type ListedSecret } from '../listedSecret.ts';
import { shortAge, utcDateTime } from '../../presentation/time.ts';
import { ageInDays, describeDue } from '../secretDue.ts';

/** "just now", "5 min", "3 h", "12 d" (the tree's short age), or 'age unknown'. */
export function formatAge(createdIso: string, now: Date): string {
  return shortAge(createdIso, now) || 'age unknown';
}

/** A secret as the tree shows it: as listed, and whether Okta listed its value (Verify needs it; it stays in memory). */
export interface SecretView extends ListedSecret {
  readonly hasValue: boolean;
}

export interface SecretMarkers {
  /** The unfinished rotation of the app, if any: the secrets it works on change only through its checklist. */
  rotationId?: string;
  /** The secret a rotation journal recorded as in use, if any. */
  journalInUseId?: string;
  /** The secret a rotation created. */
  newId?: string;
}

export interface SecretPresentation {
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  icon: 'pass-filled' | 'circle-slash' | 'warning';
  inUse: boolean;
  isNew: boolean;
  tooOld: boolean;
  /** The unfinished rotation this secret is the in-use or the new secret of: it offers that rotation's checklist. */
  rotationId: string | undefined;
}

export function toSecretView(s: Pick<ClientSecret, 'id' | 'status' | 'created' | 'client_secret'>): SecretView {
  return { ...listedSecretOf(s), hasValue: (s.client_secret ?? '') !== '' };
}

/** "in use": the secret a journal recorded in use, or else the only ACTIVE secret. */
export function inUseSecretId(secrets: readonly SecretView[], markers: SecretMarkers): string | undefined {
  if (markers.journalInUseId && secrets.some((s) => s.id === markers.journalInUseId)) return markers.journalInUseId;
  const active = secrets.filter((s) => s.status === 'ACTIVE');
  return active.length === 1 ? active[0]?.id : undefined;
}

/**
 * The unfinished rotation a secret belongs to: the app has one, and the secret is the one in use (as recorded, or
 * the only active one) or the one it created. Deactivating or deleting either is that rotation's to do.
 */
export function rotationOf(secretId: string, inUse: boolean, markers: SecretMarkers): string | undefined {
  return markers.rotationId && (inUse || secretId === markers.newId) ? markers.rotationId : undefined;
}

export interface SecretFlags {
  inUse: boolean;
  isNew: boolean;
  /** The only ACTIVE secret: Okta refuses to deactivate it. */
  onlyActive?: boolean;
  /** False when the org's credential is known to be unable to manage secrets. */
  canManage?: boolean;
  /** The unfinished rotation the secret belongs to (rotationOf). */
  rotationId?: string | undefined;
}

/**
 * Capability flags read by `viewItem =~ /\bflag\b/` in package.json's menus: the tree offers only what Okta will
 * accept and what no rotation is doing. `canDeactivate`: an ACTIVE secret beside another ACTIVE one (Okta refuses
 * to deactivate the only active secret); `canActivate`, `canDelete`: an INACTIVE one. None when the org's credential
 * cannot manage secrets; no Deactivate or Delete on a secret of an unfinished rotation, which is `rotating` instead
 * (its menu opens the rotation's checklist).
 */
export function secretContextValue(s: SecretView, f: SecretFlags): string {
  const canManage = f.canManage !== false;
  const rotating = f.rotationId !== undefined;
  const flags = ['secret', s.status === 'ACTIVE' ? 'active' : 'inactive'];
  if (canManage && !rotating && s.status === 'ACTIVE' && f.onlyActive !== true) flags.push('canDeactivate');
  if (canManage && s.status === 'INACTIVE') flags.push('canActivate');
  if (canManage && !rotating && s.status === 'INACTIVE') flags.push('canDelete');
  if (s.hasValue) flags.push('hasValue');
  if (f.inUse) flags.push('inUse');
  if (f.isNew) flags.push('new');
  if (rotating) flags.push('rotating');
  return flags.join(' ');
}

export function presentSecret(
  s: SecretView,
  all: readonly SecretView[],
  markers: SecretMarkers,
  maxAgeDays: number,
  now: Date,
  canManage = true,
): SecretPresentation {
  const inUse = inUseSecretId(all, markers) === s.id;
  const isNew = markers.newId === s.id;
  const rotationId = rotationOf(s.id, inUse, markers);
  const onlyActive = s.status === 'ACTIVE' && all.filter((x) => x.status === 'ACTIVE').length === 1;
  const days = ageInDays(s.created, now);
  const tooOld = days !== undefined && days > maxAgeDays;
  const parts = [s.status === 'ACTIVE' ? 'active' : 'inactive', formatAge(s.created, now)];
  if (inUse) parts.push('in use');
  if (isNew) parts.push('new');
  if (rotationId) parts.push('rotation in progress');
  if (tooOld) parts.push(`older than ${maxAgeDays} d`);
  const due = s.status === 'ACTIVE' ? describeDue(s.created, maxAgeDays, now) : undefined;
  if (due) parts.push(due);
  const tooltip = [
    `Client secret ${s.masked} (${s.id})`,
    `Status: ${s.status}`,
    `Created: ${utcDateTime(s.created) || 'not known'}`,
    inUse ? 'In use: the secret the Workflows connection uses (as recorded or the only active one).' : undefined,
    isNew ? 'New: created by a rotation.' : undefined,
    rotationId
      ? 'A rotation is in progress: use its checklist to deactivate or delete this secret (Resume Rotation opens it).'
      : undefined,
    onlyActive && canManage && !rotationId
      ? 'The only active secret: Okta refuses to deactivate it. Rotate to replace it (a second secret comes first).'
      : undefined,
    canManage
      ? undefined
      : "The org's credential can read but not manage secrets: Okta would refuse every change (see the org's tooltip).",
    tooOld
      ? `Older than the maximum age of ${maxAgeDays} days (setting oktaWorkflows.maxSecretAgeDays): rotate it.`
      : undefined,
  ]
    .filter((x) => x !== undefined)
    .join('\n');
  return {
    label: s.masked,
    description: parts.join(' · '),
    tooltip,
    contextValue: secretContextValue(s, { inUse, isNew, onlyActive, canManage, rotationId }),
    icon: tooOld ? 'warning' : s.status === 'ACTIVE' ? 'pass-filled' : 'circle-slash',
    inUse,
    isNew,
    tooOld,
    rotationId,
  };
}

/** `canRotate`: a credential that is not known to be unable to manage secrets (Okta would refuse the new one). */
export function orgContextValue(o: {
  hasToken: boolean;
  environment: 'preview' | 'production';
  practice?: boolean;
  readOnly?: boolean;
}): string {
  return [
    'org',
    o.hasToken ? 'hasToken' : 'noToken',
    ...(o.hasToken && o.readOnly !== true ? ['canRotate'] : []),
    o.environment,
    ...(o.practice ? ['practice'] : []),
  ].join(' ');
}
