// The engine's pure parts: guards, display helpers, the action schema, the journal stores and their lock.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constantTimeEquals, evaluateProductionGuard } from '../../../src/rotation/guards.ts';
import { deactivationAllowed } from '../../../src/rotation/model/guards.ts';
import { JOURNAL_VERSION, lockKeyOf, parseJournal, revisionOf } from '../../../src/rotation/model/journal.ts';
import type { RotationJournal } from '../../../src/rotation/model/journal.ts';
import { RotationActionSchema } from '../../../src/rotation/model/actions.ts';
import { connectorDomain, workflowsConsoleUrl } from '../../../src/rotation/model/snapshot.ts';
import { STEP_IDS } from '../../../src/rotation/model/steps.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import type { RotationJournalStore } from '../../../src/rotation/stores.ts';
import { findLeak, startWorld } from './world.ts';

function journal(over: Partial<RotationJournal> = {}): RotationJournal {
  const steps = Object.fromEntries(STEP_IDS.map((id) => [id, { state: 'pending' }]));
  return parseJournal({
    version: JOURNAL_VERSION,
    rotationId: 'r1',
    org: { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' },
    environment: 'preview',
    app: {
      id: '0oa1',
      name: 'flow',
      label: 'Okta Workflows OAuth',
      clientId: 'c',
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: [],
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    outcome: 'inProgress',
    steps,
    preflight: { secrets: [], needsInUseIdentification: false, retired: [] },
    deactivated: [],
    deleted: [],
    guards: {},
    report: [],
    ...over,
  });
}

describe('rotation parts: guards', () => {
  const now = new Date('2026-03-01T00:00:00.000Z');
  const done = (env: 'preview' | 'production', endedAt: string, outcome: RotationJournal['outcome'] = 'completed') =>
    journal({ environment: env, outcome, endedAt, rotationId: `r${endedAt.slice(0, 10)}` });

  it('production needs acknowledging without a recent completed preview rotation', () => {
    assert.equal(evaluateProductionGuard('production', [], now, 30).required, true);
    assert.equal(evaluateProductionGuard('preview', [], now, 30).required, false);
    const recent = done('preview', '2026-02-10T00:00:00.000Z');
    assert.deepEqual(evaluateProductionGuard('production', [recent], now, 30), {
      required: false,
      days: 30,
      lastPreviewCompletedAt: recent.endedAt,
    });
    const old = done('preview', '2026-01-01T00:00:00.000Z');
    assert.equal(evaluateProductionGuard('production', [old], now, 30).required, true);
    assert.equal(evaluateProductionGuard('production', [old], now, 90).required, false);
    // Rolled back, abandoned or production rotations do not count as a preview rehearsal.
    assert.equal(
      evaluateProductionGuard(
        'production',
        [done('preview', '2026-02-20T00:00:00.000Z', 'rolledBack'), done('production', '2026-02-20T00:00:00.000Z')],
        now,
        30,
      ).required,
      true,
    );
  });

  it('deactivation needs a valid verification or an override', () => {
    assert.equal(deactivationAllowed(journal()), false);
    assert.equal(deactivationAllowed(journal({ verification: { outcome: 'invalid', reason: 'x', at: 't' } })), false);
    assert.equal(deactivationAllowed(journal({ verification: { outcome: 'valid', reason: 'x', at: 't' } })), true);
    assert.equal(
      deactivationAllowed(journal({ guards: { unverifiedOverride: { at: 't', verificationOutcome: 'unknown' } } })),
      true,
    );
  });

  it('compares pasted values exactly', () => {
    assert.equal(constantTimeEquals('abc', 'abc'), true);
    assert.equal(constantTimeEquals('abc', 'abd'), false);
    assert.equal(constantTimeEquals('abc', 'abc '), false);
    assert.equal(constantTimeEquals('', 'a'), false);
  });
});

describe('rotation parts: display data and actions', () => {
  it('gives the connector domain and a Workflows console URL guess', () => {
    assert.equal(connectorDomain('acme-admin.okta.com'), 'acme.okta.com');
    assert.equal(connectorDomain('127.0.0.1:4000'), '127.0.0.1:4000');
    assert.equal(workflowsConsoleUrl('acme.okta.com'), 'https://acme.workflows.okta.com/');
    assert.equal(workflowsConsoleUrl('acme-admin.oktapreview.com'), 'https://acme.workflows.oktapreview.com/');
    assert.equal(workflowsConsoleUrl('acme.okta-emea.com'), 'https://acme.workflows.okta-emea.com/');
    assert.equal(workflowsConsoleUrl('login.acme.example'), undefined);
    assert.equal(workflowsConsoleUrl('127.0.0.1:4000'), undefined);
  });

  it('the action schema refuses what a hostile page could send', () => {
    const bad: unknown[] = [
      null,
      'run',
      {},
      { type: 'explode' },
      { type: 'run' },
      { type: 'run', step: 'deleteEverything' },
      { type: 'run', step: 'preflight', extra: 1 },
      { type: 'chooseMode', mode: 'both' },
      { type: 'override', guard: 'productionWithoutPreview' },
      { type: 'identifyInUse', value: '' },
      { type: 'identifyInUse', value: 'x'.repeat(5000) },
      { type: 'retire', secretId: 42 },
    ];
    for (const b of bad)
      assert.equal(RotationActionSchema.safeParse(b).success, false, JSON.stringify(b)?.slice(0, 80));
    assert.ok(RotationActionSchema.safeParse({ type: 'run', step: 'preflight' }).success);
  });

  it("findLeak (the leak tests' detector) finds any 8-character piece", () => {
    assert.equal(findLeak('…abcdefgh…', ['zzabcdefghzz']), 'abcdefgh');
    assert.equal(findLeak('…abcdefg…', ['zzabcdefghzz']), undefined);
  });
});

describe('rotation parts: perform refuses malformed and unavailable actions', () => {
  it('answers with a clear outcome, changes nothing', async () => {
    const world = await startWorld();
    try {
      const engine = await world.start();
      const before = engine.journal();
      for (const bad of [{ type: 'run', step: '../../etc' }, { type: 'nope' }, 'x']) {
        const out = await engine.perform(bad);
        assert.ok(!out.ok && out.error.kind === 'invalidAction', JSON.stringify(out));
      }
      const out = await engine.perform({ type: 'run', step: 'deleteOld' });
      assert.ok(!out.ok && out.error.kind === 'actionNotAvailable');
      assert.ok(
        out.error.message.includes('"Delete the old secret" is not possible now. Possible: Check the org'),
        out.error.message,
      );
      assert.ok(!(await engine.perform({ type: 'confirm', step: 'moveFlows' })).ok);
      // A page-supplied id is echoed only when it is an Okta secret id: a secret pasted in its place never is.
      const pasted = 'PastedSecretValue-0123456789abcdefXYZ';
      const notId = await engine.perform({ type: 'retire', secretId: pasted });
      assert.ok(!notId.ok && notId.error.kind === 'actionNotAvailable', JSON.stringify(notId));
      assert.ok(
        !notId.error.message.includes(pasted.slice(0, 12)) && notId.error.message.includes('"Retire a secret"'),
        notId.error.message,
      );
      const realId = await engine.perform({ type: 'retire', secretId: 'ocs2abcdEFGH3456ijkl' });
      assert.ok(!realId.ok && realId.error.message.includes('"Retire a secret"'), JSON.stringify(realId));
      assert.deepEqual(engine.journal(), before);
    } finally {
      await world.close();
    }
  });
});

async function claimSemantics(a: RotationJournalStore, b: RotationJournalStore): Promise<void> {
  const first = journal({ rotationId: 'first' });
  const second = journal({ rotationId: 'second' });
  const otherApp = journal({ rotationId: 'other', app: { ...first.app, id: '0oa2' } });
  assert.equal(await a.claim(first), undefined);
  assert.equal((await b.claim(second))?.rotationId, 'first', 'the second is refused and told who holds the app');
  assert.equal(await b.claim(otherApp), undefined, 'another app is independent');
  assert.equal(await b.load('second'), undefined, 'a refused claim saves nothing');
  await a.save({ ...first, outcome: 'completed', endedAt: '2026-01-02T00:00:00.000Z' }, revisionOf(first));
  await a.release(first);
  assert.equal(await b.claim(second), undefined, 'free again once the first ended');
  assert.deepEqual((await a.list()).map((j) => j.rotationId).sort(), ['first', 'other', 'second']);
  await a.delete('other');
  assert.equal(await b.load('other'), undefined);
}

describe('rotation parts: journal stores', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rotation-store-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('memory: check-and-claim per app', async () => {
    const store = new MemoryJournalStore();
    await claimSemantics(store, store);
  });

  it('files: check-and-claim per app across two store instances on one directory', async () => {
    await claimSemantics(new FileJournalStore(dir), new FileJournalStore(dir));
  });

  it('files: two claims racing for one app, exactly one wins', async () => {
    for (let round = 0; round < 10; round++) {
      const app = { ...journal().app, id: `0oaRace${round}` };
      const results = await Promise.all(
        ['a', 'b', 'c'].map((x) => new FileJournalStore(dir).claim(journal({ rotationId: `${x}${round}`, app }))),
      );
      assert.equal(results.filter((r) => r === undefined).length, 1, `round ${round}`);
      const kept = (await new FileJournalStore(dir).list()).filter((j) => j.app.id === app.id);
      assert.equal(kept.length, 1, 'the losers left no journal behind');
    }
  });

  it('files: a lock left by a finished rotation that never released is taken over', async () => {
    const store = new FileJournalStore(dir);
    const first = journal({ rotationId: 'first' });
    await store.claim(first);
    // Saved finished, then a crash before release.
    await store.save({ ...first, outcome: 'abandoned', endedAt: '2026-01-02T00:00:00.000Z' }, revisionOf(first));
    assert.equal(await store.claim(journal({ rotationId: 'second' })), undefined);
  });

  it('files: refuses an id that could escape the directory; lock keys name org and app', async () => {
    const store = new FileJournalStore(dir);
    await assert.rejects(store.load('../x'), /Not a rotation id/);
    assert.equal(lockKeyOf(journal()), 'acme.okta.com/0oa1');
  });

  it('pending secrets: stored, read, wiped', async () => {
    const store = new MemoryPendingSecretStore();
    await store.store('r', 'v'.repeat(20));
    assert.equal(await store.get('r'), 'v'.repeat(20));
    await store.delete('r');
    assert.equal(await store.get('r'), undefined);
    assert.equal(store.size, 0);
  });
});
