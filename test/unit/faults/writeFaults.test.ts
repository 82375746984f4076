// Faults at every mutating call of a rotation: the preflight's retirement (deactivate, delete), the create, the
// old secret's deactivation and deletion, and a rollback's activation. Each gets: its answer lost after Okta
// committed it, 5xx bursts of 1 to 3, 429 bursts of 1 to 3, and a stall past the client's timeout; then the
// person drives on in the same window, or the window is killed right after the faulted action and a new engine
// resumes from the stores. After each: Okta and the journal agree (assertConsistent), nothing ran twice, the
// new value is kept until the end and wiped after.
// On the proxied path (https through squid) only the faults in the connection run, at every write, driven on: an
// answer cut off and a stall are carried by the proxy's tunnel, while a 5xx or a 429 is an answer like any other
// there, and the window killed after the fault is the engine's business, not the connection's. Everything on both
// paths would double the suite's time for nothing the loopback runs do not already show.
import assert from 'node:assert/strict';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { ActionOutcome } from '../../../src/rotation/engine.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import type { OrgSeed, SimulatedOrg } from '../../../src/simulator/index.ts';
import { pickAction } from '../rotation/world.ts';
import type { PersonChoices } from '../rotation/world.ts';
import { driveThrough } from './driveThrough.ts';
import { startWorldOn } from '../rotation/world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from '../rotation/world.ts';
import { assertWorldConsistent, executedWrites } from './invariants.ts';

interface Match {
  method: string;
  path: RegExp;
}

interface WritePoint {
  name: string;
  seed: Partial<OrgSeed>;
  match: Match;
  /** True when the rotation has reached the action that sends this write. */
  at: (s: RotationSnapshot) => boolean;
  /** The faulted write is a rollback's (the person rolls back instead of going on). */
  rollback?: boolean;
  /** The person pastes the first seeded secret's value when asked which is in use. */
  pasteFirst?: boolean;
}

const DEACTIVATE = /\/lifecycle\/deactivate$/;
const ACTIVATE = /\/lifecycle\/activate$/;
const SECRET = /\/credentials\/secrets\/ocs[A-Za-z0-9]+$/;
const CREATE = /\/credentials\/secrets$/;
const TWO_ACTIVE: Partial<OrgSeed> = { secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] };
const retireOffered = (s: RotationSnapshot) => s.nextActions.some((a) => a.type === 'retire');

export const WRITE_POINTS: WritePoint[] = [
  {
    name: 'retire: deactivate the active secret not in use',
    seed: TWO_ACTIVE,
    pasteFirst: true,
    match: { method: 'POST', path: DEACTIVATE },
    at: retireOffered,
  },
  {
    name: 'retire: delete the secret not in use',
    seed: TWO_ACTIVE,
    pasteFirst: true,
    match: { method: 'DELETE', path: SECRET },
    at: retireOffered,
  },
  {
    name: 'retire: delete the inactive secret',
    seed: { secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] },
    match: { method: 'DELETE', path: SECRET },
    at: retireOffered,
  },
  {
    name: 'createSecret',
    seed: {},
    match: { method: 'POST', path: CREATE },
    at: (s) => s.currentStep === 'createSecret',
  },
  {
    name: 'deactivateOld',
    seed: {},
    match: { method: 'POST', path: DEACTIVATE },
    at: (s) => s.currentStep === 'deactivateOld',
  },
  { name: 'deleteOld', seed: {}, match: { method: 'DELETE', path: SECRET }, at: (s) => s.currentStep === 'deleteOld' },
  {
    name: 'rollback: activate the old secret',
    seed: {},
    rollback: true,
    match: { method: 'POST', path: ACTIVATE },
    at: (s) => s.currentStep === 'deleteOld',
  },
];

interface Fault {
  name: string;
  arm: (org: SimulatedOrg, m: Match) => void;
  /** How the simulator logs the faulted request, and how many times. */
  served: { status: number | 'dropped' | 'stalled'; times: number };
  /** Failed actions the person sees before it goes through. */
  failures: number;
  /** A short per-attempt timeout for the client (stalls). */
  timeoutMs?: number;
  /**
   * The fault is in the connection (an answer cut off, no answer at all), which a proxy's tunnel carries differently
   * from a direct connection: run on the proxied path too. A 5xx or a 429 is an answer like any other there.
   */
  inTheConnection?: boolean;
}

