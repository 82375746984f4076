// The rotation engine against the simulator over real HTTP, through the real OktaClient: whole rotations, the
// preflight's decisions, the guards, rollback and the per-app lock.
import { endingLines } from '../../../src/presentation/endings.ts';
import assert from 'node:assert/strict';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { isRotationError } from '../../../src/rotation/errors.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { STEP_IDS } from '../../../src/rotation/model/steps.ts';
import { callsOf, drive, startWorldOn, TestClock } from './world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from './world.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { warningsDuring } from '../../support/processWarnings.ts';

const states = (s: RotationSnapshot) => Object.fromEntries(s.steps.map((x) => [x.id, x.state]));

describeOnPaths('rotation engine: whole rotations against the simulator', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  it('rotates with a new connection: one new ACTIVE secret, the old one deleted, the value wiped', async () => {
    world = await startWorld();
    const before = world.org.secrets();
    assert.equal(before.length, 1);
    const engine = await world.start();
    world.org.clearRequests(); // count the engine's calls only, not the harness's discovery of the app
    const seen: RotationSnapshot[] = [];
    const dispose = engine.onDidChange((s) => seen.push(s));
    let valueWhileRunning: string | undefined;
    const { snapshot, failure } = await drive(engine, {
      mode: 'newConnection',
      stopWhen: (s) => {
        if (s.currentStep === 'newConnection' && valueWhileRunning === undefined) {
          valueWhileRunning = 'pending';
          return true;
        }
        return false;
      },
    });
    assert.equal(failure, undefined);
    assert.equal(snapshot.currentStep, 'newConnection');
    // The person copies the value for the Workflows console; the snapshot shows it masked only.
    valueWhileRunning = await engine.newSecretValue();
    assert.ok(valueWhileRunning && valueWhileRunning.length >= 14);
    assert.equal(snapshot.manual.newSecretMasked, `••••${valueWhileRunning.slice(-4)}`);
    assert.equal(snapshot.manual.clientId, world.org.info.clientId);
    assert.equal(snapshot.manual.domain, world.client.org);
    assert.deepEqual(
      snapshot.nextActions.map((a) => a.type),
      ['chooseMode', 'abandon'],
    );
    assert.deepEqual(snapshot.nextActions[0], { type: 'chooseMode', options: ['newConnection', 'reauthorize'] });

    const end = await drive(engine, { mode: 'newConnection' });
    assert.equal(end.failure, undefined, JSON.stringify(end.failure));
    const s = end.snapshot;
    assert.equal(s.outcome, 'completed');
    assert.ok(
      STEP_IDS.every((id) => states(s)[id] === 'done'),
      JSON.stringify(states(s)),
    );
    const after = world.org.secrets();
    assert.equal(after.length, 1);
    assert.equal(after[0]?.status, 'ACTIVE');
    assert.equal(after[0]?.id, s.secrets.new?.id);
    assert.equal(after[0]?.clientSecret, valueWhileRunning);
    assert.notEqual(after[0]?.id, before[0]?.id);
    assert.equal(s.secrets.inUse?.id, before[0]?.id);
    assert.equal(await world.secrets.get(s.rotationId), undefined, 'the stored value is wiped at the end');
    assert.equal(await engine.newSecretValue(), undefined);
    assert.deepEqual(s.nextActions, []);
    assert.deepEqual(s.report, [], 'how it ended is told from its state, not kept as sentences');
    const ending = endingLines(s.journal, new Date()).join(' ');
    assert.match(ending, new RegExp(`^The new secret ${s.secrets.new?.masked ?? '?'} .* is in use; the old secret`));
    for (const step of s.steps) assert.ok(step.startedAt && step.endedAt && step.startedAt <= step.endedAt, step.id);
    assert.ok(seen.length > 20, 'a change event after every transition');
    dispose();

    const calls = callsOf(world.org);
    // Okta calls of one full rotation (management API + token probe): the create reuses the org check's list, the
    // deactivation the list of old secrets just confirmed; the watch (one look here) lists the secrets and reads the log.
    console.log(
      `      Okta calls of a full rotation: ${calls.api + calls.logs + calls.token} (${calls.api} management API, ${calls.logs} System Log, ${calls.token} token-endpoint probe)`,
    );
    assert.equal(calls.creates, 1);
    assert.equal(calls.deactivates, 1);
    assert.equal(calls.deletes, 1);
    assert.equal(calls.api, 7, `7 management calls, got ${calls.api}`);
    assert.equal(calls.logs, 1, 'one look at the System Log');
    assert.equal(calls.token, 1);
  });

  it('rotates by re-authorizing the existing connection: the two connection steps are skipped', async () => {
    world = await startWorld();
    const engine = await world.start();
    const { snapshot, failure } = await drive(engine, { mode: 'reauthorize' });
    assert.equal(failure, undefined);
    assert.equal(snapshot.outcome, 'completed');
    assert.equal(snapshot.mode, 'reauthorize');
    const st = states(snapshot);
    assert.equal(st.moveFlows, 'skipped');
    assert.equal(st.deleteOldConnection, 'skipped');
    assert.equal(st.newConnection, 'done');
    assert.equal(world.org.secrets().length, 1);
  });

  it('a mode chosen can be changed before the connection is confirmed', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'newConnection' });
    assert.ok((await engine.perform({ type: 'chooseMode', mode: 'reauthorize' })).ok);
    assert.equal(states(engine.snapshot()).moveFlows, 'skipped');
    assert.ok((await engine.perform({ type: 'chooseMode', mode: 'newConnection' })).ok);
    assert.equal(states(engine.snapshot()).moveFlows, 'pending');
    const { snapshot } = await drive(engine);
    assert.equal(snapshot.outcome, 'completed');
    assert.equal(states(snapshot).moveFlows, 'done');
  });
});

