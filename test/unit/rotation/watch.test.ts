// The watch of the old secret (step 9) against the simulator over real HTTP: a forgotten flow (a Workflows connection
// left on the old secret) fails at its next refresh once the secret is deactivated, Okta's System Log records it, and
// the watch catches it: the delete is withheld, Roll back is the recommended way and the flow works again after it.
// No flow: the delete is offered once the watch has lasted long enough. A credential that may not read the log: the
// person's confirmation, recorded as such. A log that rate limits, answers garbage or more than the operation may
// read: the look fails within its budget, and nothing is concluded. Drift seen by a look is journaled. On loopback and
// over TLS through squid. The engine's clock and the simulator's are moved together: the watch reads Okta's log from
// the deactivation (engine time) to now.
import assert from 'node:assert/strict';
import { checklistView } from '../../../src/presentation/checklist/view.ts';
import { historyRecordOf } from '../../../src/history/fromJournal.ts';
import { toMarkdown } from '../../../src/history/markdown.ts';
import { offersInWords } from '../../../src/presentation/actions.ts';
import { stepStory } from '../../../src/presentation/stories/index.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { parseJournal, type RotationJournal } from '../../../src/rotation/model/journal.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import type { ForgottenFlow } from '../../../src/simulator/index.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import { completedJournal, inProgressJournal } from '../history/fixtures.ts';
import { drive, startWorld, startWorldOn, type World } from './world.ts';

const MINUTE = 60_000;

