// The checklist's words and triggers, on real engine snapshots (the rotation engine against the simulator):
// which step endings reload the org in the tree, what the progress notification says, and which actions ask a
// modal confirmation first (naming org, app and masked secret).
import assert from 'node:assert/strict';
import { drive, pickAction, startWorld, type World } from '../rotation/world.ts';
import { oktaChanged } from '../../../src/rotation/oktaChanges.ts';
import { actionInWords } from '../../../src/presentation/actions.ts';
import { progressTitle, riskyConfirmation } from '../../../src/presentation/confirmations.ts';
import type { RotationAction } from '../../../src/rotation/model/actions.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { maskSecret } from '../../../src/redact.ts';

/** Drives the engine one action at a time, noting for each action whether a snapshot change asked for a tree reload. */
async function driveNoting(
  engine: RotationEngine,
  until?: (s: RotationSnapshot) => boolean,
): Promise<Array<{ action: RotationAction; before: RotationSnapshot; reload: boolean }>> {
  const log: Array<{ action: RotationAction; before: RotationSnapshot; reload: boolean }> = [];
  let previous = engine.snapshot();
  let reloads = 0;
  const off = engine.onDidChange((snap) => {
    if (oktaChanged(previous, snap)) reloads++;
    previous = snap;
  });
  try {
    for (let i = 0; i < 40; i++) {
      const before = engine.snapshot();
      if (before.outcome !== 'inProgress' || until?.(before)) break;
      const action = pickAction(before.nextActions, { mode: 'newConnection' });
      if (!action) break;
      const n = reloads;
      const outcome = await engine.perform(action);
      assert.ok(outcome.ok, JSON.stringify(outcome));
      log.push({ action, before, reload: reloads > n });
    }
  } finally {
    off();
  }
  return log;
}

const name = (a: RotationAction): string => (a.type === 'run' || a.type === 'confirm' ? `${a.type}:${a.step}` : a.type);

describe('checklist: the tree reloads the org exactly when a step changed Okta', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('after the preflight, a retirement, the new secret, the deactivation and the deletion; not after manual or read-only steps', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
    const engine = await world.start();
    const steps = await driveNoting(engine);
    assert.equal(engine.snapshot().outcome, 'completed');
    const reloaded = steps.filter((s) => s.reload).map((s) => name(s.action));
    for (const must of ['retire', 'run:createSecret', 'run:deactivateOld', 'run:deleteOld'])
      assert.ok(reloaded.includes(must), `${must} reloads (got ${reloaded.join(', ')})`);
    for (const never of [
      'chooseMode',
      'confirm:newConnection',
      'confirm:moveFlows',
      'run:verifyNewSecret',
      'confirm:identifyOld',
      'confirm:deleteOldConnection',
      'run:finish',
      'run:recordInUse',
    ]) {
      assert.ok(!reloaded.includes(never), `${never} does not reload`);
    }
    // After the retirement and the rotation, the org holds one ACTIVE secret: the new one.
    const left = world.org.secrets();
    assert.deepEqual(
      left.map((s) => s.status),
      ['ACTIVE'],
    );
  });

  it('after a rollback, which reactivates the old secret', async () => {
    world = await startWorld();
    const engine = await world.start();
    const steps = await driveNoting(engine, (s) => s.steps.find((x) => x.id === 'deactivateOld')?.state === 'done');
    // One secret: the preflight ends done at once, and the tree reloads after it too.
    assert.ok(steps.find((s) => name(s.action) === 'run:preflight')?.reload, 'the preflight reloads');
    const off: boolean[] = [];
    let previous = engine.snapshot();
    const unsubscribe = engine.onDidChange((snap) => {
      off.push(oktaChanged(previous, snap));
      previous = snap;
    });
    const outcome = await engine.perform({ type: 'rollback' });
    unsubscribe();
    assert.ok(outcome.ok);
    assert.ok(off.includes(true), 'the rollback reloads the org');
    assert.equal(world.org.secrets().filter((s) => s.status === 'ACTIVE').length, 2);
  });

  it('never for a first snapshot or another rotation', async () => {
    world = await startWorld();
    const engine = await world.start();
    const snap = engine.snapshot();
    assert.equal(oktaChanged(undefined, snap), false);
    assert.equal(oktaChanged({ ...snap, rotationId: 'other' }, snap), false);
  });
});

