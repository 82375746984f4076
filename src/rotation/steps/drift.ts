// Drift: the app's secrets as Okta lists them, compared with what the journal expects them to be. A secret created,
// activated, deactivated or deleted outside the extension (in the Admin Console, by another tool) is journaled as an
// outside change seen in Okta, so the checklist names it on the current step, the history keeps it, and nothing of it
// is silently taken for the rotation's own doing. Compared wherever a step lists the secrets for its own work
// (the create, the list of old secrets, the deactivation, the watch); never in a step's read-back after a write of
// unknown outcome, where Okta showing our own write is exactly what is looked for.
import type { ClientSecret } from '../../okta/schemas.ts';
import { maskSecret } from '../../redact.ts';
import type { OutsideChange, RotationJournal } from '../model/journal.ts';
import type { StepContext } from './context.ts';

type Status = 'ACTIVE' | 'INACTIVE';
type Listed = ReadonlyArray<Pick<ClientSecret, 'id' | 'status' | 'client_secret'>>;

/**
 * What Okta should list now, by the journal: the secrets the org check listed (less those it retired), the secrets
 * the rotation created, its deactivations, deletions and the rollback's activations, then every outside change
 * already journaled, in order.
 */
function expectedSecrets(journal: RotationJournal): Map<string, Status> {
  const expected = new Map<string, Status>();
  for (const s of journal.preflight.secrets) expected.set(s.id, s.status ?? 'ACTIVE');
  for (const id of journal.preflight.retired) expected.delete(id);
  if (journal.newSecret) expected.set(journal.newSecret.id, 'ACTIVE');
  const orphan = journal.create?.orphanSecretId;
  if (orphan) expected.set(orphan, 'ACTIVE');
  for (const id of journal.deactivated) if (expected.has(id)) expected.set(id, 'INACTIVE');
  for (const id of journal.deleted) expected.delete(id);
  for (const id of journal.rollback?.reactivated ?? []) expected.set(id, 'ACTIVE');
  for (const c of journal.outsideChanges ?? []) {
    if (c.change === 'deleted') expected.delete(c.secretId);
    else if (c.change === 'deactivated') expected.set(c.secretId, 'INACTIVE');
    else if (c.change === 'activated' || !expected.has(c.secretId)) expected.set(c.secretId, 'ACTIVE');
  }
  return expected;
}

/** The differences between what the journal expects and what Okta lists, as outside changes seen `at`. */
function driftOf(journal: RotationJournal, listed: Listed, at: string): OutsideChange[] {
  const expected = expectedSecrets(journal);
  const known = [...(journal.identify?.candidates ?? []), ...journal.preflight.secrets];
  const masked = (id: string): { masked?: string } => {
    const value = listed.find((s) => s.id === id)?.client_secret;
    const m = value ? maskSecret(value) : known.find((s) => s.id === id)?.masked;
    return m ? { masked: m } : {};
  };
  const changes: OutsideChange[] = [];
  for (const s of listed) {
    const was = expected.get(s.id);
    const change =
      was === undefined
        ? 'created'
        : was !== s.status
          ? s.status === 'ACTIVE'
            ? 'activated'
            : 'deactivated'
          : undefined;
    if (change) changes.push({ at, secretId: s.id, ...masked(s.id), change, source: 'okta' });
  }
  for (const id of expected.keys())
    if (!listed.some((s) => s.id === id))
      changes.push({ at, secretId: id, ...masked(id), change: 'deleted', source: 'okta' });
  return changes;
}

/** Journals what changed in Okta outside the extension since the journal last knew; returns those changes. */
export async function noteDrift(ctx: StepContext, listed: Listed): Promise<OutsideChange[]> {
  const changes = driftOf(ctx.journal, listed, ctx.now());
  if (changes.length === 0) return [];
  await ctx.update((j) => {
    const journaled = (j.outsideChanges ??= []);
    for (const c of driftOf(j, listed, ctx.now())) journaled.push(c);
  });
  return changes;
}