describeOnPaths('rotation engine: an app that already has two secrets', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  it('offers the INACTIVE secret for deletion first, then rotates', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
    const [active, inactive] = world.org.secrets();
    const engine = await world.start();
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    const s = engine.snapshot();
    assert.equal(states(s).preflight, 'pending', 'waiting for the person');
    assert.deepEqual(
      s.nextActions.find((a) => a.type === 'retire'),
      { type: 'retire', secretId: inactive?.id, masked: `••••${inactive?.clientSecret.slice(-4)}`, reason: 'inactive' },
    );
    // The secret in use can never be retired.
    const refused = await engine.perform({ type: 'retire', secretId: active?.id ?? '' });
    assert.equal(refused.ok, false);
    assert.equal(world.org.secrets().length, 2);

    const { snapshot, failure } = await drive(engine);
    assert.equal(failure, undefined);
    assert.equal(snapshot.outcome, 'completed');
    const after = world.org.secrets();
    assert.deepEqual(
      after.map((x) => x.status),
      ['ACTIVE'],
    );
    assert.ok(after[0]?.id !== active?.id && after[0]?.id !== inactive?.id);
    assert.equal(snapshot.secrets.inUse?.id, active?.id);
  });

  it('two ACTIVE: a wrong pasted value is refused; the right one identifies the secret in use and the other is retired', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] });
    const [first, second] = world.org.secrets();
    const engine = await world.start();
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    let s = engine.snapshot();
    const ask = s.nextActions.find((a) => a.type === 'identifyInUse');
    assert.ok(ask && ask.type === 'identifyInUse');
    assert.deepEqual(ask.candidates.map((c) => c.id).sort(), [first?.id, second?.id].sort());
    assert.equal(
      s.nextActions.some((a) => a.type === 'retire'),
      false,
      'nothing is retired before the person says which is in use',
    );

    const wrong = await engine.perform({ type: 'identifyInUse', value: `${second?.clientSecret}x` });
    assert.equal(wrong.ok, false);
    assert.ok(!wrong.ok && wrong.error.kind === 'secretMismatch', JSON.stringify(wrong));
    assert.equal(states(engine.snapshot()).preflight, 'pending');
    const prefix = await engine.perform({ type: 'identifyInUse', value: second?.clientSecret.slice(0, -1) ?? '' });
    assert.equal(prefix.ok, false, 'only an exact match counts');

    assert.ok((await engine.perform({ type: 'identifyInUse', value: second?.clientSecret ?? '' })).ok);
    s = engine.snapshot();
    assert.deepEqual(s.nextActions[0], {
      type: 'retire',
      secretId: first?.id,
      masked: `••••${first?.clientSecret.slice(-4)}`,
      reason: 'notInUse',
    });
    const { snapshot, failure } = await drive(engine);
    assert.equal(failure, undefined);
    assert.equal(snapshot.outcome, 'completed');
    assert.equal(snapshot.secrets.inUse?.id, second?.id);
    const after = world.org.secrets();
    assert.equal(after.length, 1);
    assert.ok(after[0]?.id !== first?.id && after[0]?.id !== second?.id);
    // The pasted value is never kept: not in the journal.
    const raw = world.journals.rawText();
    assert.equal(raw.includes(second?.clientSecret ?? '??'), false);
  });
});

