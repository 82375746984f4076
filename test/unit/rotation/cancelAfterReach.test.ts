// A write cancelled after it reached Okta and before its answer came back (the simulator holds the answer of the
// request it has already carried out; the person presses Cancel meanwhile): the journal must say what Okta did, not
// "nothing happened". For each write a rotation makes (create, the old secret's deactivation and deletion, the
// rollback's activation, and the retirement of a secret not in use), what the journal says matches the simulator,
// the actions offered next are the safe ones, and Roll back is offered after a deactivation that happened. When
// reading Okta back fails too, the step is uncertain until Okta has been read.
import assert from 'node:assert/strict';
import type { ActionOutcome } from '../../../src/rotation/engine.ts';
import type { RotationEngine } from '../../../src/rotation/engine.ts';
import type { RotationAction } from '../../../src/rotation/model/actions.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import { assertWorldConsistent } from '../faults/invariants.ts';
import { callsOf, drive, startWorldOn, type World } from './world.ts';

describeOnPaths('rotation engine: a write cancelled after it reached Okta', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  /** Performs `action`, holding the answer of the write to `at`, and cancels once Okta carried the write out. */
  async function cancelledAfterReach(
    engine: RotationEngine,
    action: RotationAction,
    method: string,
    at: RegExp,
  ): Promise<ActionOutcome> {
    const held = world.org.faults.hold(method, at);
    const controller = new AbortController();
    const performing = engine.perform(action, controller.signal);
    await held.reached;
    controller.abort();
    return performing;
  }

  const offered = (engine: RotationEngine) => engine.snapshot().nextActions.map((a) => a.type);
  const stateOf = (engine: RotationEngine, step: string) => engine.snapshot().steps.find((s) => s.id === step)?.state;

  it('create: the secret Okta made is adopted (its value kept), never created again; Abandon says it stays', async () => {
    world = await startWorld();
    const originalIds = world.org.secrets().map((s) => s.id);
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const out = await cancelledAfterReach(
      engine,
      { type: 'run', step: 'createSecret' },
      'POST',
      /\/credentials\/secrets$/,
    );
    assert.ok(out.ok, `read back, the create is done: ${JSON.stringify(out)}`);
    assert.equal(world.org.secrets().length, 2, 'Okta made the secret');
    const s = engine.snapshot();
    assert.equal(stateOf(engine, 'createSecret'), 'done');
    assert.equal(s.secrets.new?.id, world.org.secrets()[1]?.id, 'the journal names the secret Okta made');
    assert.equal(await engine.newSecretValue(), world.org.secrets()[1]?.clientSecret, 'its value is kept');
    assert.equal(callsOf(world.org).creates, 1);
    await assertWorldConsistent(world, { journal: engine.journal(), originalIds, label: 'create' });
  });

  it('deactivate: the old secret is INACTIVE in Okta and in the journal, and Roll back is offered', async () => {
    world = await startWorld();
    const originalIds = world.org.secrets().map((s) => s.id);
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deactivateOld' });
    const [old] = originalIds;
    const out = await cancelledAfterReach(engine, { type: 'run', step: 'deactivateOld' }, 'POST', /deactivate$/);
    assert.ok(out.ok, JSON.stringify(out));
    assert.equal(world.org.secrets().find((x) => x.id === old)?.status, 'INACTIVE', 'Okta deactivated it');
    assert.deepEqual(engine.journal().deactivated, [old], 'and the journal says so');
    assert.equal(stateOf(engine, 'deactivateOld'), 'done');
    assert.ok(offered(engine).includes('rollback'), `Roll back is offered: ${offered(engine).join(', ')}`);
    assert.ok(!offered(engine).includes('abandon'), 'Abandon is not: the secret in use was changed');
    await assertWorldConsistent(world, { journal: engine.journal(), originalIds, label: 'deactivate' });
    // And Roll back works from there.
    assert.ok((await engine.perform({ type: 'rollback' })).ok);
    assert.equal(world.org.secrets().find((x) => x.id === old)?.status, 'ACTIVE');
  });

  it('delete: the old secret is gone in Okta and deleted in the journal; no Roll back', async () => {
    world = await startWorld();
    const originalIds = world.org.secrets().map((s) => s.id);
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deleteOld' });
    const [old] = originalIds;
    const out = await cancelledAfterReach(engine, { type: 'run', step: 'deleteOld' }, 'DELETE', /\/secrets\/\w+$/);
    assert.ok(out.ok, JSON.stringify(out));
    assert.equal(
      world.org.secrets().find((x) => x.id === old),
      undefined,
      'Okta deleted it',
    );
    assert.deepEqual(engine.journal().deleted, [old]);
    assert.ok(!offered(engine).includes('rollback'));
    await assertWorldConsistent(world, { journal: engine.journal(), originalIds, label: 'delete' });
  });

  it("the rollback's activation: the old secret is ACTIVE again and the rotation ends rolled back", async () => {
    world = await startWorld();
    const originalIds = world.org.secrets().map((s) => s.id);
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deleteOld' });
    const out = await cancelledAfterReach(engine, { type: 'rollback' }, 'POST', /\/activate$/);
    assert.ok(out.ok, JSON.stringify(out));
    assert.equal(world.org.secrets().find((x) => x.id === originalIds[0])?.status, 'ACTIVE');
    assert.equal(engine.snapshot().outcome, 'rolledBack');
    await assertWorldConsistent(world, { journal: engine.journal(), originalIds, label: 'rollback' });
  });

  it('retiring a secret not in use: the check of the org reads what Okta did, and the rotation goes on', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
    const engine = await world.start();
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    const retire = engine.snapshot().nextActions.find((a) => a.type === 'retire');
    assert.ok(retire?.type === 'retire');
    const out = await cancelledAfterReach(
      engine,
      { type: 'retire', secretId: retire.secretId },
      'DELETE',
      /\/secrets\/\w+$/,
    );
    assert.ok(!out.ok && out.cancelled === true, JSON.stringify(out));
    assert.equal(world.org.secrets().length, 1, 'Okta deleted it');
    assert.ok(
      !engine.journal().preflight.retired.includes(retire.secretId),
      'the journal claims nothing it did not see',
    );
    // Checking the org again reads Okta: one secret, nothing left to retire.
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    assert.equal(engine.journal().preflight.secrets.length, 1);
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
  });

  it('when reading Okta back fails too, the step is uncertain: only "Check what Okta did", then what Okta shows', async () => {
    world = await startWorld();
    const originalIds = world.org.secrets().map((s) => s.id);
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const held = world.org.faults.hold('POST', /\/credentials\/secrets$/);
    const controller = new AbortController();
    const performing = engine.perform({ type: 'run', step: 'createSecret' }, controller.signal);
    await held.reached;
    // The list that reads the create back fails (5xx on every try of the read).
    world.org.faults.failNext(10, { method: 'GET', path: /\/credentials\/secrets$/, status: 503 });
    controller.abort();
    const out = await performing;
    assert.ok(!out.ok && out.error.kind === 'outcomeUnknown', JSON.stringify(out));
    assert.equal(stateOf(engine, 'createSecret'), 'uncertain');
    assert.deepEqual(offered(engine), ['run'], 'no Abandon, no second create: only a read of Okta');
    assert.equal(engine.snapshot().steps.find((s) => s.id === 'createSecret')?.error?.kind, 'outcomeUnknown');
    world.org.faults.reset();
    assert.ok((await engine.perform({ type: 'run', step: 'createSecret' })).ok);
    assert.equal(stateOf(engine, 'createSecret'), 'done', 'Okta showed the secret: adopted');
    assert.equal(callsOf(world.org).creates, 1, 'never created twice');
    await assertWorldConsistent(world, { journal: engine.journal(), originalIds, label: 'uncertain create' });
  });

  it('a write cancelled before it was sent goes back to pending, and says nothing was sent', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const out = await engine.perform({ type: 'run', step: 'createSecret' }, AbortSignal.abort());
    assert.ok(!out.ok && out.cancelled === true);
    assert.match(out.error.message, /Nothing had been sent to Okta/);
    assert.equal(stateOf(engine, 'createSecret'), 'pending');
    assert.ok(offered(engine).includes('abandon'), 'nothing was created: Abandon is safe');
    assert.equal(world.org.secrets().length, 1);
  });
});
