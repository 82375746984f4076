// Two VS Code windows are two processes, each with its own store instance on the one journal folder and its own
// window id. A step running in one window is that window's: the other does not take it for a crash, refuses to act
// while its heartbeat is fresh, says where it runs, and shows the same state once it ended. A heartbeat gone quiet
// (the window closed or crashed) is recovered as an interruption. Two windows acting on the same state at the same
// instant: every pair of actions offered, exactly one goes through and the other is told, no change lost silently.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotationEngine, type ActionOutcome } from '../../../src/rotation/engine.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import type { NextAction, RotationAction } from '../../../src/rotation/model/actions.ts';
import { callsOf, drive, startWorld, type World } from '../rotation/world.ts';

/** The action that takes an offer (every offer a page could send; a choice of mode is one action per way). */
function actionsOf(o: NextAction): RotationAction[] {
  switch (o.type) {
    case 'chooseMode':
      return o.options.map((mode) => ({ type: 'chooseMode', mode }));
    case 'retire':
      return [{ type: 'retire', secretId: o.secretId }];
    case 'identifyInUse':
      return [];
    default:
      return [o];
  }
}

describe('one owner per running step, across windows', () => {
  let world: World | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'one-owner-'));
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** A window: its own store instance on the shared folder and its own id. */
  const windowOf = (w: World, id: string) => ({ journals: new FileJournalStore(dir), windowId: id });

  it('a step running in window A: window B does not recover it, refuses to act, says so, and follows it to its end', async () => {
    const w = await startWorld();
    world = w;
    const a = await w.start(windowOf(w, 'window-a'));
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const held = w.org.faults.hold('POST', /\/credentials\/secrets$/);
    const creating = a.perform({ type: 'run', step: 'createSecret' });
    await held.reached;

    const b = await RotationEngine.resume(a.rotationId, w.deps(windowOf(w, 'window-b')));
    const seen = b.snapshot();
    assert.equal(seen.runningElsewhere?.what, 'createSecret', 'B sees the step run in another window');
    assert.equal(seen.steps.find((s) => s.id === 'createSecret')?.state, 'running', 'and leaves it running');
    assert.deepEqual(seen.nextActions, [], 'B offers nothing meanwhile');
    for (const action of [{ type: 'abandon' }, { type: 'run', step: 'createSecret' }] as const) {
      const out = await b.perform(action);
      assert.ok(!out.ok && out.error.kind === 'runningElsewhere', JSON.stringify(out));
      assert.match(out.error.message, /"Create the new secret" runs in another window/);
    }
    assert.equal(callsOf(w.org).creates, 1, 'B sent nothing');

    held.release();
    assert.ok((await creating).ok);
    assert.ok(await b.refresh(), 'B reads the rotation again');
    assert.equal(b.snapshot().runningElsewhere, undefined);
    assert.deepEqual(b.snapshot().steps, a.snapshot().steps, 'both windows show the same state');
    assert.deepEqual(b.snapshot().nextActions, a.snapshot().nextActions);
  });

  it("a window that crashed mid-step: once its heartbeat is older than the limit, another window recovers the step from Okta's state", async () => {
    const w = await startWorld();
    world = w;
    const a = await w.start(windowOf(w, 'window-a'));
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const held = w.org.faults.hold('POST', /\/credentials\/secrets$/);
    void a.perform({ type: 'run', step: 'createSecret' }).catch(() => undefined);
    await held.reached;
    // Window A is gone: its heartbeat never comes again. Within the limit, B leaves the step alone...
    w.clock.advanceMs(20_000);
    const early = await RotationEngine.resume(a.rotationId, w.deps(windowOf(w, 'window-b')));
    assert.equal(early.snapshot().runningElsewhere?.what, 'createSecret');
    // ...past it, B takes it for an interruption: Okta shows the secret A's request made, adopted, never made twice.
    w.clock.advanceMs(60_000);
    const b = await RotationEngine.resume(a.rotationId, w.deps(windowOf(w, 'window-b')));
    assert.equal(b.snapshot().runningElsewhere, undefined);
    assert.equal(b.snapshot().steps.find((s) => s.id === 'createSecret')?.state, 'done');
    assert.equal(b.snapshot().secrets.new?.id, w.org.secrets()[1]?.id);
    held.release();
    assert.equal((await drive(b)).snapshot.outcome, 'completed');
    assert.equal(callsOf(w.org).creates, 1);
  });

  it('a long step keeps its heartbeat: another window never takes it for a crash while it runs', async () => {
    const w = await startWorld();
    world = w;
    const a = await w.start({ ...windowOf(w, 'window-a'), heartbeatMs: 20 });
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const held = w.org.faults.hold('POST', /\/credentials\/secrets$/);
    const creating = a.perform({ type: 'run', step: 'createSecret' });
    await held.reached;
    const first = (await new FileJournalStore(dir).load(a.rotationId))?.steps.createSecret.owner?.beatAt;
    // Time passes on the window's clock while the answer is held; the heartbeat renews the claim. Each advance
    // waits for the beat that follows it (real time bounded), so a loaded machine delays the test, never fails it.
    for (let i = 0; i < 5; i++) {
      w.clock.advanceMs(30_000);
      const after = w.clock.now().toISOString();
      const until = Date.now() + 10_000;
      for (;;) {
        const beat = (await new FileJournalStore(dir).load(a.rotationId))?.steps.createSecret.owner?.beatAt ?? '';
        if (beat >= after) break;
        assert.ok(Date.now() < until, `no heartbeat after ${after} within 10 s of real time (last ${beat})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const stored = await new FileJournalStore(dir).load(a.rotationId);
    assert.equal(stored?.steps.createSecret.owner?.window, 'window-a');
    assert.ok((stored?.steps.createSecret.owner?.beatAt ?? '') > (first ?? ''), 'the heartbeat was renewed');
    const b = await RotationEngine.resume(a.rotationId, w.deps(windowOf(w, 'window-b')));
    assert.equal(b.snapshot().runningElsewhere?.what, 'createSecret', 'still A’s, minutes later');
    held.release();
    assert.ok((await creating).ok);
  });

  it('every pair of actions offered, taken at the same instant in two windows: exactly one goes through, the other is told', async () => {
    // Where the rotation stands when both windows act, and the choices a person could make there.
    const points = [
      { at: 'createSecret' },
      { at: 'newConnection' },
      { at: 'identifyOld' },
      { at: 'deleteOld' },
    ] as const;
    for (const point of points) {
      const probe = await startWorld();
      const p = await probe.start();
      await drive(p, {
        stopWhen: (s) => s.currentStep === point.at && s.nextActions.length > 0,
        mode: 'newConnection',
      });
      const offers = p.snapshot().nextActions;
      await probe.close();
      const actions = offers.flatMap(actionsOf);
      for (const x of actions)
        for (const y of actions) {
          const w = await startWorld();
          const roundDir = await mkdtemp(join(dir, 'round-'));
          const a = await w.start({ journals: new FileJournalStore(roundDir), windowId: 'window-a' });
          await drive(a, {
            stopWhen: (s) => s.currentStep === point.at && s.nextActions.length > 0,
            mode: 'newConnection',
          });
          const b = await RotationEngine.resume(
            a.rotationId,
            w.deps({ journals: new FileJournalStore(roundDir), windowId: 'window-b' }),
          );
          const writesBefore = w.served.filter((e) => e.method !== 'GET').length;
          const [ra, rb] = await Promise.all([a.perform(x), b.perform(y)]);
          const label = `at ${point.at}: A ${JSON.stringify(x)}, B ${JSON.stringify(y)}: ${JSON.stringify([ra, rb])}`;
          assert.equal([ra, rb].filter((r) => r.ok).length, 1, label);
          const lost = ra.ok ? rb : ra;
          assert.ok(!lost.ok && ['staleJournal', 'runningElsewhere'].includes(lost.error.kind), label);
          const winner = ra.ok ? a : b;
          const stored = await new FileJournalStore(roundDir).load(a.rotationId);
          assert.deepEqual(stored?.steps, winner.journal().steps, `${label}: the store holds the winner's state`);
          const writes = w.served.filter((e) => e.method !== 'GET').length - writesBefore;
          assert.ok(writes <= 1, `${label}: at most one write reached Okta (${writes})`);
          await w.close();
        }
    }
  });
});