describeOnPaths('rotation engine: verification and its override', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  it('a probe that cannot tell fails the step; deactivation is refused until the person overrides (journaled)', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'verifyNewSecret' });
    world.org.faults.failNext(2, { status: 503, path: /^\/oauth2\/v1\/token$/ });
    const out = await engine.perform({ type: 'run', step: 'verifyNewSecret' });
    assert.equal(out.ok, false);
    assert.ok(!out.ok && out.error.kind === 'verificationFailed');
    let s = engine.snapshot();
    assert.equal(states(s).verifyNewSecret, 'failed');
    assert.equal(s.verification?.outcome, 'unknown');
    assert.deepEqual(
      s.nextActions.map((a) => a.type),
      ['run', 'override', 'abandon'],
    );
    // Not offered, so refused: the old secret is not touched.
    const early = await engine.perform({ type: 'run', step: 'deactivateOld' });
    assert.ok(!early.ok && early.error.kind === 'actionNotAvailable');

    assert.ok((await engine.perform({ type: 'override', guard: 'unverifiedNewSecret' })).ok);
    s = engine.snapshot();
    assert.equal(states(s).verifyNewSecret, 'skipped');
    assert.equal(s.guards.unverifiedOverride?.verificationOutcome, 'unknown');
    assert.equal((await world.journals.load(s.rotationId))?.guards.unverifiedOverride?.verificationOutcome, 'unknown');
    const { snapshot } = await drive(engine);
    assert.equal(snapshot.outcome, 'completed');
    assert.equal(world.org.secrets().length, 1);
  });

  it('a new secret deactivated behind the engine fails verification, and even overridden no old secret is touched', async () => {
    world = await startWorld();
    const oldId = world.org.secrets()[0]?.id;
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'verifyNewSecret' });
    const newId = engine.snapshot().secrets.new?.id ?? '';
    await world.client.deactivateSecret(world.org.info.workflowsAppId, newId);
    const out = await engine.perform({ type: 'run', step: 'verifyNewSecret' });
    assert.ok(!out.ok && out.error.kind === 'verificationFailed');
    assert.equal(engine.snapshot().verification?.outcome, 'invalid');
    assert.ok((await engine.perform({ type: 'override', guard: 'unverifiedNewSecret' })).ok);
    const listed = await engine.perform({ type: 'run', step: 'identifyOld' });
    assert.ok(!listed.ok && listed.error.kind === 'unexpectedState', JSON.stringify(listed));
    assert.ok(listed.error.message.includes(newId));
    assert.equal(world.org.secrets().find((x) => x.id === oldId)?.status, 'ACTIVE', 'the old secret is untouched');
    // Nothing was deactivated, so the way out is to abandon.
    assert.ok((await engine.perform({ type: 'abandon' })).ok);
    const s = engine.snapshot();
    assert.equal(s.outcome, 'abandoned');
    assert.equal(await world.secrets.get(s.rotationId), undefined);
    assert.match(endingLines(s.journal, new Date()).join(' '), /^The new secret ••••.{4} .* stays active in Okta/);
  });
});

