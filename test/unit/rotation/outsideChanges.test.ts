// A change of the app's secrets made from the Orgs tree while a rotation is unfinished: it runs and is recorded in
// the rotation's journal (so its checklist, its history and Roll back know of it), and it is refused before it runs
// while a step of the rotation runs in some window. The org is the simulator over HTTP, the journal the engine's.
import assert from 'node:assert/strict';
import { changeBesideRotation } from '../../../src/rotation/outsideChanges.ts';
import { cloneJournal, revisionOf } from '../../../src/rotation/model/journal.ts';
import { startWorld, type World } from './world.ts';

describe('rotation: a change from the Orgs tree beside an unfinished rotation', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  /** An INACTIVE secret beside the one in use, made before the rotation starts (as one left from an earlier one). */
  async function worldWithInactiveSecret(): Promise<{ w: World; extra: { id: string } }> {
    const w = await startWorld();
    world = w;
    const extra = await w.client.createSecret(w.org.info.workflowsAppId);
    await w.client.deactivateSecret(w.org.info.workflowsAppId, extra.id);
    return { w, extra };
  }

  it('no rotation: the change runs and nothing is recorded', async () => {
    const { w, extra } = await worldWithInactiveSecret();
    const recorded = await changeBesideRotation(w.journals, undefined, {
      orgLabel: 'Acme',
      recorded: { secretId: extra.id, change: 'deleted' },
      run: () => w.client.deleteSecret(w.org.info.workflowsAppId, extra.id),
    });
    assert.equal(recorded, false);
    assert.ok(!w.org.secrets().some((s) => s.id === extra.id), 'deleted in Okta');
  });

  it('a rotation at rest: the change runs, then the journal records it as made from the tree', async () => {
    const { w, extra } = await worldWithInactiveSecret();
    const engine = await w.start();
    const recorded = await changeBesideRotation(
      w.journals,
      engine.journal(),
      {
        orgLabel: 'Acme',
        recorded: { secretId: extra.id, masked: '••••x1y2', change: 'deleted' },
        run: () => w.client.deleteSecret(w.org.info.workflowsAppId, extra.id),
      },
      () => '2026-12-08T10:00:00.000Z',
    );
    assert.equal(recorded, true);
    assert.ok(!w.org.secrets().some((s) => s.id === extra.id), 'deleted in Okta');
    const stored = await w.journals.load(engine.rotationId);
    assert.deepEqual(stored?.outsideChanges, [
      { secretId: extra.id, masked: '••••x1y2', change: 'deleted', source: 'tree', at: '2026-12-08T10:00:00.000Z' },
    ]);
    assert.equal(
      stored && revisionOf(stored),
      revisionOf(engine.journal()) + 1,
      'one compare-and-swap over the engine’s save',
    );
  });

  it('a step of the rotation running (in another window): refused before anything reaches Okta, nothing recorded', async () => {
    const { w, extra } = await worldWithInactiveSecret();
    const engine = await w.start();
    // Another window's engine has marked its preflight running (its journal as that window saves it).
    const before = engine.journal();
    const running = cloneJournal(before);
    running.steps.preflight = { ...running.steps.preflight, state: 'running' };
    running.revision = revisionOf(before) + 1;
    await w.journals.save(running, revisionOf(before));
    const requests = w.org.requests.length;
    let ran = false;
    await assert.rejects(
      changeBesideRotation(w.journals, before, {
        orgLabel: 'Acme',
        recorded: { secretId: extra.id, change: 'deleted' },
        run: async () => {
          ran = true;
        },
      }),
      /^Error: Acme: a step of its rotation is running; wait for it to end \(its checklist shows it\), then try again\.$/,
    );
    assert.equal(ran, false, 'the change did not run');
    assert.equal(w.org.requests.length, requests, 'nothing reached Okta');
    assert.equal((await w.journals.load(engine.rotationId))?.outsideChanges, undefined);
  });
});
