// A rotation step is one operation: every call it makes to Okta shares one deadline. Against the simulator with a
// stalled answer: the step given an operation (as the checklist's commands give one) fails at its deadline as a
// timeout to retry, never as a cancel; a person's cancel stays a cancel; and a step run without one gets its own.
import assert from 'node:assert/strict';
import { OperationBudget } from '../../../src/okta/http/operationBudget.ts';
import { startWorld, type World } from './world.ts';

describe('rotation engine: one deadline per step', function () {
  this.timeout(15_000);
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("a step that reaches its operation's deadline fails as a timeout to retry, saying what was done", async () => {
    const w = (world = await startWorld());
    const engine = await w.start();
    w.org.faults.stallNext({ path: /\/credentials\/secrets$/ });
    const op = new OperationBudget({ deadlineMs: 200 });
    try {
      const out = await engine.perform({ type: 'run', step: 'preflight' }, op.signal);
      assert.ok(!out.ok && !out.cancelled, JSON.stringify(out));
      assert.equal(out.error.kind, 'timeout');
      assert.match(
        out.error.message,
        /its time limit of 0\.2 s ran out \(after [\d.]+ s: \d answers?\)\. Okta was too slow to answer\. Try again in a minute or two\./,
      );
      assert.equal(engine.journal().steps.preflight.state, 'failed');
    } finally {
      op.dispose();
    }
    const retried = await engine.perform({ type: 'run', step: 'preflight' });
    assert.ok(retried.ok, JSON.stringify(retried));
  });

  it("a person's cancel of the same step stays a cancel: back to pending, nothing lost", async () => {
    const w = (world = await startWorld());
    const engine = await w.start();
    w.org.faults.stallNext({ path: /\/credentials\/secrets$/ });
    const cancel = new AbortController();
    const op = new OperationBudget({ deadlineMs: 10_000, signal: cancel.signal });
    try {
      const pending = engine.perform({ type: 'run', step: 'preflight' }, op.signal);
      setTimeout(() => cancel.abort(), 100);
      const out = await pending;
      assert.ok(!out.ok && out.cancelled === true, JSON.stringify(out));
      assert.equal(engine.journal().steps.preflight.state, 'pending');
    } finally {
      op.dispose();
    }
  });

  it('a step run without an operation gets its own, with the limits the engine was given', async () => {
    const w = (world = await startWorld({}, { client: { timeoutMs: 10_000 } }));
    const engine = await w.start({ operation: { deadlineMs: 200 } });
    w.org.faults.stallNext({ path: /\/credentials\/secrets$/ });
    const out = await engine.perform({ type: 'run', step: 'preflight' });
    assert.ok(!out.ok && out.error.kind === 'timeout', JSON.stringify(out));
  });
});