describeOnPaths('rotation engine: rollback', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  it('reactivates the deactivated old secret; the new one stays, reported; no more steps', async () => {
    world = await startWorld();
    const oldId = world.org.secrets()[0]?.id;
    const engine = await world.start();
    assert.equal(
      engine.snapshot().nextActions.some((a) => a.type === 'rollback'),
      false,
    );
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deleteOld' });
    assert.equal(world.org.secrets().find((x) => x.id === oldId)?.status, 'INACTIVE');
    const offered = engine.snapshot().nextActions.map((a) => a.type);
    assert.deepEqual(offered, ['run', 'rollback']);
    assert.ok((await engine.perform({ type: 'rollback' })).ok);
    const s = engine.snapshot();
    assert.equal(s.outcome, 'rolledBack');
    assert.deepEqual(s.rollback?.reactivated, [oldId]);
    const after = world.org.secrets();
    assert.deepEqual(
      after.map((x) => x.status),
      ['ACTIVE', 'ACTIVE'],
    );
    assert.equal(states(s).deleteOld, 'skipped');
    assert.ok(
      endingLines(s.journal, new Date()).some(
        (line) => line.includes(s.secrets.new?.masked ?? '?') && line.includes('stays active in Okta'),
      ),
    );
    assert.deepEqual(s.nextActions, []);
    assert.equal(await world.secrets.get(s.rotationId), undefined);
  });

  it('is no longer offered once the old secret is deleted', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deleteOldConnection' });
    assert.equal(
      engine.snapshot().nextActions.some((a) => a.type === 'rollback'),
      false,
    );
    const out = await engine.perform({ type: 'rollback' });
    assert.ok(!out.ok && out.error.kind === 'actionNotAvailable');
  });
});

describeOnPaths('rotation engine: a production org without a recent preview rotation', (path) => {
  const startWorld = startWorldOn(path);
  it('must be acknowledged (journaled) unless a preview org completed a rotation within the configured days', async () => {
    const journals = new MemoryJournalStore();
    const clock = new TestClock();
    const prod = await startWorld({ name: 'acme', environment: 'production' }, { journals, clock });
    const preview = await startWorld({ name: 'acme-preview', environment: 'preview' }, { journals, clock });
    try {
      // No history: the warning comes first and nothing else is possible.
      let engine = await prod.start();
      let s = engine.snapshot();
      assert.equal(s.guards.productionWithoutPreview?.required, true);
      assert.deepEqual(
        s.nextActions.map((a) => a.type),
        ['acknowledge', 'abandon'],
      );
      const early = await engine.perform({ type: 'run', step: 'preflight' });
      assert.ok(!early.ok && early.error.kind === 'actionNotAvailable');
      assert.ok((await engine.perform({ type: 'acknowledge', guard: 'productionWithoutPreview' })).ok);
      s = engine.snapshot();
      assert.equal(s.guards.productionWithoutPreview?.acknowledged, true);
      assert.ok((await journals.load(s.rotationId))?.guards.productionWithoutPreview?.acknowledgedAt);
      assert.ok((await engine.perform({ type: 'abandon' })).ok);

      // A preview rotation completed: no warning for the next 30 days.
      assert.equal((await drive(await preview.start())).snapshot.outcome, 'completed');
      engine = await prod.start();
      s = engine.snapshot();
      assert.equal(s.guards.productionWithoutPreview?.required, false);
      assert.equal(s.nextActions[0]?.type, 'run');
      assert.ok((await engine.perform({ type: 'abandon' })).ok);

      // 31 days later it warns again; with a 60-day setting it does not.
      clock.advanceDays(31);
      assert.equal((await prod.start()).snapshot().guards.productionWithoutPreview?.required, true);
      // (That rotation still holds the lock; a 60-day check needs its own app: use a fresh store copy.)
      const copy = new MemoryJournalStore();
      for (const j of await journals.list()) if (j.environment === 'preview') await copy.importJournal(j);
      const sixty = await prod.start({ journals: copy, previewRecencyDays: 60 });
      assert.equal(sixty.snapshot().guards.productionWithoutPreview?.required, false);
    } finally {
      await prod.close();
      await preview.close();
    }
  });
});

