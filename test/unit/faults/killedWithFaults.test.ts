// The process killed between every pair of steps, combined with faults. resume.test.ts (../rotation) kills the
// engine at every journal write of a clean run; here every write's answer is also lost, or every write first
// fails with a 5xx, and the window is killed after every single action or at every journal write. Each run
// must end completed with Okta and the journal agreeing and nothing executed twice.
// On the proxied path (https through squid) the window is killed after every action; the crash at every journal
// write stays on loopback: it multiplies journal crash points, not connections, and resume.test.ts already runs
// it through the proxy.
import assert from 'node:assert/strict';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { OrgSeed, SimulatedOrg } from '../../../src/simulator/index.ts';
import { CrashingJournalStore } from '../rotation/world.ts';
import type { PersonChoices } from '../rotation/world.ts';
import { driveThrough } from './driveThrough.ts';
import { startWorldOn } from '../rotation/world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from '../rotation/world.ts';
import { assertWorldConsistent } from './invariants.ts';

interface Scenario {
  name: string;
  seed: Partial<OrgSeed>;
  pasteFirst?: boolean;
  mode?: 'newConnection' | 'reauthorize';
}

const SCENARIOS: Scenario[] = [
  { name: 'one secret, new connection', seed: {} },
  {
    name: 'an inactive secret retired first, re-authorizing',
    seed: { secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] },
    mode: 'reauthorize',
  },
  {
    name: 'two active, the one in use pasted, the other retired',
    seed: { secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] },
    pasteFirst: true,
  },
];

const APP_WRITES = /^\/api\/v1\/apps\/[^/]+\/credentials\/secrets/;

/** Every management-API write (create, activate, deactivate, delete) loses its answer after Okta commits it. */
function dropEveryWrite(org: SimulatedOrg): void {
  org.faults.dropResponseAfterCommit({ method: 'POST', path: APP_WRITES, count: 50 });
  org.faults.dropResponseAfterCommit({ method: 'DELETE', path: APP_WRITES, count: 50 });
}

describeOnPaths('killed between every pair of steps, with faults', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(120_000);
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  const choicesFor = (w: World, s: Scenario): PersonChoices => ({
    ...(s.mode ? { mode: s.mode } : {}),
    ...(s.pasteFirst ? { paste: w.org.secrets()[0]?.clientSecret } : {}),
  });

  for (const s of SCENARIOS) {
    it(`${s.name}: every write's answer lost, the window killed after every action`, async () => {
      const w = await startWorld(s.seed);
      world = w;
      const originalIds = w.org.secrets().map((x) => x.id);
      const engine = await w.start();
      dropEveryWrite(w.org);
      const end = await driveThrough(engine, { ...choicesFor(w, s), maxFailures: 0, resumeAfterEach: () => w.deps() });
      assert.deepEqual(end.failures, [], 'every lost answer is reconciled without troubling the person');
      assert.equal(end.snapshot.outcome, 'completed');
      assert.ok(end.resumes > 10, `killed often (${end.resumes})`);
      const dropped = w.served.filter((e) => e.status === 'dropped').length;
      assert.ok(dropped >= 3, `writes lost their answers (${dropped})`);
      await assertWorldConsistent(w, { journal: end.engine.journal(), originalIds, label: s.name });
    });

    it(`${s.name}: every write first fails with a 500, the window killed after every action`, async () => {
      const w = await startWorld(s.seed);
      world = w;
      const originalIds = w.org.secrets().map((x) => x.id);
      const engine = await w.start();
      const end = await driveThrough(engine, {
        ...choicesFor(w, s),
        maxFailures: 12,
        resumeAfterEach: () => w.deps(),
        // After a success, the next write fails once; the person's retry then goes through.
        beforeAction: (previousOk) => {
          w.org.faults.reset();
          if (previousOk) {
            w.org.faults.failNext(1, { method: 'POST', path: APP_WRITES });
            w.org.faults.failNext(1, { method: 'DELETE', path: APP_WRITES });
          }
        },
      });
      w.org.faults.reset();
      assert.equal(end.snapshot.outcome, 'completed', JSON.stringify(end.failures.slice(-1)));
      assert.ok(end.failures.length >= 3, `writes failed first (${end.failures.length})`);
      for (const f of end.failures)
        assert.ok(
          !f.ok && f.error.kind === 'serverError' && /Okta error ID: /.test(f.error.message),
          JSON.stringify(f),
        );
      await assertWorldConsistent(w, { journal: end.engine.journal(), originalIds, label: s.name });
    });
  }

  for (const s of path === 'loopback' ? SCENARIOS.slice(0, 2) : []) {
    it(`${s.name}: killed at every journal write while every write's answer is lost; each resumes to completed`, async () => {
      // The number of journal writes of this run (answers lost change the count, so measure it with them).
      let total: number;
      {
        const w = await startWorld(s.seed);
        world = w;
        const counting = new CrashingJournalStore(w.journals);
        const engine = await w.start({ journals: counting });
        dropEveryWrite(w.org);
        const end = await driveThrough(engine, { ...choicesFor(w, s), maxFailures: 0 });
        assert.equal(end.snapshot.outcome, 'completed');
        total = counting.saves;
        await w.close();
        world = undefined;
      }
      assert.ok(total > 20, `${total} journal writes`);
      for (let crashAt = 1; crashAt <= total; crashAt++) {
        const w = await startWorld(s.seed);
        world = w;
        try {
          const originalIds = w.org.secrets().map((x) => x.id);
          const crashing = new CrashingJournalStore(w.journals, crashAt);
          const engine = await w.start({ journals: crashing });
          dropEveryWrite(w.org);
          await assert.rejects(
            driveThrough(engine, { ...choicesFor(w, s), maxFailures: 0 }),
            /simulated crash/,
            `crash #${crashAt}`,
          );
          const resumed = await RotationEngine.resume(engine.rotationId, w.deps());
          const label = `${s.name}, crash #${crashAt}`;
          await assertWorldConsistent(w, { journal: resumed.journal(), originalIds, label: `${label} (resumed)` });
          const end = await driveThrough(resumed, { ...choicesFor(w, s), maxFailures: 0 });
          assert.deepEqual(end.failures, [], label);
          assert.equal(end.snapshot.outcome, 'completed', label);
          await assertWorldConsistent(w, { journal: end.engine.journal(), originalIds, label });
        } finally {
          await w.close();
          world = undefined;
        }
      }
    });
  }
});
