// Two windows rotating the same app: two engine instances sharing the stores. The second start is refused,
// naming the first rotation, with each store the extension or the tests use: memory, and the journal files (one
// instance per window, as VS Code's windows are separate processes), whose claims lock across processes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRotationError } from '../../../src/rotation/errors.ts';
import { FileLock } from '../../../src/rotation/fileLock.ts';
import { revisionOf, type RotationJournal } from '../../../src/rotation/model/journal.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import type { RotationJournalStore } from '../../../src/rotation/stores.ts';
import { driveThrough } from '../faults/driveThrough.ts';
import { startWorld, startWorldOn } from '../rotation/world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from '../rotation/world.ts';

describeOnPaths('two windows rotating the same app', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(30_000);
  let world: World | undefined;
  const dirs: string[] = [];
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'two-windows-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await world?.close();
    world = undefined;
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  /** Window A runs its rotation to a point; window B's start is refused; after A completes, B may start. */
  async function secondRefused(windowA: RotationJournalStore, windowB: RotationJournalStore): Promise<void> {
    const w = await startWorld();
    world = w;
    const a = await w.start({ journals: windowA });
    await driveThrough(a, { stopWhen: (s) => s.currentStep === 'verifyNewSecret', maxFailures: 0 });
    await assert.rejects(w.start({ journals: windowB }), (e: unknown) => {
      assert.ok(isRotationError(e, 'alreadyRunning'), String(e));
      assert.ok(e.message.includes(a.rotationId) && e.message.includes(w.client.org), e.message);
      return true;
    });
    assert.equal(w.org.secrets().length, 2, 'the refused window created nothing');
    const end = await driveThrough(a, { maxFailures: 0 });
    assert.equal(end.snapshot.outcome, 'completed');
    const b = await w.start({ journals: windowB });
    assert.equal((await driveThrough(b, { maxFailures: 0 })).snapshot.outcome, 'completed');
  }

  it('memory store shared by two engines: the second refused while the first runs, allowed after', async () => {
    const shared = new MemoryJournalStore();
    await secondRefused(shared, shared);
  });

  it('file store, two instances on one folder (two processes): refused, then allowed', async () => {
    const dir = await tempDir();
    await secondRefused(new FileJournalStore(dir), new FileJournalStore(dir));
  });

  for (const kind of ['files'] as const) {
    it(`${kind}: two windows claiming at the same instant, 20 times: exactly one wins each time`, async () => {
      const w = await startWorld();
      world = w;
      for (let round = 0; round < 20; round++) {
        const dir = await tempDir();
        const store = () => new FileJournalStore(dir);
        const results = await Promise.allSettled([w.start({ journals: store() }), w.start({ journals: store() })]);
        assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'], `round ${round}`);
        const lost = results.find((r) => r.status === 'rejected');
        assert.ok(lost && isRotationError(lost.reason, 'alreadyRunning'), String(lost && lost.reason));
      }
    });
  }
});

describe('journal files: the lock of an app across windows', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function journalOf(id: string): Promise<RotationJournal> {
    // A real journal, as the engine makes it, from a window that then forgets it.
    const w = await startWorld({}, {});
    try {
      const e = await w.start({ newRotationId: () => id });
      return e.journal();
    } finally {
      await w.close();
    }
  }

  it('a lock left by a crashed window holds while its rotation is unfinished, and is taken over once it ended or its journal went', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stale-lock-'));
    dirs.push(dir);
    const first = await journalOf('rotation-a');
    const second = { ...(await journalOf('rotation-b')), org: first.org, app: first.app };
    const windowA = new FileJournalStore(dir);
    assert.equal(await windowA.claim(first), undefined);
    // Window A is killed: its lock and its unfinished journal stay. Window B is refused, told whose it is.
    const windowB = new FileJournalStore(dir);
    assert.equal((await windowB.claim(second))?.rotationId, 'rotation-a');
    // The rotation A left is abandoned (from any window): its lock is a leftover, taken over at once.
    await windowB.save({ ...first, outcome: 'abandoned', endedAt: first.createdAt }, revisionOf(first));
    assert.equal(await windowB.claim(second), undefined);
    assert.equal(
      (await new FileLock(join(dir, 'locks')).holder(`${first.org.host.toLowerCase()}/${first.app.id}`))?.record.owner,
      'rotation-b',
    );
    // A journal gone (deleted with its org) leaves a lock that is taken over too.
    await windowB.delete('rotation-b');
    assert.equal(await windowA.claim({ ...first, rotationId: 'rotation-c', outcome: 'inProgress' }), undefined);
  });

  it('a finished rotation releases its lock when saved finished, and a deleted one when deleted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'release-lock-'));
    dirs.push(dir);
    const j = await journalOf('rotation-x');
    const store = new FileJournalStore(dir);
    const other = new FileJournalStore(dir);
    assert.equal(await store.claim(j), undefined);
    assert.equal((await other.claim({ ...j, rotationId: 'rotation-y' }))?.rotationId, 'rotation-x');
    await store.save({ ...j, outcome: 'abandoned', endedAt: j.createdAt }, revisionOf(j));
    assert.equal(await other.claim({ ...j, rotationId: 'rotation-y' }), undefined);
    await other.delete('rotation-y');
    assert.equal(await store.claim({ ...j, rotationId: 'rotation-z' }), undefined);
  });
});
