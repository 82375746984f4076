// The operation budget (src/okta/http/operationBudget.ts) on its own: deadlines that nest, a deadline told apart
// from a cancel, the words for what was done, and the errors at its limits. The clock is injected: nothing waits.
import assert from 'node:assert/strict';
import {
  abortedByCancel,
  abortedByDeadline,
  DEFAULT_OPERATION_LIMITS,
  OperationBudget,
} from '../../../src/okta/http/operationBudget.ts';

describe('OperationBudget', () => {
  const budgets: OperationBudget[] = [];
  const make = (...args: ConstructorParameters<typeof OperationBudget>) => {
    const b = new OperationBudget(...args);
    budgets.push(b);
    return b;
  };
  afterEach(() => {
    for (const b of budgets.splice(0)) b.dispose();
  });

  it('has the documented defaults: 3 min, 4 rate-limit waits, 6 retries, 20 000 items, 16 MiB', () => {
    assert.deepEqual(DEFAULT_OPERATION_LIMITS, {
      deadlineMs: 180_000,
      maxRateLimitWaits: 4,
      maxRetries: 6,
      maxItems: 20_000,
      maxBytes: 16 * 1024 * 1024,
    });
    assert.deepEqual(make().limits, DEFAULT_OPERATION_LIMITS);
  });

  it('is found through its signal, and an operation inside another ends by the outer deadline at the latest', () => {
    let now = 1_000_000;
    const outer = make({ deadlineMs: 10_000, now: () => now });
    const inner = make({ signal: outer.signal, deadlineMs: 60_000, now: () => now });
    assert.equal(OperationBudget.of(outer.signal), outer);
    assert.equal(OperationBudget.of(new AbortController().signal), undefined);
    assert.equal(inner.deadlineAt, outer.deadlineAt);
    now += 10_001;
    assert.ok(inner.expired() && outer.expired());
  });

  it("tells the deadline's abort from a cancel, also through an operation inside another", async () => {
    const cancel = new AbortController();
    const cancelled = make({ signal: cancel.signal });
    cancel.abort();
    assert.ok(abortedByCancel(cancelled.signal) && !abortedByDeadline(cancelled.signal));

    const outer = make({ deadlineMs: 0 });
    const inner = make({ signal: outer.signal });
    await new Promise((r) => setTimeout(r, 5));
    assert.ok(abortedByDeadline(outer.signal) && abortedByDeadline(inner.signal));
    assert.ok(!abortedByCancel(inner.signal));
  });

  it('says what was done, and the error at the deadline says when to retry and where to give more time', () => {
    let now = 0;
    const b = make({ deadlineMs: 180_000, now: () => now, deadlineHint: 'oktaWorkflows.operationTimeoutSeconds' });
    b.answered(100);
    b.page(200, 'Listing apps', 'acme.okta.com');
    b.rateLimitWait(61_000, new Date(61_000));
    b.retried();
    now = 185_000;
    assert.equal(b.done(), 'after 3 min 5 s: 1 answer (1 page, 200 items), 1 rate-limit wait (61 s), 1 retry');
    const e = b.deadlineError('Listing apps', 'acme.okta.com');
    assert.equal(e.kind, 'timeout');
    assert.match(
      e.message,
      /^acme\.okta\.com did not answer in time: its time limit of 3 min 0 s ran out \(after 3 min 5 s: /,
    );
    assert.equal(e.operation, 'Listing apps');
    assert.match(
      e.message,
      /Try again in a minute or two\. If Okta is this slow every time, give operations more time \(oktaWorkflows\.operationTimeoutSeconds\)\.$/,
    );
  });

  it('counts items and bytes across pages and refuses past its budget with a protocol error naming the org', () => {
    const b = make({ maxItems: 10, maxBytes: 2 * 1024 * 1024 });
    b.page(6, 'Listing apps', 'acme.okta.com');
    assert.throws(
      () => b.page(5, 'Listing apps', 'acme.okta.com'),
      /acme\.okta\.com answered in an unexpected form: the answers held more than 10 items/,
    );
    b.answered(1024 * 1024);
    assert.equal(b.remainingBytes(), 1024 * 1024);
    assert.match(b.tooManyBytes('Listing apps', 'acme.okta.com').message, /more than 2 MiB/);
  });

  it('counts waits and retries against its limits', () => {
    const b = make({ maxRateLimitWaits: 1, maxRetries: 1 });
    assert.ok(b.canWaitForRateLimit() && b.canRetry());
    b.rateLimitWait(1000, new Date());
    b.retried();
    assert.ok(!b.canWaitForRateLimit() && !b.canRetry());
  });
});