describe('two windows as two processes', () => {
  let world: World | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'two-processes-'));
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Window B in its own Node process, resumed on the same journal files, ready to act when told. */
  async function windowProcess(w: World, rotationId: string, action: RotationAction) {
    const config = {
      dir,
      baseUrl: w.org.info.baseUrl,
      token: w.org.info.apiToken,
      rotationId,
      windowId: 'window-b',
      action,
    };
    const child = spawn(process.execPath, ['test/support/windowProcess.ts', JSON.stringify(config)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const next = (): Promise<string> =>
      new Promise((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`window B exited (${code})`)));
      });
    assert.equal(await next(), 'ready');
    return {
      act: async (): Promise<ActionOutcome> => {
        const answer = next();
        child.stdin.write('go\n');
        return JSON.parse(await answer) as ActionOutcome;
      },
      close: () => child.kill(),
    };
  }

  it('both processes create the new secret at the same instant: one secret, one window told', async () => {
    const w = await startWorld();
    world = w;
    const a = await w.start({ journals: new FileJournalStore(dir), windowId: 'window-a' });
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const create: RotationAction = { type: 'run', step: 'createSecret' };
    const b = await windowProcess(w, a.rotationId, create);
    try {
      const [ra, rb] = await Promise.all([a.perform(create), b.act()]);
      const label = JSON.stringify([ra, rb]);
      assert.equal([ra, rb].filter((r) => r.ok).length, 1, label);
      const lost = ra.ok ? rb : ra;
      assert.ok(!lost.ok && ['staleJournal', 'runningElsewhere'].includes(lost.error.kind), label);
      assert.equal(callsOf(w.org).creates, 1, 'one secret created, never two');
      assert.equal(w.org.secrets().length, 2);
    } finally {
      b.close();
    }
  });
});
