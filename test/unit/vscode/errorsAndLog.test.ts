// In-place failures, error actions, log lines and the bounded loader: pure parts of the VS Code layer.
import assert from 'node:assert/strict';
import { OktaError, tryAgainAfter } from '../../../src/okta/errors.ts';
import { presentFailure } from '../../../src/fleet/tree/failurePresentation.ts';
import { errorActions } from '../../../src/orgs/errorActions.ts';
import { describeError, formatApiCall } from '../../../src/vscode/platform/logFormat.ts';
import { forEachBounded } from '../../../src/fleet/boundedConcurrency.ts';

const err = (kind: ConstructorParameters<typeof OktaError>[0]['kind'], errorId?: string) =>
  new OktaError({
    kind,
    operation: 'Listing secrets',
    org: 'acme.okta.com',
    status: 400,
    ...(errorId ? { body: { errorId, errorCode: 'E0000006' } } : {}),
  });

describe('failures in the tree', () => {
  it('offers the fix for each kind', () => {
    assert.equal(presentFailure(err('invalidToken')).action, 'setApiToken');
    const forbidden = presentFailure(err('forbidden', 'oaeXYZ'));
    assert.equal(forbidden.action, 'setApiToken');
    assert.match(forbidden.label, /okta\.apps\.read and okta\.apps\.manage/);
    assert.match(forbidden.label, /oaeXYZ/);
    assert.equal(presentFailure(err('network')).action, 'retry');
    assert.equal(presentFailure(err('timeout')).action, 'retry');
    assert.equal(presentFailure(err('rateLimited')).action, 'retry');
    assert.equal(presentFailure(new Error('boom')).action, 'showLog');
  });

  it('a connection the proxy refused: the row says it was the proxy, the tooltip keeps the details', () => {
    const e = new OktaError({
      kind: 'network',
      operation: 'Listing secrets',
      org: 'acme.okta.com',
      detail: 'the proxy 10.0.0.5:3128 asks for credentials (407 Proxy Authentication Required)',
      advice: "Give the proxy's user name and password in VS Code's http.proxy.",
      connection: 'proxyCredentials',
    });
    const item = presentFailure(e);
    assert.equal(item.label, 'The proxy refused the connection (407): check the proxy settings');
    assert.equal(item.action, 'proxySettings');
    assert.match(item.tooltip, /the proxy 10\.0\.0\.5:3128 asks for credentials/);
    assert.match(item.tooltip, /http\.proxy/);
    const unreachable = presentFailure(new OktaError({ ...e, kind: 'network', connection: 'proxyUnreachable' }));
    assert.equal(unreachable.label, 'The proxy cannot be reached: check the proxy settings');
    // A connection that failed otherwise (no proxy involved) stays a retry.
    assert.equal(presentFailure(err('network')).label, 'Cannot reach the org: retry');
  });

  it("a rate limit's retry time is in UTC, said so, on the same clock as the error message (not the host's zone)", () => {
    const now = new Date('2025-03-04T13:59:00Z');
    const retryAt = new Date('2025-03-04T14:03:21Z');
    const e = new OktaError({
      kind: 'rateLimited',
      operation: 'Listing secrets',
      org: 'acme.okta.com',
      status: 429,
      retryAt,
      now,
    });
    const item = presentFailure(e, 'apiToken', now);
    assert.equal(item.label, 'Rate limited by Okta until 14:04 UTC: retry later');
    assert.ok(item.tooltip.includes(tryAgainAfter(retryAt, now)), item.tooltip);
    assert.ok(item.tooltip.includes('14:04 UTC'), 'label and message show the same time');
    // Past midnight UTC, the date comes first (as in the message).
    const late = new Date('2025-03-04T23:59:30Z');
    const tomorrow = new Date('2025-03-05T00:00:31Z');
    const overnight = presentFailure(
      new OktaError({ kind: 'rateLimited', operation: 'Listing secrets', status: 429, retryAt: tomorrow, now: late }),
      'apiToken',
      late,
    );
    assert.equal(overnight.label, 'Rate limited by Okta until 5 Mar 2025, 00:01 UTC: retry later');
  });

  it('error messages offer Set API Token, Retry or only Show Log', () => {
    assert.deepEqual(errorActions(err('invalidToken')), ['Set API Token', 'Show Log']);
    assert.deepEqual(errorActions(err('serverError')), ['Retry', 'Show Log']);
    assert.deepEqual(errorActions(err('onlyActiveSecret')), ['Show Log']);
    assert.deepEqual(errorActions(new Error('x')), ['Show Log']);
  });
});

describe('log lines', () => {
  it('an API call: org, method, path, status, ms, rate-limit remaining, errorId', () => {
    assert.equal(
      formatApiCall('acme.okta.com', {
        method: 'POST',
        path: '/api/v1/apps/0oa1/credentials/secrets',
        status: 429,
        ms: 12.6,
        rateLimitRemaining: 0,
        errorId: 'oae1',
        attempt: 2,
      }),
      'acme.okta.com POST /api/v1/apps/0oa1/credentials/secrets 429 13 ms rate-limit remaining 0 errorId oae1 attempt 2',
    );
  });

  it('error descriptions follow the cause chain and are redacted', () => {
    const e = new Error('outer', { cause: new Error('Authorization: SSWS 00abcdefghijklmnopqrstuvwxyz') });
    const text = describeError(e);
    assert.match(text, /caused by Error/);
    assert.ok(!text.includes('00abcdefghijklmnop'));
  });
});

describe('bounded loading', () => {
  it('never runs more than the limit at once, and one failure does not stop the others', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const gates: Array<() => void> = [];
    const failed: string[] = [];
    const all = forEachBounded(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      async (n) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        if (n === 2) throw new Error('org 2 fails');
        done.push(n);
      },
      (n, e) => failed.push(`${n}: ${e instanceof Error ? e.message : String(e)}`),
    );
    // Release the waiting loads one by one until all seven have run (bounded: at most 7 releases needed).
    for (let i = 0; i < 7; i++) {
      for (let spins = 0; gates.length === 0 && spins < 1000; spins++) await new Promise((r) => setImmediate(r));
      const release = gates.shift();
      assert.ok(release, 'a load is waiting');
      release();
    }
    await all;
    assert.equal(peak, 3);
    assert.deepEqual(done.sort(), [1, 3, 4, 5, 6, 7]);
    assert.deepEqual(failed, ['2: org 2 fails'], 'the failure reaches onError, it is not swallowed');
  });

  it('stops taking new items once aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    await forEachBounded(
      [1, 2, 3, 4],
      1,
      async (n) => {
        seen.push(n);
        if (n === 2) controller.abort();
      },
      (n, e) => assert.fail(`item ${n} failed: ${String(e)}`),
      controller.signal,
    );
    assert.deepEqual(seen, [1, 2]);
  });
});
