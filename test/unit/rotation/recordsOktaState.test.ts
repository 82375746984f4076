// The journal records what Okta holds and what the person saw, nothing more: a secret Okta no longer lists is
// recorded as deleted elsewhere (never as deactivated or deleted by the rotation, and Roll back is then not offered);
// an action that retires old secrets and names other ids than the rotation's is refused; an ending is saved before
// the new secret's value is wiped; the newest completed rotation of every org survives the journal files' retention,
// so the preview guards never lose it however many rotations a campaign adds.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePreviewSoak } from '../../../src/rotation/guards.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import type { RotationJournal } from '../../../src/rotation/model/journal.ts';
import { MemoryJournalStore, type PendingSecretStore } from '../../../src/rotation/stores.ts';
import { drive, startWorld, type World } from './world.ts';

describe('rotation: the journal records what Okta holds and what the person saw', () => {
  let world: World | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await world?.close();
    world = undefined;
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('an old secret deleted outside the extension before the deactivation: recorded as deleted elsewhere, not deactivated; no Roll back', async () => {
    world = await startWorld();
    const w = world;
    const [old] = w.org.secrets();
    const engine = await w.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deactivateOld' });
    // Someone else retires it in the Admin Console meanwhile.
    await w.client.deactivateSecret(w.org.info.workflowsAppId, old!.id);
    await w.client.deleteSecret(w.org.info.workflowsAppId, old!.id);
    assert.ok((await engine.perform({ type: 'run', step: 'deactivateOld' })).ok);
    const j = engine.journal();
    assert.deepEqual(j.deactivated, [], 'not recorded as deactivated by the rotation');
    assert.deepEqual(
      (j.outsideChanges ?? []).map((c) => [c.secretId, c.change, c.source]),
      [[old!.id, 'deleted', 'okta']],
    );
    assert.ok(!engine.snapshot().nextActions.some((a) => a.type === 'rollback'), 'nothing to roll back to');
    const end = await drive(engine);
    assert.equal(end.snapshot.outcome, 'completed');
    assert.deepEqual(engine.journal().deleted, [], 'and not recorded as deleted by the rotation either');
  });

  it('deactivating or confirming old secrets the person did not see is refused, and nothing reaches Okta', async () => {
    world = await startWorld();
    const w = world;
    const engine = await w.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'identifyOld' });
    assert.ok((await engine.perform({ type: 'run', step: 'identifyOld' })).ok);
    const listed = engine.journal().identify?.candidates.map((c) => c.id) ?? [];
    const wrong = await engine.perform({ type: 'confirm', step: 'identifyOld', secretIds: ['ocsSomethingElse00001'] });
    assert.ok(!wrong.ok && wrong.error.kind === 'staleJournal', JSON.stringify(wrong));
    assert.match(wrong.error.message, /not the ones shown when you chose this/);
    assert.ok((await engine.perform({ type: 'confirm', step: 'identifyOld', secretIds: listed })).ok);
    const requests = w.org.requests.length;
    const other = await engine.perform({
      type: 'run',
      step: 'deactivateOld',
      secretIds: [...listed, 'ocsExtra0000000000001'],
    });
    assert.ok(!other.ok && other.error.kind === 'staleJournal', JSON.stringify(other));
    assert.equal(w.org.requests.length, requests, 'nothing sent');
    assert.ok((await engine.perform({ type: 'run', step: 'deactivateOld', secretIds: listed })).ok);
  });

  it('an ending is saved while the new value is still stored, and the value is wiped after', async () => {
    world = await startWorld();
    const w = world;
    const inner = new MemoryJournalStore();
    let storedAtEnd: string | undefined = 'not saved';
    const journals = {
      load: (id: string) => inner.load(id),
      async save(j: RotationJournal, expected: number) {
        // The first save of the ending (later saves of the finished journal come after the wipe).
        if (j.outcome !== 'inProgress' && storedAtEnd === 'not saved') storedAtEnd = await w.secrets.get(j.rotationId);
        return inner.save(j, expected);
      },
      importJournal: (j: RotationJournal) => inner.importJournal(j),
      delete: (id: string) => inner.delete(id),
      list: () => inner.list(),
      claim: (j: RotationJournal) => inner.claim(j),
      release: (j: RotationJournal) => inner.release(j),
    };
    const secrets: PendingSecretStore = w.secrets;
    const engine = await w.start({ journals, secrets });
    const end = await drive(engine);
    assert.equal(end.snapshot.outcome, 'completed');
    assert.ok(storedAtEnd && storedAtEnd.length > 10, 'the value was still there when the ending was saved');
    assert.equal(await w.secrets.get(engine.rotationId), undefined, 'and is wiped now');
  });

  it("the journal files keep every org's newest completed rotation past the retention: the soak still finds it", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'retention-'));
    dirs.push(dir);
    world = await startWorld();
    const w = world;
    const store = new FileJournalStore(dir, { keepFinished: 3 });
    const preview = await w.start({ journals: store, newRotationId: () => 'the-preview-rotation' });
    assert.equal((await drive(preview)).snapshot.outcome, 'completed');
    const previewHost = preview.journal().org.host;
    // Sixty more finished rotations (a campaign's worth) of other orgs, newer than the preview org's.
    const template = preview.journal();
    for (let i = 0; i < 60; i++) {
      const other: RotationJournal = {
        ...template,
        rotationId: `other-${i}`,
        org: { host: `org-${i}.okta.com`, baseUrl: `https://org-${i}.okta.com` },
        updatedAt: new Date(Date.parse(template.updatedAt) + (i + 1) * 60_000).toISOString(),
        outcome: i % 2 === 0 ? 'completed' : 'abandoned',
      };
      await store.importJournal({ ...other, revision: 0 });
      await store.save({ ...other, revision: 1 }, 0);
    }
    const kept = await store.list();
    assert.ok(
      kept.some((j) => j.rotationId === 'the-preview-rotation'),
      'the preview org’s completion is kept',
    );
    assert.ok(!kept.some((j) => j.outcome === 'abandoned' && j.rotationId === 'other-1'), 'old abandoned ones go');
    const soak = evaluatePreviewSoak(
      previewHost,
      kept,
      new Date(Date.parse(template.updatedAt) + 25 * 3600_000),
      24,
      30,
    );
    assert.equal(soak.satisfied, true, soak.reason);
  });
});
