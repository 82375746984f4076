// Okta need not list secret values (its OpenAPI says a listed client_secret may be masked or absent): a rotation
// still works. The secret in use is identified by Okta's secret_hash (computed here from the pasted value, which is
// compared and never kept), the new secret's value comes from the create's own answer, and nothing needs a value
// from a list.
import assert from 'node:assert/strict';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import { drive, startWorldOn, type World } from './world.ts';

describeOnPaths('rotation engine: an org that lists secrets without their values', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  for (const shown of ['absent', 'masked'] as const) {
    it(`values ${shown}: two active secrets, the pasted value identifies the one in use by its hash; the rotation completes`, async () => {
      world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] });
      world.org.setSecretValues(shown);
      const [first, second] = world.org.secrets();
      const engine = await world.start();
      assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
      assert.ok(engine.snapshot().nextActions.some((a) => a.type === 'identifyInUse'));
      const wrong = await engine.perform({ type: 'identifyInUse', value: `${second?.clientSecret}x` });
      assert.ok(!wrong.ok && wrong.error.kind === 'secretMismatch', JSON.stringify(wrong));
      assert.ok((await engine.perform({ type: 'identifyInUse', value: second?.clientSecret ?? '' })).ok);
      assert.equal(engine.journal().preflight.inUseSecretId, second?.id, 'matched by hash');
      const retire = engine.snapshot().nextActions.find((a) => a.type === 'retire');
      assert.ok(retire?.type === 'retire' && retire.secretId === first?.id, 'the other one is offered for retirement');
      const { snapshot, failure } = await drive(engine);
      assert.equal(failure, undefined, JSON.stringify(failure));
      assert.equal(snapshot.outcome, 'completed');
      const [left] = world.org.secrets();
      assert.equal(left?.id, snapshot.secrets.new?.id);
      assert.ok(
        !JSON.stringify(engine.journal()).includes(second?.clientSecret ?? '?'),
        'the pasted value is not kept',
      );
    });
  }
});
