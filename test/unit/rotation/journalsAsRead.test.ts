// The journals as last read: what the tree's markers and Resume Rotation read without going to the store each time.
// Oldest first, the unfinished ones apart, a failed reading keeping the last one, many saves read once.
import assert from 'node:assert/strict';
import { JournalsAsRead } from '../../../src/rotation/journalsAsRead.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { waitFor } from '../../support/waitFor.ts';
import { drive, startWorld, type World } from './world.ts';

describe('the rotation journals as last read', () => {
  const worlds: World[] = [];
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.close();
  });

  it('lists them oldest first, finds the unfinished one of an org and app; a failed reading keeps what was read', async () => {
    const journals = new MemoryJournalStore();
    const first = await startWorld({}, { journals });
    const second = await startWorld({}, { journals, clock: first.clock });
    worlds.push(first, second);
    const done = await first.start();
    await drive(done);
    const open = await second.start();
    await drive(open, { stopWhen: (s) => s.currentStep === 'createSecret' });

    let failing = false;
    const failures: unknown[] = [];
    let readings = 0;
    const read = new JournalsAsRead({
      list: async () => {
        if (failing) throw new Error('the journals folder could not be read');
        return (await journals.list()).reverse();
      },
      read: () => readings++,
      failed: (e) => failures.push(e),
    });
    await read.reload();
    assert.deepEqual(
      read.all().map((j) => j.rotationId),
      [done.rotationId, open.rotationId],
      'oldest first',
    );
    assert.deepEqual(
      read.unfinished().map((j) => j.rotationId),
      [open.rotationId],
    );
    const { host } = open.journal().org;
    assert.equal(read.unfinishedOf(host)?.rotationId, open.rotationId);
    assert.equal(read.unfinishedOf(host, open.journal().app.id)?.rotationId, open.rotationId);
    assert.equal(read.unfinishedOf(host, 'another-app'), undefined);
    assert.notEqual(done.journal().org.host, host, 'two orgs');
    assert.equal(read.unfinishedOf(done.journal().org.host), undefined, 'the org whose rotation completed: none');
    assert.equal(read.find(done.rotationId)?.outcome, 'completed');

    failing = true;
    await read.reload();
    assert.equal(failures.length, 1);
    assert.equal(read.all().length, 2, 'what was read last stays');
    assert.equal(readings, 2, 'told after each reading, failed or not');
  });

  it('many saves in a moment are read once', async () => {
    let lists = 0;
    let readings = 0;
    const read = new JournalsAsRead({
      list: async () => {
        lists++;
        return [];
      },
      read: () => readings++,
      failed: (e) => assert.fail(String(e)),
      gatherMs: 10,
    });
    for (let i = 0; i < 50; i++) read.reloadSoon();
    await waitFor(() => readings === 1, 'one reading');
    assert.equal(lists, 1);
    read.reloadSoon();
    read.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(lists, 1, 'nothing read after dispose');
  });

  it("a journal this window saved is taken at once, without a reading; another window's newer one is kept", async () => {
    const journals = new MemoryJournalStore();
    const w = await startWorld({}, { journals });
    worlds.push(w);
    const engine = await w.start();
    let readings = 0;
    const read = new JournalsAsRead({ list: () => journals.list(), read: () => readings++, failed: assert.fail });
    await read.reload();
    assert.equal(read.unfinishedOf(engine.journal().org.host)?.newSecret, undefined);

    await drive(engine, { stopWhen: (s) => s.currentStep === 'newConnection' });
    const created = engine.journal();
    read.saved(created);
    assert.equal(read.find(engine.rotationId)?.newSecret?.id, created.newSecret?.id, 'the new secret, at once');
    assert.equal(readings, 1, 'nobody told: the reading that follows the save does');

    // A newer revision of the same rotation (another window moved it on) was read; an older save does not undo it.
    await drive(engine, { stopWhen: (s) => s.currentStep === 'verifyNewSecret' });
    await read.reload();
    read.saved(created);
    assert.equal(read.find(engine.rotationId)?.revision, engine.journal().revision, 'the newer revision stays');

    // A rotation not read yet (just started here) joins the list in its place, oldest first.
    const other = await startWorld({}, { journals, clock: w.clock });
    worlds.push(other);
    const started = await other.start();
    read.saved(started.journal());
    assert.deepEqual(
      read.all().map((j) => j.rotationId),
      [engine.rotationId, started.rotationId],
    );
  });
});
