// One engine per rotation in a window. A window just opened can be asked for the same rotation twice at once (VS Code
// restores its checklist while the person runs Resume Rotation): both get one engine, resumed once, and that engine
// follows a step running in another window to its end. With two engines, the checklist bound to the one nobody read
// again kept saying the step ran in the other window after it had ended there.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { WindowEngines } from '../../../src/rotation/windowEngines.ts';
import { waitFor } from '../../support/waitFor.ts';
import { callsOf, drive, startWorld, type World } from '../rotation/world.ts';

describe('the engines of one window: one per rotation, following another window', () => {
  let world: World | undefined;
  let dir: string;
  let engines: WindowEngines<string> | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'window-engines-'));
  });
  afterEach(async () => {
    engines?.dispose();
    engines = undefined;
    await world?.close();
    world = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const windowOf = (id: string) => ({ journals: new FileJournalStore(dir), windowId: id });

  /** Window A's create, sent and carried out by Okta, its answer held; A beats every `heartbeatMs` meanwhile. */
  async function createHeldInWindowA(heartbeatMs: number) {
    const w = await startWorld();
    world = w;
    const a = await w.start({ ...windowOf('window-a'), heartbeatMs });
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const held = w.org.faults.hold('POST', /\/credentials\/secrets$/);
    const creating = a.perform({ type: 'run', step: 'createSecret' });
    await held.reached;
    return { w, a, held, creating };
  }

  /** Window B's engines, following every 20 ms; `last()` is the snapshot its checklist would show. */
  function windowB(): { engines: WindowEngines<string>; last: () => RotationSnapshot | undefined } {
    let last: RotationSnapshot | undefined;
    engines = new WindowEngines<string>({
      changed: (_org, _previous, snapshot) => (last = snapshot),
      followFailed: (e) => assert.fail(String(e)),
      followMs: 20,
    });
    return { engines, last: () => last };
  }

  it('two asks for one rotation at once (a restored checklist and Resume Rotation): resumed once, one engine for both', async () => {
    const w = await startWorld();
    world = w;
    const a = await w.start(windowOf('window-a'));
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const changes: string[] = [];
    engines = new WindowEngines<string>({
      changed: (org, previous) => changes.push(`${org} ${previous ? 'changed' : 'adopted'}`),
      followFailed: (e) => assert.fail(String(e)),
    });
    let loads = 0;
    const load = async () => {
      loads++;
      return RotationEngine.resume(a.rotationId, w.deps(windowOf('window-b')));
    };
    const [restored, fromPalette] = await Promise.all([
      engines.getOrLoad(a.rotationId, 'org', load),
      engines.getOrLoad(a.rotationId, 'org', load),
    ]);
    assert.equal(loads, 1, 'the journal was resumed once');
    assert.equal(restored, fromPalette, 'both asks got the same engine');
    assert.equal(engines.get(a.rotationId), restored);
    assert.equal(await engines.getOrLoad(a.rotationId, 'org', load), restored, 'and a later ask gets it too');
    assert.equal(loads, 1);
    assert.deepEqual(changes, ['org adopted'], 'adopted once');
  });

  it('a resume that fails fails every ask that waited for it; the next ask resumes again', async () => {
    engines = new WindowEngines<string>({ changed: () => undefined, followFailed: () => undefined });
    let loads = 0;
    const failing = async (): Promise<RotationEngine> => {
      loads++;
      throw new Error('Okta could not be reached');
    };
    const asks = await Promise.allSettled([
      engines.getOrLoad('rot-1', 'org', failing),
      engines.getOrLoad('rot-1', 'org', failing),
    ]);
    assert.deepEqual(
      asks.map((a) => a.status),
      ['rejected', 'rejected'],
    );
    assert.equal(loads, 1);
    await assert.rejects(engines.getOrLoad('rot-1', 'org', failing), /could not be reached/);
    assert.equal(loads, 2, 'a failed resume is not kept');
    assert.equal(engines.get('rot-1'), undefined);
  });

  it("a resume cancelled by the one who asked first is not the others' cancel: they resume on their own", async () => {
    const w = await startWorld();
    world = w;
    const a = await w.start(windowOf('window-a'));
    await drive(a, { stopWhen: (s) => s.currentStep === 'createSecret' });
    engines = new WindowEngines<string>({ changed: () => undefined, followFailed: (e) => assert.fail(String(e)) });
    // The first ask's resume waits under its progress notification, whose Cancel the person presses.
    const cancel = new AbortController();
    const cancelled = (): Promise<RotationEngine> =>
      new Promise((_, reject) => cancel.signal.addEventListener('abort', () => reject(cancel.signal.reason)));
    let loads = 0;
    const load = async () => {
      loads++;
      return RotationEngine.resume(a.rotationId, w.deps(windowOf('window-b')));
    };
    const first = engines.getOrLoad(a.rotationId, 'org', cancelled);
    const second = engines.getOrLoad(a.rotationId, 'org', load);
    cancel.abort();
    await assert.rejects(first, { name: 'AbortError' });
    const engine = await second;
    assert.equal(loads, 1, 'the second ask resumed by itself');
    assert.equal(engines.get(a.rotationId), engine);
  });

  it('a step running in another window is followed: its end reaches this window by itself, no second request to Okta', async () => {
    // Window A beats often, on the test's clock, so window B never takes its step for a crash.
    const { w, a, held, creating } = await createHeldInWindowA(20);
    const { engines, last } = windowB();
    const b = await Promise.all(
      [1, 2].map(() =>
        engines.getOrLoad(a.rotationId, 'org', () =>
          RotationEngine.resume(a.rotationId, w.deps({ ...windowOf('window-b'), staleAfterMs: 3_600_000 })),
        ),
      ),
    );
    assert.equal(b[0], b[1]);
    assert.equal(last()?.runningElsewhere?.what, 'createSecret', 'B says the step runs in another window');

    held.release();
    assert.ok((await creating).ok);
    await waitFor(
      () => createShownDone(last()) && last()?.runningElsewhere === undefined,
      'window B to show the create done',
    );
    assert.deepEqual(last()?.steps, a.snapshot().steps, 'both windows show the same state');
    assert.deepEqual(last()?.nextActions, a.snapshot().nextActions);
    assert.equal(callsOf(w.org).creates, 1);
  });

  it('the other window goes quiet mid-step (closed, crashed): this window recovers the step from Okta by itself, never redoing it', async () => {
    // Window A never beats again once its step started: as if it crashed right after sending the create.
    const { w, held, a, creating } = await createHeldInWindowA(3_600_000);
    const { engines, last } = windowB();
    const b = await engines.getOrLoad(a.rotationId, 'org', () =>
      RotationEngine.resume(a.rotationId, w.deps(windowOf('window-b'))),
    );
    assert.equal(last()?.runningElsewhere?.what, 'createSecret', 'at first B leaves the step to A');
    // A's heartbeat is now older than the limit.
    w.clock.advanceMs(120_000);
    await waitFor(() => createShownDone(last()), "window B to recover the create from Okta's record");
    assert.equal(last()?.runningElsewhere, undefined);
    assert.equal(b.snapshot().secrets.new?.id, w.org.secrets()[1]?.id, "B adopted the secret A's request made");
    held.release();
    await creating.catch(() => undefined);
    assert.equal(callsOf(w.org).creates, 1, 'the create was never sent again');
  });
});

function createShownDone(snapshot: RotationSnapshot | undefined): boolean {
  return snapshot?.steps.find((s) => s.id === 'createSecret')?.state === 'done';
}