const FAULTS: Fault[] = [
  {
    name: 'the answer lost after Okta committed it',
    arm: (o, m) => o.faults.dropResponseAfterCommit(m),
    served: { status: 'dropped', times: 1 },
    failures: 0,
    inTheConnection: true,
  },
  ...[1, 2, 3].map((n): Fault => ({
    name: `${n}× 500`,
    arm: (o, m) => o.faults.failNext(n, { ...m, status: n === 2 ? 503 : 500 }),
    served: { status: n === 2 ? 503 : 500, times: n },
    failures: n,
  })),
  // The client waits out two 429s (on the simulator's clock, moved by the injected sleep); a third fails the step.
  ...[1, 3].map((n): Fault => ({
    name: `${n}× 429`,
    arm: (o, m) => o.faults.failNext(n, { ...m, status: 429 }),
    served: { status: 429, times: n },
    failures: n >= 3 ? 1 : 0,
  })),
  {
    name: 'stalled past the client timeout',
    arm: (o, m) => o.faults.stallNext(m),
    served: { status: 'stalled', times: 1 },
    failures: 1,
    timeoutMs: 400,
    inTheConnection: true,
  },
];

const matching = (world: World, m: Match) =>
  world.served.filter((e) => e.method === m.method && m.path.test(e.url.split('?')[0] ?? ''));

describeOnPaths('faults at every mutating call of a rotation', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(30_000);
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  for (const point of WRITE_POINTS) {
    for (const fault of FAULTS.filter((f) => path === 'loopback' || f.inTheConnection)) {
      for (const killed of path === 'loopback' ? [false, true] : [false]) {
        it(`${point.name}: ${fault.name}, then ${killed ? 'the window killed and the rotation resumed' : 'driven on'}`, async () => {
          const w = await startWorld(point.seed, fault.timeoutMs ? { client: { timeoutMs: fault.timeoutMs } } : {});
          world = w;
          const originalIds = w.org.secrets().map((s) => s.id);
          const choices: PersonChoices = point.pasteFirst ? { paste: w.org.secrets()[0]?.clientSecret } : {};
          let engine = await w.start();
          const label = `${point.name} / ${fault.name}${killed ? ' / killed' : ''}`;
          const check = async () => assertWorldConsistent(w, { journal: engine.journal(), originalIds, label });

          const before = await driveThrough(engine, { ...choices, stopWhen: point.at, maxFailures: 0 });
          assert.equal(before.failures.length, 0);
          assert.ok(point.at(engine.snapshot()), `${label}: reached the faulted action`);
          fault.arm(w.org, point.match);

          // The faulted action (a rollback is retried by the person until it goes through).
          const failures: ActionOutcome[] = [];
          const act = async (): Promise<ActionOutcome> => {
            const action = point.rollback
              ? { type: 'rollback' as const }
              : pickAction(engine.snapshot().nextActions, choices);
            assert.ok(action, `${label}: an action is offered`);
            const out = await engine.perform(action);
            if (!out.ok) failures.push(out);
            if (killed) engine = await RotationEngine.resume(engine.rotationId, w.deps());
            await check();
            return out;
          };
          let out = await act();
          if (point.rollback) for (let i = 0; i < 5 && !out.ok; i++) out = await act();

          const end = await driveThrough(engine, {
            ...choices,
            maxFailures: 6,
            ...(killed ? { resumeAfterEach: () => w.deps() } : {}),
          });
          engine = end.engine;
          failures.push(...end.failures);

          const hits = matching(w, point.match).filter((e) => e.status === fault.served.status);
          assert.equal(hits.length, fault.served.times, `${label}: the fault hit the intended call`);
          assert.equal(failures.length, fault.failures, `${label}: ${JSON.stringify(failures)}`);
          for (const f of failures) {
            assert.ok(
              !f.ok && f.error.message.length > 20 && f.error.message.includes(w.client.org),
              `${label}: a failure names the org: ${JSON.stringify(f)}`,
            );
          }
          assert.equal(
            end.snapshot.outcome,
            point.rollback ? 'rolledBack' : 'completed',
            `${label}: ${JSON.stringify(end.snapshot.steps.filter((s) => s.error))}`,
          );
          const executed = [...executedWrites(w.served)].filter(
            ([k]) =>
              k.startsWith(`${point.match.method} `) && point.match.path.test(k.slice(point.match.method.length + 1)),
          );
          assert.ok(
            executed.every(([, n]) => n === 1),
            `${label}: the faulted write executed once (${JSON.stringify(executed)})`,
          );
          await check();
        });
      }
    }
  }
});
