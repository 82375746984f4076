// Two windows driving the SAME rotation (both ran Resume Rotation on one journal): each save names the journal
// revision it read. The window that fell behind is refused (RotationError 'staleJournal': the rotation changed in
// another window) before it sends anything to Okta, and takes the other window's state, so what it shows next is
// where the rotation stands. A step running in one window is that window's: the other refuses to act
// ('runningElsewhere') and follows it. With the memory store and the files (one instance per window, as two
// extension hosts have), those also through the VS Code wiring of a real (not loopback) org: rotationDepsFor, as
// RunningRotations builds it. On the proxied path that org is https://acme.okta.com reached through squid, each
// window with its own clients.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotationEngine, type ActionOutcome, type RotationDeps } from '../../../src/rotation/engine.ts';
import { isRotationError } from '../../../src/rotation/errors.ts';
import { revisionOf, type RotationJournal } from '../../../src/rotation/model/journal.ts';
import { MemoryJournalStore, type RotationJournalStore } from '../../../src/rotation/stores.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import { driveThrough } from '../faults/driveThrough.ts';
import { callsOf, startWorld, startWorldOn, type World } from '../rotation/world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import { realOrgOf, REAL_ORG_SEED, vscodeWindow, type VsCodeWindow } from './vscodeWindow.ts';

const STALE = /changed in another window, so nothing was done/;

/** The engine deps of one window, in a world. */
type WindowDeps = (w: World) => RotationDeps;
const withStore =
  (journals: RotationJournalStore): WindowDeps =>
  (w) =>
    w.deps({ journals });

async function startIn(w: World, deps: RotationDeps, org?: { host: string; baseUrl: string }): Promise<RotationEngine> {
  const app = await w.client.findWorkflowsApp({ appId: w.org.info.workflowsAppId });
  const at = org ?? { host: w.client.org, baseUrl: w.org.info.baseUrl };
  return RotationEngine.start({ org: at, environment: w.org.info.environment, app }, deps);
}