describeOnPaths('the watch of the old secret in the System Log', (path) => {
  const startWorld = startWorldOn(path);
  let world: World | undefined;
  const flows: ForgottenFlow[] = [];
  afterEach(async () => {
    for (const f of flows.splice(0)) await f.stop();
    await world?.close();
    world = undefined;
  });

  /** Okta's clock where the engine's is: the events the simulator logs carry the engine's time. */
  function syncClocks(w: World): void {
    w.simClock.ms = w.clock.now().getTime();
  }

  /** Both clocks `ms` later. */
  function later(w: World, ms: number): void {
    w.clock.advanceMs(ms);
    syncClocks(w);
  }

  /** Drives the rotation until the watch is its current step: the old secret is deactivated. */
  async function toTheWatch(engine: RotationEngine): Promise<RotationSnapshot> {
    const { snapshot, failure } = await drive(engine, { stopWhen: (s) => s.currentStep === 'watchOld' });
    assert.equal(failure, undefined, JSON.stringify(failure));
    assert.equal(snapshot.currentStep, 'watchOld');
    return snapshot;
  }

  async function look(engine: RotationEngine): Promise<RotationSnapshot> {
    const outcome = await engine.perform({ type: 'run', step: 'watchOld' });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return engine.snapshot();
  }

  const offered = (s: RotationSnapshot) => s.nextActions.map((a) => ('step' in a ? `${a.type}:${a.step}` : a.type));

  it('a forgotten flow after the deactivation is caught and the delete withheld; Roll back restores it and the flow works again', async () => {
    const w = await startWorld();
    world = w;
    syncClocks(w);
    const flow = await w.org.forgottenFlow({ intervalMs: 3_600_000 });
    flows.push(flow);
    const engine = await w.start({ deactivationWatchMinutes: 75 });
    await toTheWatch(engine);
    later(w, 20_000);
    assert.equal(await flow.refreshNow(), 401, 'the deactivated secret no longer authenticates the flow');
    later(w, 20_000);

    const s = await look(engine);
    const watch = s.journal.watch;
    assert.equal(watch?.status, 'caught', JSON.stringify(watch));
    assert.equal(watch.findings.length, 1);
    const [finding] = watch.findings;
    assert.equal(finding?.match, 'oldSecret', 'its hash is the old secret’s');
    assert.equal(finding?.clientIp, flow.clientIp);
    assert.equal(finding?.userAgent, flow.userAgent);
    assert.equal(s.currentStep, 'watchOld');
    assert.deepEqual(offered(s).sort(), ['override', 'rollback']);
    const refused = await engine.perform({ type: 'run', step: 'deleteOld' });
    assert.equal(refused.ok, false);
    assert.equal(refused.ok ? '' : refused.error.kind, 'actionNotAvailable');

    // The checklist: Roll back is the watch step's own primary action, recommended; the override is the danger.
    const view = checklistView(s, { orgLabel: 'Acme', now: new Date(s.updatedAt) });
    const step = view.steps.find((x) => x.key === 'watchOld');
    assert.equal(step?.actions[0]?.key, 'rollback');
    assert.equal(step?.actions[0]?.style, 'primary');
    assert.equal(step?.actions[0]?.label, 'Roll back (recommended)…');
    assert.equal(step?.actions.find((a) => a.key === 'override')?.style, 'danger');
    assert.equal(view.more?.actions.some((a) => a.key === 'rollback') ?? false, false, 'not twice');
    assert.match(
      step?.todo.join(' ') ?? '',
      new RegExp(`failed sign-in at .* from ${flow.clientIp.replace(/\./g, '\\.')}`),
    );

    // A second look is not offered, and the same failure is never counted twice (the engine refuses the run).
    assert.equal((await engine.perform({ type: 'run', step: 'watchOld' })).ok, false);

    assert.ok((await engine.perform({ type: 'rollback' })).ok);
    const end = engine.snapshot();
    assert.equal(end.outcome, 'rolledBack');
    const old = w.org.secrets().find((x) => x.id === end.secrets.old[0]?.id);
    assert.equal(old?.status, 'ACTIVE');
    assert.equal(await flow.refreshNow(), 200, 'the forgotten flow works again');
    const record = historyRecordOf(end.journal, { orgLabel: 'Acme', practice: false });
    assert.equal(record.watch?.status, 'caught');
    assert.match(
      toMarkdown(exportOf(record)),
      /Old secret still used, per Okta's System Log: 1 failed sign-in with it/,
    );
  });

  it('caught, then the person overrides: the decision is journaled and recorded, and only then the delete is offered', async () => {
    const w = await startWorld();
    world = w;
    syncClocks(w);
    const flow = await w.org.forgottenFlow({ intervalMs: 3_600_000 });
    flows.push(flow);
    const engine = await w.start({ deactivationWatchMinutes: 75 });
    await toTheWatch(engine);
    later(w, 5_000);
    await flow.refreshNow();
    later(w, 5_000);
    assert.equal((await look(engine)).journal.watch?.status, 'caught');
    assert.ok((await engine.perform({ type: 'override', guard: 'oldSecretStillUsed' })).ok);
    const s = engine.snapshot();
    assert.equal(s.journal.watch?.decision?.kind, 'deleteDespiteFindings');
    assert.equal(s.currentStep, 'deleteOld');
    assert.deepEqual(offered(s), ['run:deleteOld', 'rollback']);
    const { snapshot } = await drive(engine);
    assert.equal(snapshot.outcome, 'completed');
    const record = historyRecordOf(snapshot.journal, { orgLabel: 'Acme', practice: false });
    assert.deepEqual(
      record.overrides.map((o) => o.kind),
      ['oldSecretStillUsed'],
    );
  });

  it('no flow: watching until the watch has lasted long enough, then the delete is the primary action, with the evidence', async () => {
    const w = await startWorld();
    world = w;
    syncClocks(w);
    const engine = await w.start({ deactivationWatchMinutes: 75 });
    await toTheWatch(engine);
    later(w, 10 * MINUTE);
    let s = await look(engine);
    assert.equal(s.journal.watch?.status, 'watching');
    assert.equal(s.currentStep, 'watchOld');
    assert.deepEqual(offered(s), ['run:watchOld', 'rollback']);
    const story = stepStory(s.journal, 'watchOld', new Date(s.updatedAt));
    assert.match(story.summary, /^Watched 10 min of 75 min: no failed sign-in of this app's client/);
    assert.match(story.todo[0] ?? '', /next look at (\d{1,2} \w{3} \d{4}, )?\d\d:\d\d UTC/);
    assert.ok(s.journal.watch?.nextLookAt, 'a next look is due');

    later(w, 66 * MINUTE);
    s = await look(engine);
    assert.equal(s.journal.watch?.status, 'clean');
    assert.equal(s.journal.watch?.looks, 2);
    assert.equal(s.currentStep, 'deleteOld');
    const words = offersInWords(s.nextActions, s.journal);
    assert.equal(words.find((o) => o.words.role === 'primary')?.words.label, 'Delete the old secret');
    assert.match(
      stepStory(s.journal, 'deleteOld', new Date(s.updatedAt)).todo[0] ?? '',
      /no failed sign-in .* for 76 min/,
    );

    const { snapshot } = await drive(engine);
    assert.equal(snapshot.outcome, 'completed');
    const record = historyRecordOf(snapshot.journal, { orgLabel: 'Acme', practice: false });
    assert.match(
      toMarkdown(exportOf(record)),
      /Old secret unused, per Okta's System Log: no failed sign-in of the app's client from 26 Nov 2026, 09:\d\d–10:\d\d UTC/,
    );
  });

  it('a failure with another secret’s hash (a mistyped new connection) is named but does not count; a refused grant does not either', async () => {
    const w = await startWorld();
    world = w;
    syncClocks(w);
    const engine = await w.start({ deactivationWatchMinutes: 1 });
    await toTheWatch(engine);
    later(w, 5_000);
    const typo = await w.org.forgottenFlow({ secret: 'a-mistyped-secret-value', intervalMs: 3_600_000 });
    flows.push(typo);
    // Authenticates with the new secret, then is refused for its refresh token: the client did sign in.
    flows.push(await w.org.forgottenFlow({ refreshToken: 'revoked-long-ago', intervalMs: 3_600_000 }));
    later(w, 2 * MINUTE);
    const s = await look(engine);
    assert.equal(s.journal.watch?.status, 'clean', JSON.stringify(s.journal.watch));
    assert.deepEqual(s.journal.watch?.findings.map((f) => f.match).sort(), ['grantRefused', 'otherSecret']);
    assert.equal(s.currentStep, 'deleteOld');
  });

  it('a credential that may not read the System Log: "cannot watch", and the person’s confirmation recorded as theirs', async () => {
    const w = await startWorld();
    world = w;
    const noLogs = w.newClient({ token: w.org.info.customRoleToken });
    const engine = await w.start({ okta: noLogs, deactivationWatchMinutes: 75 });
    await toTheWatch(engine);
    let s = await look(engine);
    assert.equal(s.journal.watch?.status, 'cannotWatch');
    assert.deepEqual(offered(s), ['confirm:watchOld', 'run:watchOld', 'rollback']);
    assert.match(stepStory(s.journal, 'watchOld', new Date(s.updatedAt)).summary, /^Cannot watch/);
    assert.ok((await engine.perform({ type: 'confirm', step: 'watchOld' })).ok);
    s = engine.snapshot();
    assert.equal(s.journal.watch?.decision?.kind, 'confirmedWithoutWatch');
    assert.equal(s.currentStep, 'deleteOld');
    const { snapshot } = await drive(engine);
    assert.equal(snapshot.outcome, 'completed');
    const record = historyRecordOf(snapshot.journal, { orgLabel: 'Acme', practice: false });
    const ack = record.acknowledgements.find((a) => a.kind === 'noWatch');
    assert.match(ack?.text ?? '', /not on Okta's record/);
  });

  it('a System Log that rate limits is waited out; one that answers garbage, or more than the operation may read, fails the look within its budget and concludes nothing', async () => {
    const w = await startWorld();
    world = w;
    syncClocks(w);
    const flow = await w.org.forgottenFlow({ intervalMs: 3_600_000 });
    flows.push(flow);
    const engine = await w.start({ deactivationWatchMinutes: 75, operation: { maxItems: 3 } });
    await toTheWatch(engine);

    // Rate limited: the client waits for the reset (on Okta's clock) and the look goes through.
    w.org.setRateLimit(1, 'logs');
    await w.client.listClientAuthFailures({
      appId: engine.journal().app.id,
      clientId: engine.journal().app.clientId,
      since: new Date(w.simClock.ms - MINUTE),
      until: new Date(w.simClock.ms),
    });
    const waitsBefore = w.waits.length;
    let s = await look(engine);
    assert.ok(w.waits.length > waitsBefore, 'the look waited for the log bucket to reset');
    assert.equal(s.journal.watch?.status, 'watching');
    w.org.setRateLimit(50, 'logs');
    const looks = s.journal.watch?.looks;

    // Garbage: the look fails with Okta's answer named; the watch is as it was.
    w.org.faults.malformedNext({ kind: 'wrongTypes', path: /^\/api\/v1\/logs$/ });
    const garbage = await engine.perform({ type: 'run', step: 'watchOld' });
    assert.equal(garbage.ok, false);
    s = engine.snapshot();
    assert.equal(s.steps.find((x) => x.id === 'watchOld')?.state, 'failed');
    assert.equal(s.journal.watch?.looks, looks, 'nothing concluded from it');
    assert.deepEqual(offered(s), ['run:watchOld', 'rollback']);

    // More failures than the operation may read (a page of 5 events, 3 items allowed): bounded, not followed.
    later(w, 5_000);
    for (let i = 0; i < 5; i++) assert.equal(await flow.refreshNow(), 401);
    later(w, 5_000);
    const tooMany = await engine.perform({ type: 'run', step: 'watchOld' });
    assert.equal(tooMany.ok, false, 'the look stopped at the budget');
    assert.equal(engine.snapshot().journal.watch?.status, 'watching', 'and concluded nothing');
  });

  it('drift: a secret created outside before the create is named in the step, never taken for the new one', async () => {
    const w = await startWorld();
    world = w;
    const engine = await w.start();
    await drive(engine, { stopWhen: (x) => x.currentStep === 'createSecret' });
    // A pause (the org check's list is no longer fresh), and meanwhile someone adds a secret in the Admin Console.
    w.clock.advanceMs(10 * MINUTE);
    const outside = await w.client.createSecret(engine.journal().app.id);
    const outcome = await engine.perform({ type: 'run', step: 'createSecret' });
    assert.equal(outcome.ok, false, 'two secrets already: nothing created');
    const s = engine.snapshot();
    assert.deepEqual(
      s.journal.outsideChanges?.map((c) => [c.secretId, c.change, c.source]),
      [[outside.id, 'created', 'okta']],
    );
    assert.equal(s.journal.newSecret, undefined);
    const view = checklistView(s, { orgLabel: 'Acme', now: new Date(s.updatedAt) });
    assert.match(
      view.steps.find((x) => x.key === 'createSecret')?.caution ?? '',
      /created outside the extension \(seen in Okta\)/,
    );
  });

  it('drift: the old secret reactivated outside restarts the watch, from when it is seen deactivated again', async () => {
    const w = await startWorld();
    world = w;
    syncClocks(w);
    const engine = await w.start({ deactivationWatchMinutes: 75 });
    let s = await toTheWatch(engine);
    const oldId = s.journal.oldSecretIds?.[0] ?? '';
    later(w, MINUTE);
    await w.client.activateSecret(s.app.id, oldId);
    const failed = await engine.perform({ type: 'run', step: 'watchOld' });
    assert.equal(failed.ok, false);
    assert.match(failed.ok ? '' : failed.error.message, /active again in Okta \(changed outside this checklist\)/);
    s = engine.snapshot();
    assert.deepEqual(
      s.journal.outsideChanges?.map((c) => [c.secretId, c.change, c.source]),
      [[oldId, 'activated', 'okta']],
    );
    assert.equal(s.journal.watch, undefined, 'the watch starts over');

    later(w, MINUTE);
    await w.client.deactivateSecret(s.app.id, oldId);
    later(w, MINUTE);
    s = await look(engine);
    assert.deepEqual(
      s.journal.outsideChanges?.map((c) => c.change),
      ['activated', 'deactivated'],
    );
    const deactivatedAgain = s.journal.outsideChanges?.[1]?.at ?? '';
    assert.equal(s.journal.watch?.since, deactivatedAgain, 'watched from when it was seen deactivated again');
    // Seen once: a further look journals nothing more.
    later(w, MINUTE);
    const before = s.journal.outsideChanges?.length;
    s = await look(engine);
    assert.equal(s.journal.outsideChanges?.length, before);
  });
});

/** An export of one record, its System Log section not queried. */
function exportOf(record: ReturnType<typeof historyRecordOf>) {
  return {
    exportedAt: '2026-11-28T08:00:00.000Z',
    exportedBy: 'jdoe',
    selection: { org: 'all' as const },
    rotations: [{ record, okta: { status: 'notQueried' as const, detail: 'not asked in this test' } }],
  };
}

describe('a journal written before the watch step (0.2)', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  /** The journal as 0.2 wrote it: no record of the watch step, no watch. */
  function asWrittenBy02(journal: RotationJournal): unknown {
    const data = JSON.parse(JSON.stringify(journal)) as { steps: Record<string, unknown>; watch?: unknown };
    delete data.steps['watchOld'];
    delete data.watch;
    return data;
  }

  it('parses: the watch is skipped (said why) once the delete was done or the rotation ended, pending before the delete', async () => {
    const completed = parseJournal(asWrittenBy02(completedJournal()));
    assert.deepEqual(completed.steps.watchOld, { state: 'skipped', result: { reason: 'predatesWatch' } });
    assert.equal(
      stepStory(completed, 'watchOld', new Date()).summary,
      'Not done: this rotation began before the extension watched the System Log.',
    );
    const inProgress = parseJournal(asWrittenBy02(inProgressJournal()));
    assert.deepEqual(inProgress.steps.watchOld, { state: 'pending' });
    assert.throws(() => parseJournal({ ...(asWrittenBy02(inProgressJournal()) as object), watch: { since: 'x' } }));
  });

  it('a 0.2 rotation between its deactivation and its delete resumes at the watch, watched from its deactivation', async () => {
    const w = await startWorld();
    world = w;
    const engine = await w.start({ deactivationWatchMinutes: 0 });
    await drive(engine, { stopWhen: (s) => s.currentStep === 'watchOld' });
    const old = asWrittenBy02(engine.journal());
    await w.journals.importJournal(parseJournal(old));
    const resumed = await RotationEngine.resume(engine.rotationId, w.deps());
    assert.equal(resumed.snapshot().currentStep, 'watchOld');
    assert.ok((await resumed.perform({ type: 'run', step: 'watchOld' })).ok);
    const j = resumed.journal();
    assert.equal(j.watch?.since, j.steps.deactivateOld.startedAt);
    assert.equal((await drive(resumed)).snapshot.outcome, 'completed');
  });
});
