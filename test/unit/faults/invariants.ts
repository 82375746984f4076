// The one invariant checker of the fault suites: after any fault, at a point where no step is running, Okta's
// secrets (the simulator's truth), the requests it executed and the rotation journal must agree.
import assert from 'node:assert/strict';
import type { RotationJournal } from '../../../src/rotation/model/journal.ts';
import type { PendingSecretStore } from '../../../src/rotation/stores.ts';
import type { RequestLogEntry, SimulatedOrg } from '../../../src/simulator/index.ts';

export interface ConsistencyInput {
  org: SimulatedOrg;
  /** The simulator's onRequest log (answered, dropped or stalled). */
  served: readonly RequestLogEntry[];
  journal: RotationJournal;
  secrets: PendingSecretStore;
  /** The secret ids the app had before the rotation started. */
  originalIds: readonly string[];
  label: string;
}

const pathOf = (e: RequestLogEntry): string => e.url.split('?')[0] ?? '';

/** A request Okta executed: answered 2xx, or dropped after its commit. (Failed, stalled and 4xx ones did nothing.) */
function executed(e: RequestLogEntry): boolean {
  return e.status === 'dropped' || (typeof e.status === 'number' && e.status >= 200 && e.status < 300);
}

/** Executed writes per "METHOD path": each secret is created, deactivated, activated or deleted at most once. */
export function executedWrites(served: readonly RequestLogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of served) {
    if (e.method === 'GET' || !executed(e)) continue;
    const key = `${e.method} ${pathOf(e)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Every write request that targeted `secretId` (executed or not). */
function writesTo(
  served: readonly RequestLogEntry[],
  secretId: string,
  kind: 'deactivate' | 'delete' | 'activate',
): RequestLogEntry[] {
  return served.filter((e) => {
    const p = pathOf(e);
    if (kind === 'delete') return e.method === 'DELETE' && p.endsWith(`/secrets/${secretId}`);
    return e.method === 'POST' && p.endsWith(`/secrets/${secretId}/lifecycle/${kind}`);
  });
}

export async function assertConsistent(input: ConsistencyInput): Promise<void> {
  const { org, served, journal: j, secrets, originalIds, label } = input;
  const at = (what: string) => `${label}: ${what}`;
  const okta = org.secrets();
  const byId = new Map(okta.map((s) => [s.id, s]));

  assert.equal(
    Object.values(j.steps).some((s) => s.state === 'running'),
    false,
    at('no step left running'),
  );
  assert.ok(okta.length <= 2, at(`Okta holds at most two secrets (${okta.length})`));

  // Nothing executed twice.
  const writes = executedWrites(served);
  for (const [key, n] of writes) {
    if (key.startsWith('POST ') && key.endsWith('/credentials/secrets'))
      assert.ok(n <= 1, at(`created at most once (${n})`));
    else assert.equal(n, 1, at(`${key} executed ${n} times`));
  }

  // The new secret: in Okta and ACTIVE whatever the outcome (rollback and abandon leave it), never targeted.
  const newId = j.newSecret?.id;
  if (newId) {
    assert.equal(byId.get(newId)?.status, 'ACTIVE', at(`the new secret ${newId} is ACTIVE in Okta`));
    assert.equal(writesTo(served, newId, 'deactivate').length, 0, at('the new secret was never sent a deactivate'));
    assert.equal(writesTo(served, newId, 'delete').length, 0, at('the new secret was never sent a delete'));
    assert.ok(!originalIds.includes(newId), at('the new secret is not one that existed before'));
  }

  // Its value: in the pending store, equal to Okta's, while the rotation runs; wiped once it ended.
  const pending = await secrets.get(j.rotationId);
  if (j.outcome === 'inProgress') {
    if (newId)
      assert.equal(
        pending,
        byId.get(newId)?.clientSecret,
        at('the new value is retrievable and is the one Okta holds'),
      );
  } else {
    assert.equal(pending, undefined, at(`the value is wiped once the rotation ended (${j.outcome})`));
  }

  // The secret in use: touched only after the person confirmed it as old, deactivated only as the journal says.
  const inUseId = j.inUse?.id ?? j.preflight.inUseSecretId;
  if (inUseId) {
    const now = byId.get(inUseId);
    const confirmedOld = (j.oldSecretIds ?? []).includes(inUseId);
    if (!confirmedOld) {
      assert.equal(
        writesTo(served, inUseId, 'deactivate').length,
        0,
        at('the in-use secret was not sent a deactivate before identifyOld confirmed it'),
      );
    }
    if (now?.status !== 'ACTIVE')
      assert.ok(
        j.deactivated.includes(inUseId),
        at(`the in-use secret is ${now?.status ?? 'gone'} only if the journal says deactivated`),
      );
    if (!j.deactivated.includes(inUseId))
      assert.equal(
        writesTo(served, inUseId, 'delete').length,
        0,
        at('the in-use secret was never sent a delete before deactivateOld'),
      );
    if (!now) assert.ok(j.deleted.includes(inUseId), at('the in-use secret is gone only if the journal says deleted'));
  }

  // Nothing deleted by mistake: whatever disappeared, the journal deleted or retired (or is retiring) it.
  const allowedGone = new Set([
    ...j.deleted,
    ...j.preflight.retired,
    ...(j.preflight.retireCandidate ? [j.preflight.retireCandidate.id] : []),
  ]);
  for (const id of originalIds)
    if (!byId.has(id))
      assert.ok(allowedGone.has(id), at(`${id} disappeared though the journal never deleted or retired it`));
  for (const id of j.deleted) assert.equal(byId.has(id), false, at(`${id} the journal says deleted is gone`));
  for (const id of j.deactivated) {
    const s = byId.get(id);
    const reactivated = j.rollback?.reactivated.includes(id) === true;
    if (s)
      assert.equal(
        s.status,
        reactivated ? 'ACTIVE' : 'INACTIVE',
        at(`${id} is ${reactivated ? 'reactivated' : 'deactivated'} as the journal says`),
      );
  }
  for (const id of j.rollback?.reactivated ?? []) assert.equal(byId.get(id)?.status, 'ACTIVE', at(`${id} reactivated`));

  // How it ended.
  if (j.outcome === 'completed') {
    assert.deepEqual(
      okta.map((s) => [s.id, s.status]),
      [[newId, 'ACTIVE']],
      at('completed: only the new secret remains'),
    );
  }
  if (j.outcome === 'rolledBack') {
    for (const id of j.deactivated) assert.equal(byId.get(id)?.status, 'ACTIVE', at(`rolled back: ${id} ACTIVE again`));
  }
}

/** assertConsistent for a test world: its org, what that org served and its pending-secret store. */
export function assertWorldConsistent(
  world: { org: SimulatedOrg; served: readonly RequestLogEntry[]; secrets: PendingSecretStore },
  check: Pick<ConsistencyInput, 'journal' | 'originalIds' | 'label'>,
): Promise<void> {
  return assertConsistent({ org: world.org, served: world.served, secrets: world.secrets, ...check });
}