describeOnPaths('two windows driving the same rotation', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(30_000);
  let world: World | undefined;
  const dirs: string[] = [];
  const windows: VsCodeWindow[] = [];
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'same-rotation-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const w of windows.splice(0)) w.dispose();
    await world?.close();
    world = undefined;
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  /**
   * Window A starts a rotation and runs it to "create"; window B resumes the same rotation; A creates the secret;
   * B's next action (its snapshot still offers the create) is refused without a request to Okta, and B then shows
   * A's state (the create done); A completes; B, read again, shows A's result.
   */
  async function behindIsRefused(windowA: WindowDeps, windowB: WindowDeps, realOrg = false): Promise<void> {
    const w = await startWorld(realOrg ? REAL_ORG_SEED : {});
    world = w;
    const a = await startIn(w, windowA(w), realOrg ? realOrgOf(w) : undefined);
    await driveThrough(a, { stopWhen: (s) => s.currentStep === 'createSecret', maxFailures: 0, acknowledge: true });
    const b = await RotationEngine.resume(a.rotationId, windowB(w));
    assert.deepEqual(b.snapshot().nextActions, a.snapshot().nextActions, 'both windows offer the same action');

    assert.ok((await a.perform({ type: 'run', step: 'createSecret' })).ok);
    const secretsAfterA = w.org.secrets();
    const requests = w.org.requests.length;
    const outcome = await b.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!outcome.ok && outcome.error.kind === 'staleJournal', JSON.stringify(outcome));
    assert.match(outcome.error.message, STALE);
    assert.ok(
      outcome.error.message.includes(a.journal().org.host) && outcome.error.message.includes(a.journal().app.id),
      outcome.error.message,
    );
    assert.equal(w.org.requests.length, requests, 'window B sent nothing to Okta');
    assert.deepEqual(w.org.secrets(), secretsAfterA, 'window B changed no secret');
    assert.equal(
      b.snapshot().steps.find((s) => s.id === 'createSecret')?.state,
      'done',
      "B shows A's state now: the create done",
    );
    assert.deepEqual(b.snapshot().nextActions, a.snapshot().nextActions, 'and offers what A offers');
    // Asked again, B does not create a second secret: the create is no longer offered.
    const again = await b.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!again.ok && again.error.kind === 'actionNotAvailable', JSON.stringify(again));
    assert.equal(w.org.requests.length, requests, 'still nothing sent by B');

    const end = await driveThrough(a, { maxFailures: 0 });
    assert.equal(end.snapshot.outcome, 'completed');
    assert.equal(w.org.secrets().length, 1);
    assert.ok(await b.refresh(), 'B reads the journal again');
    assert.equal(b.snapshot().outcome, 'completed');
    assert.equal(b.snapshot().secrets.new?.id, end.snapshot.secrets.new?.id);
  }

  /**
   * Both windows resumed the rotation at "create" and run it at the same instant: both pass the early check (the
   * stored revision is the one they read), so only the save's compare-and-swap can stop one. Exactly one creates;
   * the other is refused as stale at its first save, having sent nothing to Okta.
   */
  async function raceIsWonOnce(windowA: WindowDeps, windowB: WindowDeps, realOrg = false): Promise<void> {
    const w = await startWorld(realOrg ? REAL_ORG_SEED : {});
    world = w;
    const first = await startIn(w, windowA(w), realOrg ? realOrgOf(w) : undefined);
    await driveThrough(first, {
      stopWhen: (s) => s.currentStep === 'createSecret',
      maxFailures: 0,
      acknowledge: true,
    });
    // A pause after the org check: the create lists the secrets afresh, so one list is the winner's own.
    w.clock.advanceDays(1);
    const a = await RotationEngine.resume(first.rotationId, windowA(w));
    const b = await RotationEngine.resume(first.rotationId, windowB(w));
    const listsBefore = w.org.requests.filter(
      (r) => r.method === 'GET' && /\/credentials\/secrets$/.test(r.path),
    ).length;
    const outcomes: ActionOutcome[] = await Promise.all([
      a.perform({ type: 'run', step: 'createSecret' }),
      b.perform({ type: 'run', step: 'createSecret' }),
    ]);
    const kinds = outcomes.map((o) => (o.ok ? 'ok' : o.error.kind)).sort();
    assert.deepEqual(kinds, ['ok', 'staleJournal'], JSON.stringify(outcomes));
    assert.equal(callsOf(w.org).creates, 1, 'one secret created, never two');
    const lists = w.org.requests.filter((r) => r.method === 'GET' && /\/credentials\/secrets$/.test(r.path)).length;
    assert.equal(lists - listsBefore, 1, 'the refused window did not even list the secrets');
    const winner = outcomes[0]?.ok ? a : b;
    assert.equal((await driveThrough(winner, { maxFailures: 0 })).snapshot.outcome, 'completed');
    assert.equal(w.org.secrets().length, 1);
  }

  it('memory store shared by both windows', async () => {
    const shared = new MemoryJournalStore();
    await behindIsRefused(withStore(shared), withStore(shared));
  });

  it('memory store: two engines running the same step at once, only one reaches Okta', async () => {
    const shared = new MemoryJournalStore();
    await raceIsWonOnce(withStore(shared), withStore(shared));
  });

  it('file store, one instance per window on one folder', async () => {
    const dir = await tempDir();
    await behindIsRefused(withStore(new FileJournalStore(dir)), withStore(new FileJournalStore(dir)));
  });

  it('file store: two windows running the same step at once, only one reaches Okta', async () => {
    const dir = await tempDir();
    await raceIsWonOnce(withStore(new FileJournalStore(dir)), withStore(new FileJournalStore(dir)));
  });

  /** Two VS Code windows: each its own store instance on the extension's global storage folder, as two hosts have. */
  async function twoVsCodeWindows(): Promise<[VsCodeWindow, VsCodeWindow]> {
    const storage = await tempDir();
    const opened: [VsCodeWindow, VsCodeWindow] = [vscodeWindow(storage), vscodeWindow(storage)];
    windows.push(...opened);
    return opened;
  }
  /** On the proxied path the windows' own clients (http.proxy naming squid) made the rotation's calls. */
  const ownClientsCalled = (a: VsCodeWindow, b: VsCodeWindow) => {
    if (path !== 'proxied') return;
    const creates = [...a.apiCalls, ...b.apiCalls].filter((c) =>
      /^POST \/api\/v1\/apps\/\w+\/credentials\/secrets 201$/.test(c),
    );
    assert.equal(creates.length, 1, [...a.apiCalls, ...b.apiCalls].join('\n'));
  };

  it('the VS Code wiring of a real org (rotationDepsFor over the journal files): the window behind is refused', async () => {
    const [a, b] = await twoVsCodeWindows();
    await behindIsRefused(
      (w) => a.deps(w),
      (w) => b.deps(w),
      true,
    );
    ownClientsCalled(a, b);
  });

  it('the VS Code wiring of a real org: two windows running the same step at once, only one reaches Okta', async () => {
    const [a, b] = await twoVsCodeWindows();
    await raceIsWonOnce(
      (w) => a.deps(w),
      (w) => b.deps(w),
      true,
    );
    ownClientsCalled(a, b);
  });

  it('the save itself is the guard: a window whose reads lag (the early check passes) is refused at its first save, before Okta', async () => {
    const w = await startWorld();
    world = w;
    const store = new MemoryJournalStore();
    const a = await w.start({ journals: store });
    await driveThrough(a, { stopWhen: (s) => s.currentStep === 'createSecret', maxFailures: 0 });
    const lagging = a.journal();
    // Window B's reads return what it saw at resume time; its saves reach the real store.
    const laggingStore: RotationJournalStore = {
      load: async () => lagging,
      save: (j, expected) => store.save(j, expected),
      importJournal: (j) => store.importJournal(j),
      delete: (id) => store.delete(id),
      list: () => store.list(),
      claim: (j) => store.claim(j),
      release: (j) => store.release(j),
    };
    const bLagging = await RotationEngine.resume(lagging, w.deps({ journals: laggingStore }));
    assert.ok((await a.perform({ type: 'run', step: 'createSecret' })).ok);
    const requests = w.org.requests.length;
    const outcome = await bLagging.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!outcome.ok && outcome.error.kind === 'staleJournal', JSON.stringify(outcome));
    assert.match(outcome.error.message, STALE);
    assert.equal(w.org.requests.length, requests, 'nothing was sent to Okta');
    assert.equal(w.org.secrets().length, 2, 'only A created a secret');
    assert.ok(
      !(await bLagging.perform({ type: 'abandon' })).ok,
      'its abandon, saved against A’s revision, is refused too',
    );
    assert.equal((await store.load(a.rotationId))?.outcome, 'inProgress');
  });
});