describe("checklist: progress in the person's words, confirmations naming org, app and masked secret", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('progress titles use the org label and the step or action label, never an internal name or host:port', async () => {
    world = await startWorld();
    const engine = await world.start();
    const snap = engine.snapshot();
    const host = snap.org.host;
    assert.equal(
      progressTitle('Acme Preview', { type: 'run', step: 'preflight' }, snap),
      'Acme Preview: Check the org',
    );
    assert.equal(actionInWords({ type: 'chooseMode', mode: 'reauthorize' }, snap.journal), 'Choosing how to connect');
    assert.equal(actionInWords({ type: 'confirm', step: 'moveFlows' }, snap.journal), 'Confirming: Move the flows');
    const all: RotationAction[] = [
      { type: 'run', step: 'createSecret' },
      { type: 'confirm', step: 'newConnection' },
      { type: 'chooseMode', mode: 'newConnection' },
      { type: 'retire', secretId: 'ocsX' },
      { type: 'identifyInUse', value: 'x' },
      { type: 'override', guard: 'unverifiedNewSecret' },
      { type: 'acknowledge', guard: 'productionWithoutPreview' },
      { type: 'rollback' },
      { type: 'abandon' },
    ];
    for (const a of all) {
      const title = progressTitle('Acme Preview', a, snap);
      assert.ok(!title.includes(host), title);
      assert.ok(!/\b(chooseMode|confirm|run|identifyInUse|acknowledge|createSecret)\b/.test(title), title);
    }
  });

  it('a failed step is offered again as "Retry: …", and the progress says so', async () => {
    world = await startWorld();
    const engine = await world.start();
    world.org.faults.failNext(5, { status: 500, method: 'GET' });
    const outcome = await engine.perform({ type: 'run', step: 'preflight' });
    assert.equal(outcome.ok, false);
    assert.equal(actionInWords({ type: 'run', step: 'preflight' }, engine.journal()), 'Retry: Check the org');
  });

  it('deleting the old secret asks in every org; deactivating it asks in production only', async () => {
    for (const environment of ['preview', 'production'] as const) {
      world = await startWorld({ environment });
      const old = world.org.secrets()[0]!;
      const engine = await world.start();
      await drive(engine, { acknowledge: true, stopWhen: (s) => s.currentStep === 'deactivateOld' });
      let snap = engine.snapshot();
      assert.equal(snap.currentStep, 'deactivateOld');
      const deactivate = riskyConfirmation({ type: 'run', step: 'deactivateOld' }, snap, 'Acme');
      if (environment === 'preview') {
        assert.equal(deactivate, undefined);
      } else {
        assert.ok(deactivate);
        assert.match(deactivate.title, /PRODUCTION org Acme/);
        assert.ok(deactivate.title.includes(maskSecret(old.clientSecret)), deactivate.title);
        assert.ok(
          deactivate.detail.includes(snap.app.clientId) &&
            deactivate.detail.includes(snap.app.label) &&
            deactivate.detail.includes(snap.org.host),
        );
        assert.equal(deactivate.button, 'Deactivate Old Secret');
      }
      assert.ok((await engine.perform({ type: 'run', step: 'deactivateOld' })).ok);
      snap = engine.snapshot();
      const del = riskyConfirmation({ type: 'run', step: 'deleteOld' }, snap, 'Acme');
      assert.ok(del, environment);
      assert.ok(
        del.title.includes(maskSecret(old.clientSecret)) &&
          del.title.includes(snap.app.label) &&
          del.title.includes('Acme'),
        del.title,
      );
      assert.ok(del.detail.includes(old.id) && del.detail.includes(snap.app.clientId), del.detail);
      assert.match(del.detail, /cannot be undone/);
      assert.equal(del.button, 'Delete Old Secret');
      // No confirmation text ever carries a secret value, only masks.
      assert.ok(!JSON.stringify([deactivate, del]).includes(old.clientSecret));
      for (const s of world.org.secrets()) assert.ok(!JSON.stringify([deactivate, del]).includes(s.clientSecret));
      await world.close();
      world = undefined;
    }
  });

  it('safe steps ask nothing; overrides, rollback, abandon and retirement ask with a button named for the action, never "Continue"', async () => {
    world = await startWorld();
    const engine = await world.start();
    const snap = engine.snapshot();
    for (const a of [
      { type: 'run', step: 'preflight' },
      { type: 'confirm', step: 'moveFlows' },
      { type: 'chooseMode', mode: 'newConnection' },
    ] as RotationAction[]) {
      assert.equal(riskyConfirmation(a, snap, 'Acme'), undefined, JSON.stringify(a));
    }
    const buttons: Record<string, string> = {
      rollback: 'Roll Back',
      abandon: 'Abandon Rotation',
      override: 'Continue Without Verification',
      acknowledge: 'Rotate Production',
    };
    for (const a of [
      { type: 'rollback' },
      { type: 'abandon' },
      { type: 'override', guard: 'unverifiedNewSecret' },
      { type: 'acknowledge', guard: 'productionWithoutPreview' },
    ] as RotationAction[]) {
      const c = riskyConfirmation(a, snap, 'Acme');
      assert.ok(c, JSON.stringify(a));
      assert.equal(c.button, buttons[a.type], JSON.stringify(a));
      assert.ok(c.detail.includes(snap.org.host) && c.detail.includes(snap.app.clientId), c.detail);
    }
    assert.match(riskyConfirmation({ type: 'abandon' }, snap, 'Acme')?.detail ?? '', /cannot be undone/);
    assert.match(
      riskyConfirmation({ type: 'acknowledge', guard: 'productionWithoutPreview' }, snap, 'Acme')?.detail ?? '',
      /Nothing changes in Okta now/,
    );
  });

  it('retiring a secret names the one that goes and the one kept (masked, with their age) and says it cannot be undone', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
    const [kept, gone] = world.org.secrets();
    const engine = await world.start();
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    const snap = engine.snapshot();
    const offer = snap.nextActions.find((a) => a.type === 'retire');
    assert.ok(offer?.type === 'retire');
    const c = riskyConfirmation(
      { type: 'retire', secretId: offer.secretId },
      snap,
      'Acme',
      new Date(Date.parse(gone!.created) + 3 * 86_400_000),
    );
    assert.ok(c);
    assert.equal(c.button, `Retire ${maskSecret(gone!.clientSecret)}`);
    assert.match(
      c.title,
      new RegExp(`Retire secret ${maskSecret(gone!.clientSecret)} of Okta Workflows OAuth in Acme`),
    );
    assert.ok(
      c.detail.includes(
        `Retired (deactivated, then deleted): ${maskSecret(gone!.clientSecret)} (created 3 days ago, inactive)`,
      ),
      c.detail,
    );
    assert.ok(c.detail.includes(`Kept: ${maskSecret(kept!.clientSecret)} (created`), c.detail);
    assert.match(c.detail, /in use by your Workflows connection/);
    assert.match(c.detail, /cannot be undone/);
    assert.ok(!JSON.stringify(c).includes(gone!.clientSecret) && !JSON.stringify(c).includes(kept!.clientSecret));
  });
});

