// Preview before production, per pair: a production org paired with its preview org creates its new secret only
// once that preview org's rotation completed soakHours ago (and within previewRecencyDays), or once the person
// acknowledged it; the check and the acknowledgement are journaled and end up in the rotation's report.
import { endingLines } from '../../../src/presentation/endings.ts';
import assert from 'node:assert/strict';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { evaluatePreviewSoak } from '../../../src/rotation/guards.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { callsOf, drive, startWorld, TestClock } from './world.ts';
import type { World } from './world.ts';

describe('rotation engine: a production org paired with its preview org (the soak)', () => {
  const worlds: World[] = [];
  afterEach(async () => {
    await Promise.all(worlds.splice(0).map((w) => w.close()));
  });

  async function pair(soakHours: number) {
    const journals = new MemoryJournalStore();
    const clock = new TestClock();
    const prod = await startWorld({ name: 'acme', environment: 'production' }, { journals, clock });
    const preview = await startWorld({ name: 'acme-preview', environment: 'preview' }, { journals, clock });
    worlds.push(prod, preview);
    const pairing = { previewOrg: preview.client.org, soakHours };
    const startProd = async () => {
      const app = await prod.client.findWorkflowsApp({ appId: prod.org.info.workflowsAppId });
      return RotationEngine.start(
        { org: { host: prod.client.org, baseUrl: prod.org.info.baseUrl }, environment: 'production', app, pairing },
        prod.deps(),
      );
    };
    return { journals, clock, prod, preview, startProd };
  }

  it('checks and creates nothing before its preview org completed; waits the soak; acknowledged, it goes ahead', async () => {
    const { clock, prod, preview, startProd } = await pair(24);
    const engine = await startProd();
    let s = engine.snapshot();
    // No any-preview warning for a paired org: it is checked (read-only) at once.
    assert.equal(s.guards.productionWithoutPreview, undefined);
    assert.deepEqual(s.guards.previewSoak, { previewOrg: preview.client.org, hours: 24 });
    assert.equal((await drive(engine, { stopWhen: (x) => x.currentStep === 'createSecret' })).failure, undefined);

    const before = callsOf(prod.org).creates;
    let out = await engine.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!out.ok && out.error.kind === 'guard', JSON.stringify(out));
    assert.match(out.error.message, /no rotation of its preview org .* has completed yet/);
    assert.equal(callsOf(prod.org).creates, before, 'nothing created');
    s = engine.snapshot();
    assert.equal(s.guards.previewSoak?.satisfied, false);
    assert.equal(s.nextActions[0]?.type, 'acknowledge', 'the acknowledgement is offered once the check said wait');

    // The preview org completes: still 24 h to wait.
    assert.equal((await drive(await preview.start())).snapshot.outcome, 'completed');
    out = await engine.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!out.ok && /the soak of 24 h ends/.test(out.error.message), JSON.stringify(out));
    assert.ok(engine.snapshot().guards.previewSoak?.previewCompletedAt);

    // A day later the create goes ahead by itself; how it ended says the soak was met.
    clock.advanceDays(1.01);
    const end = await drive(engine);
    assert.equal(end.failure, undefined, JSON.stringify(end.failure));
    assert.equal(end.snapshot.outcome, 'completed');
    assert.equal(end.snapshot.guards.previewSoak?.satisfied, true);
    assert.match(
      endingLines(end.snapshot.journal, new Date()).join(' '),
      /The preview soak of 24 h was met \(.* completed its rotation /,
    );
  });

  it('an acknowledgement (journaled, with what the preview org had done) lets the create go ahead before the soak ends', async () => {
    const { journals, startProd } = await pair(24);
    const engine = await startProd();
    await drive(engine, { stopWhen: (x) => x.currentStep === 'createSecret' });
    assert.equal((await engine.perform({ type: 'run', step: 'createSecret' })).ok, false);
    assert.ok((await engine.perform({ type: 'acknowledge', guard: 'previewSoak' })).ok);
    const stored = await journals.load(engine.rotationId);
    assert.ok(stored?.guards.previewSoak?.acknowledgedAt, 'the acknowledgement is in the journal');
    const end = await drive(engine);
    assert.equal(end.snapshot.outcome, 'completed', JSON.stringify(end.failure));
    assert.match(
      endingLines(end.snapshot.journal, new Date()).join(' '),
      /created before the preview soak of 24 h ended: you went ahead \d+ \w+ \d{4}, \d\d:\d\d UTC \(.* had not completed a rotation by then\)/,
    );
  });

  it('a soak of 0 h only needs the preview rotation completed', async () => {
    const { preview, startProd } = await pair(0);
    assert.equal((await drive(await preview.start())).snapshot.outcome, 'completed');
    const end = await drive(await startProd());
    assert.equal(end.snapshot.outcome, 'completed', JSON.stringify(end.failure));
  });
});

describe('evaluatePreviewSoak', () => {
  const journal = (host: string, endedAt: string, outcome: 'completed' | 'abandoned' = 'completed') => ({
    org: { host, baseUrl: `https://${host}` },
    outcome,
    endedAt,
  });
  const now = new Date('2026-11-26T12:00:00.000Z');

  it('counts only the paired preview org, and only completed rotations', () => {
    const history = [
      journal('other-preview.okta.com', '2026-11-20T00:00:00.000Z'),
      journal('acme-preview.okta.com', '2026-11-25T00:00:00.000Z', 'abandoned'),
    ];
    assert.equal(evaluatePreviewSoak('acme-preview.okta.com', history, now, 24, 30).satisfied, false);
    history.push(journal('acme-preview.okta.com', '2026-11-24T00:00:00.000Z'));
    const soak = evaluatePreviewSoak('acme-preview.okta.com', history, now, 24, 30);
    assert.deepEqual(soak, {
      satisfied: true,
      previewCompletedAt: '2026-11-24T00:00:00.000Z',
      readyAt: '2026-11-25T00:00:00.000Z',
      reason: '',
    });
  });

  it('waits until the soak ends, and refuses a preview rotation older than the recency days', () => {
    const recent = [journal('p.okta.com', '2026-11-26T06:00:00.000Z')];
    const waiting = evaluatePreviewSoak('p.okta.com', recent, now, 24, 30);
    assert.equal(waiting.satisfied, false);
    assert.equal(waiting.readyAt, '2026-11-27T06:00:00.000Z');
    const stale = evaluatePreviewSoak('p.okta.com', [journal('p.okta.com', '2026-09-01T00:00:00.000Z')], now, 24, 30);
    assert.equal(stale.satisfied, false);
    assert.match(stale.reason, /more than 30 days ago/);
  });
});