describe('journal stores: save is a compare-and-swap on the revision', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function journal(): Promise<RotationJournal> {
    const w = await startWorld();
    try {
      return (await w.start({ newRotationId: () => 'rotation-cas' })).journal();
    } finally {
      await w.close();
    }
  }
  const next = (j: RotationJournal, label: string): RotationJournal => ({
    ...j,
    revision: revisionOf(j) + 1,
    report: [label],
  });

  const stores: Array<[string, () => Promise<[RotationJournalStore, RotationJournalStore]>]> = [
    [
      'memory',
      async () => {
        const m = new MemoryJournalStore();
        return [m, m];
      },
    ],
    [
      'files',
      async () => {
        const d = await mkdtemp(join(tmpdir(), 'cas-'));
        dirs.push(d);
        return [new FileJournalStore(d), new FileJournalStore(d)];
      },
    ],
  ];
  for (const [name, make] of stores) {
    it(`${name}: a save naming the stored revision wins; one naming an older revision is refused and writes nothing`, async () => {
      const [x, y] = await make();
      const j = await journal();
      await x.importJournal(j);
      await x.save(next(j, 'from x'), revisionOf(j));
      await assert.rejects(
        y.save(next(j, 'from y'), revisionOf(j)),
        (e: unknown) => isRotationError(e, 'staleJournal') && STALE.test(e.message),
      );
      assert.deepEqual((await y.load(j.rotationId))?.report, ['from x']);
      // An import (importJournal: imports, tests) is the one unconditional write.
      await y.importJournal(next(j, 'forced'));
      assert.deepEqual((await x.load(j.rotationId))?.report, ['forced']);
    });
  }

  it('files: two instances saving the same revision at the same instant, 20 times: exactly one wins each time', async () => {
    const j = await journal();
    for (let round = 0; round < 20; round++) {
      const dir = await mkdtemp(join(tmpdir(), 'cas-race-'));
      dirs.push(dir);
      const [x, y] = [new FileJournalStore(dir), new FileJournalStore(dir)];
      await x.importJournal(j);
      const results = await Promise.allSettled([
        x.save(next(j, 'x'), revisionOf(j)),
        y.save(next(j, 'y'), revisionOf(j)),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'], `round ${round}`);
      const lost = results.find((r) => r.status === 'rejected');
      assert.ok(lost && isRotationError(lost.reason, 'staleJournal'), String(lost && lost.reason));
      const winner = results[0]!.status === 'fulfilled' ? 'x' : 'y';
      assert.deepEqual((await x.load(j.rotationId))?.report, [winner]);
    }
  });
});