describeOnPaths('rotation engine: one rotation per app at a time', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  it('a second engine sharing the store is refused with the first rotation named; allowed again once it ends', async () => {
    world = await startWorld();
    const first = await world.start();
    await drive(first, { stopWhen: (s) => s.currentStep === 'newConnection' });
    const second = world.start();
    await assert.rejects(second, (e: unknown) => {
      assert.ok(isRotationError(e, 'alreadyRunning'));
      assert.ok(e.message.includes(first.rotationId), e.message);
      assert.ok(e.message.includes(world.client.org), e.message);
      return true;
    });
    // Both windows race: exactly one wins.
    await drive(first);
    const results = await Promise.allSettled([world.start(), world.start()]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal(world.org.secrets().length, 1);
  });

  it('resuming by id gives back the same rotation, and a missing id is a clear error', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    const again = await RotationEngine.resume(engine.rotationId, world.deps());
    assert.deepEqual(again.snapshot().steps, engine.snapshot().steps);
    await assert.rejects(RotationEngine.resume('nope', world.deps()), (e: unknown) =>
      isRotationError(e, 'journalNotFound'),
    );
  });
});

describeOnPaths('rotation engine: the token revoked mid-rotation', (path) => {
  const startWorld = startWorldOn(path);
  it('the step fails with the invalid-token advice and Okta is left as it was', async () => {
    const world = await startWorld();
    try {
      const engine = await world.start();
      await drive(engine, { stopWhen: (s) => s.currentStep === 'deactivateOld' });
      const oldId = engine.snapshot().secrets.inUse?.id;
      world.org.revokeToken(world.org.info.apiToken);
      const out = await engine.perform({ type: 'run', step: 'deactivateOld' });
      assert.ok(!out.ok && out.error.kind === 'invalidToken', JSON.stringify(out));
      assert.match(out.error.message, /token/i);
      const s = engine.snapshot();
      assert.equal(states(s).deactivateOld, 'failed');
      // Only a retry (which reads Okta first): once deactivation was attempted, abandoning could misreport it.
      assert.deepEqual(
        s.nextActions.map((a) => a.type),
        ['run'],
      );
      assert.equal(world.org.secrets().find((x) => x.id === oldId)?.status, 'ACTIVE');
      assert.ok(await engine.newSecretValue(), 'the new value is kept until the rotation ends');
    } finally {
      await world.close();
    }
  });
});

describeOnPaths('rotation engine: a snapshot listener that throws', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  afterEach(async () => world?.close());

  const throwing = (e: Error) => () => {
    throw e;
  };

  it('does not stop the rotation; every failure goes to onListenerError', async () => {
    world = await startWorld();
    const reported: unknown[] = [];
    const boom = new Error('the panel is gone');
    const engine = await world.start({ onListenerError: (e) => reported.push(e) });
    engine.onDidChange(throwing(boom));
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
    assert.ok(reported.length > 20, `reported after every transition (${reported.length})`);
    assert.ok(reported.every((e) => e === boom));
  });

  it('without onListenerError (or when it throws too): a process warning, never the text of the error', async () => {
    world = await startWorld();
    const engine = await world.start();
    engine.onDidChange(throwing(new Error('while rendering s3cr3t-value-0123456789')));
    const warnings = await warningsDuring('RotationListenerWarning', async () => {
      assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    });
    assert.ok(warnings.length > 0);
    for (const w of warnings) {
      assert.match(w.message, /rotation snapshot listener .*threw \(Error\); the rotation goes on/);
      assert.doesNotMatch(w.message, /s3cr3t/);
    }

    const resumed = await RotationEngine.resume(
      engine.rotationId,
      world.deps({ onListenerError: throwing(new Error('s3cr3t in the report')) }),
    );
    resumed.onDidChange(throwing(new Error('s3cr3t in the listener')));
    const both = await warningsDuring('RotationListenerWarning', async () => {
      assert.ok((await resumed.perform({ type: 'run', step: 'recordInUse' })).ok);
    });
    assert.ok(both.length >= 2, 'the listener and the failed report are both warned about');
    assert.ok(both.every((w) => !/s3cr3t/.test(w.message)));
  });
});
