// The API token revoked in the middle of a rotation, before each step that calls the management API: the step
// fails saying the token was refused, Okta is left as it was, the new value stays retrievable; the person
// creates a new token, and a new client (through the engine's port) resumes the rotation to its end.
import assert from 'node:assert/strict';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { driveThrough } from './driveThrough.ts';
import { startWorldOn } from '../rotation/world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from '../rotation/world.ts';
import { assertWorldConsistent } from './invariants.ts';

interface Point {
  name: string;
  at: (s: RotationSnapshot) => boolean;
  retire?: boolean;
}

const POINTS: Point[] = [
  { name: 'preflight', at: (s) => s.currentStep === 'preflight' },
  { name: 'retiring the inactive secret', at: (s) => s.nextActions.some((a) => a.type === 'retire'), retire: true },
  { name: 'createSecret', at: (s) => s.currentStep === 'createSecret' },
  { name: 'identifyOld', at: (s) => s.currentStep === 'identifyOld' },
  { name: 'deactivateOld', at: (s) => s.currentStep === 'deactivateOld' },
  { name: 'deleteOld', at: (s) => s.currentStep === 'deleteOld' },
  { name: 'rollback', at: (s) => s.currentStep === 'deleteOld' },
];

describeOnPaths('the API token revoked mid-rotation, then a new token', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(20_000);
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  for (const point of POINTS) {
    it(`revoked before ${point.name}: refused clearly, nothing changed; resumed with a new token to the end`, async () => {
      const w = await startWorld(point.retire ? { secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] } : {});
      world = w;
      const originalIds = w.org.secrets().map((s) => s.id);
      const engine = await w.start();
      const reached = await driveThrough(engine, { stopWhen: point.at, maxFailures: 0 });
      assert.ok(point.at(reached.snapshot), 'reached the point');
      const oktaBefore = JSON.stringify(w.org.secrets());
      const valueBefore = await engine.newSecretValue();

      w.org.revokeToken(w.org.info.apiToken);
      const rollback = point.name === 'rollback';
      const action = rollback
        ? ({ type: 'rollback' } as const)
        : point.retire
          ? { type: 'retire' as const, secretId: originalIds[1] ?? '' }
          : { type: 'run' as const, step: engine.snapshot().currentStep ?? 'preflight' };
      const out = await engine.perform(action);
      assert.ok(!out.ok && out.error.kind === 'invalidToken', JSON.stringify(out));
      assert.match(out.error.message, /token/i);
      assert.ok(out.error.message.includes(w.client.org), out.error.message);
      assert.ok(out.error.errorId, "Okta's errorId is shown");
      assert.equal(JSON.stringify(w.org.secrets()), oktaBefore, 'Okta is left as it was');
      assert.equal(await engine.newSecretValue(), valueBefore, 'the new value is kept');
      await assertWorldConsistent(w, { journal: engine.journal(), originalIds, label: `revoked at ${point.name}` });

      // A new token, a new client through the engine's port, a new engine from the same stores.
      const token = w.org.issueApiToken();
      const fresh = w.newClient({ token });
      w.org.clearRequests();
      const resumed = await RotationEngine.resume(engine.rotationId, w.deps({ okta: fresh }));
      let current = resumed;
      if (rollback) {
        assert.ok((await resumed.perform({ type: 'rollback' })).ok);
      } else {
        const end = await driveThrough(resumed, { maxFailures: 1 });
        assert.equal(end.failures.length, 0, JSON.stringify(end.failures));
        current = end.engine;
      }
      assert.equal(current.snapshot().outcome, rollback ? 'rolledBack' : 'completed');
      assert.ok(
        w.org.requests.every((r) => r.status !== 401),
        'the new token is used from then on',
      );
      await assertWorldConsistent(w, { journal: current.journal(), originalIds, label: `resumed after ${point.name}` });
    });
  }
});
