// A 429 storm during a rotation: the org's bucket shrunk to one call a minute. The client waits out each
// reset on Okta's clock; here the simulator's clock is moved by the client's injected sleep, so no test waits a
// minute. With a short maxRateLimitWaitMs the step fails instead, says when to retry, and a retry after the
// reset goes through.
import assert from 'node:assert/strict';
import { driveThrough } from './driveThrough.ts';
import { startWorldOn } from '../rotation/world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from '../rotation/world.ts';
import { assertWorldConsistent } from './invariants.ts';

describeOnPaths('a 429 storm during a rotation', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(30_000);
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  for (const killed of [false, true]) {
    it(`one call a minute: the client waits out every reset on Okta's clock and the rotation completes${killed ? ', the window killed after every action' : ''}`, async () => {
      const w = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
      world = w;
      const originalIds = w.org.secrets().map((s) => s.id);
      // The storm is already on when the person starts: finding the app counts too.
      w.org.setRateLimit(1);
      const startedAt = w.simClock.ms;
      const engine = await w.start();
      const end = await driveThrough(engine, {
        maxFailures: 0,
        ...(killed ? { resumeAfterEach: () => w.deps() } : {}),
      });
      assert.deepEqual(end.failures, []);
      assert.equal(end.snapshot.outcome, 'completed');
      const storms = w.served.filter((e) => e.status === 429).length;
      assert.ok(storms >= 5, `the storm hit many calls (${storms})`);
      assert.ok(w.waits.length >= storms && w.waits.every((ms) => ms > 0 && ms <= 61_000), JSON.stringify(w.waits));
      assert.ok(w.simClock.ms - startedAt >= 5 * 60_000, "several minutes passed on Okta's clock, none in the test");
      // Never more than one management-API call answered in one window of the simulator's clock: nothing hammered.
      assert.ok(w.apiCalls.filter((c) => c.status === 429).every((c) => c.rateLimitRemaining === 0));
      await assertWorldConsistent(w, { journal: end.engine.journal(), originalIds, label: 'storm' });
    });
  }

  it('a wait longer than maxRateLimitWaitMs fails the step with when to retry; retried after the reset, it completes', async () => {
    const w = await startWorld({}, { client: { maxRateLimitWaitMs: 1000 } });
    world = w;
    const originalIds = w.org.secrets().map((s) => s.id);
    const engine = await w.start();
    // Two calls a minute: a step's calls (at most two since the create reuses its list) fit in one window.
    w.org.setRateLimit(2);
    let failures = 0;
    let current = engine;
    for (let round = 0; round < 30 && current.snapshot().outcome === 'inProgress'; round++) {
      const r = await driveThrough(current, { maxFailures: 0 });
      current = r.engine;
      if (r.failures.length === 0) break;
      failures++;
      const f = r.failures[0];
      assert.ok(f && !f.ok && f.error.kind === 'rateLimited', JSON.stringify(f));
      assert.match(
        f.error.message,
        /rate limiting .*Try again after (\d+ \w+ \d{4}, )?\d\d:\d\d UTC \(in about \d+ s\)\./,
      );
      assert.ok(f.error.errorId, "Okta's errorId is kept");
      // Nothing half-done: Okta and the journal agree at every refusal.
      await assertWorldConsistent(w, { journal: current.journal(), originalIds, label: `rate limited #${failures}` });
      w.simClock.ms += 61_000; // the person waits until the time given
    }
    assert.ok(failures >= 3, `the storm failed steps (${failures})`);
    assert.equal(current.snapshot().outcome, 'completed');
    await assertWorldConsistent(w, { journal: current.journal(), originalIds, label: 'after the storm' });
  });

  it('the client never sends a write a second time because of a 429 that came after it was executed', async () => {
    // A 429 is Okta refusing before acting, so a write is retried after one. This checks the simulator keeps
    // that promise under the storm: every executed write happened once (assertConsistent) and the create once.
    const w = await startWorld();
    world = w;
    const engine = await w.start();
    w.org.setRateLimit(1);
    const end = await driveThrough(engine, { maxFailures: 0 });
    assert.equal(end.snapshot.outcome, 'completed');
    assert.equal(
      w.served.filter((e) => e.method === 'POST' && /\/credentials\/secrets$/.test(e.url) && e.status === 201).length,
      1,
    );
    assert.ok(w.served.filter((e) => e.status === 429).length >= 5);
    assert.ok(!w.apiCalls.some((c) => c.status === 'error'));
  });
});
