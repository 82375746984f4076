// Fewer calls per rotation: the create acts on the org check's list, and the deactivation on the list of old secrets
// just confirmed, when they ran moments before; after a pause (the person may have done anything in another
// console) each asks Okta again.
import assert from 'node:assert/strict';
import { drive, startWorld } from './world.ts';
import type { World } from './world.ts';

describe('rotation engine: the lists before the create and the deactivation', () => {
  let world: World | undefined;
  afterEach(async () => world?.close());

  it("right after the org check the create uses the check's list; after a pause it lists afresh", async () => {
    world = await startWorld();
    const listsOf = (w: World) =>
      w.org.requests.filter((r) => r.method === 'GET' && /\/credentials\/secrets$/.test(r.path)).length;
    let engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    let lists = listsOf(world);
    assert.ok((await engine.perform({ type: 'run', step: 'createSecret' })).ok);
    assert.equal(listsOf(world) - lists, 0, 'no second list right after the check');
    assert.ok((await engine.perform({ type: 'abandon' })).ok);

    const w = await startWorld();
    await world.close();
    world = w;
    engine = await w.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    w.clock.advanceDays(1 / 24);
    lists = listsOf(w);
    assert.ok((await engine.perform({ type: 'run', step: 'createSecret' })).ok);
    assert.equal(listsOf(w) - lists, 1, 'an hour after the check, Okta is asked again');
    assert.equal(w.org.secrets().length, 2);
  });

  it('right after the old secrets were listed and confirmed the deactivation uses that list; after a pause it lists afresh', async () => {
    for (const pause of [false, true]) {
      const w = await startWorld();
      await world?.close();
      world = w;
      const listsOf = () =>
        w.org.requests.filter((r) => r.method === 'GET' && /\/credentials\/secrets$/.test(r.path)).length;
      const engine = await w.start();
      await drive(engine, { stopWhen: (s) => s.currentStep === 'deactivateOld' });
      if (pause) w.clock.advanceDays(1 / 24);
      const lists = listsOf();
      assert.ok((await engine.perform({ type: 'run', step: 'deactivateOld' })).ok);
      assert.equal(listsOf() - lists, pause ? 1 : 0, pause ? 'after a pause, Okta is asked again' : 'no second list');
      assert.equal(w.org.secrets().filter((s) => s.status === 'INACTIVE').length, 1);
    }
  });
});