describe('checklist: a refusal as stale (another window drove the rotation) shows where the rotation stands', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("window B's engine, left behind by window A's action, is refused with 'staleJournal', takes A's state and goes on from there", async () => {
    world = await startWorld();
    const a = await world.start({ windowId: 'window-a' });
    const b = await RotationEngine.resume(a.rotationId, world.deps({ windowId: 'window-b' }));
    const seen: RotationSnapshot[] = [];
    b.onDidChange((s) => seen.push(s));
    const action = pickAction(a.snapshot().nextActions, { mode: 'newConnection' });
    assert.ok(action);
    assert.ok((await a.perform(action)).ok);
    const refused = await b.perform(action);
    assert.ok(!refused.ok && refused.error.kind === 'staleJournal', JSON.stringify(refused));
    assert.match(refused.error.message, /changed in another window, so nothing was done/);
    assert.doesNotMatch(refused.error.message, /Resume Rotation/, 'nothing to reopen: the checklist already shows it');
    assert.deepEqual(b.snapshot().nextActions, a.snapshot().nextActions, 'B offers what A offers now');
    assert.equal(seen.at(-1)?.busy, false, "B's listeners were told of A's state, not busy");
    const next = pickAction(b.snapshot().nextActions, { mode: 'newConnection' });
    assert.ok(next);
    assert.ok((await b.perform(next)).ok, 'B goes on from where the rotation stands');
  });
});
