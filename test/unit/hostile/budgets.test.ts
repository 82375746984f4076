// Bounds per operation, against a hostile org (hostileOrg.ts: a raw loopback server; the sentinel must receive
// nothing). What the issue found per page or per answer is now per operation: one deadline covering every page,
// retry and rate-limit wait; rate-limit waits and retries counted across the operation; items and bytes counted
// across its pages. Small limits are injected (under a second per attempt and per operation, a sleep that does not wait),
// so every case ends in well under a second; the defaults are measured by scripts/hostile-figures.ts. No case
// asserts a duration: each asserts how the operation ended and how many requests it took.
import assert from 'node:assert/strict';
import type { OktaError } from '../../../src/okta/errors.ts';
import { OperationBudget } from '../../../src/okta/http/operationBudget.ts';
import { rejection } from '../okta/fixture.ts';
import {
  APP_ID,
  hostileWorld,
  json,
  nthApp,
  secret,
  SECRET_ID,
  workflowsApp,
  type HostileServer,
} from './hostileOrg.ts';

const RATE_LIMIT_BODY = {
  errorCode: 'E0000047',
  errorSummary: 'API call exceeded rate limit due to too many requests.',
  errorId: 'oaeRateLimited',
};

/** A 429 whose bucket resets `inSeconds` after the answer's Date, on the server's clock. */
function rateLimited(inSeconds = 2) {
  const now = Date.now();
  return json(RATE_LIMIT_BODY, 429, [
    ['date', new Date(now).toUTCString()],
    ['x-rate-limit-limit', '20'],
    ['x-rate-limit-remaining', '0'],
    ['x-rate-limit-reset', String(Math.floor(now / 1000) + inSeconds)],
    ['x-okta-request-id', 'reqHostile123'],
  ]);
}

const nextPage = (org: HostileServer, after: string | number) =>
  ['link', `<${org.base}/api/v1/apps?after=${after}&limit=200>; rel="next"`] as const;

/** The error leads with the org, keeps the operation for the log ("<operation> in <org>"), and is one line. */
function assertClear(e: OktaError, org: HostileServer, operation: RegExp): void {
  assert.ok(e.message.startsWith(`127.0.0.1:${org.port} `), e.message);
  assert.match(`${e.operation} in ${e.org}`, operation);
  assert.ok(!/[\r\n]/.test(e.message), e.message);
}

describe('hostile org: one deadline per operation', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  it('every page 429, 429, then 200 with a next link: the waits are counted across pages, and the list ends', async () => {
    const { org, client } = world();
    const { client: c, waits } = client({ maxRateLimitWaitMs: 60_000, operation: { deadlineMs: 60_000 } });
    org.script = (_req, n) => (n % 3 === 0 ? json([nthApp(n)], 200, [nextPage(org, n)]) : rateLimited());
    const e = await rejection(c.listApps());
    assert.equal(e.kind, 'rateLimited');
    assertClear(e, org, /^Listing apps in/);
    assert.match(e.message, /Try again after (\d+ \w+ \d{4}, )?\d\d:\d\d UTC/);
    assert.equal(waits.ms.length, 4, 'four rate-limit waits in the whole operation, not two per page');
    assert.ok(org.seen.length <= 8, `${org.seen.length} requests`);
  });

  it('every page slow to come, with a next link every time: the operation ends at its deadline, saying what was done', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 5000, operation: { deadlineMs: 500 } });
    org.script = (_req, n) => ({ ...json([nthApp(n)], 200, [nextPage(org, n)]), delayMs: 120 });
    const e = await rejection(c.listApps());
    assert.equal(e.kind, 'timeout');
    assertClear(e, org, /^Listing apps in/);
    assert.match(
      e.message,
      /its time limit of 0\.5 s ran out \(after [\d.]+ s: \d+ answers? \(\d+ pages?, \d+ items?\)\)/,
    );
    assert.match(e.message, /Try again in a minute or two/);
    assert.ok(org.seen.length <= 5, `the deadline stopped the pages (${org.seen.length} requests)`);
  });

  it('a body trickled a byte at a time: the attempt times out (one attempt, not one per byte)', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 150 });
    org.script = () => ({ ...json([secret()]), trickle: { bytes: 1, everyMs: 20 } });
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'timeout');
    assertClear(e, org, /^Listing client secrets/);
    assert.equal(org.seen.length, 1);
  });

  it('headers that never come: a timeout, and a read is not retried into the deadline', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 150 });
    org.script = () => ({ stall: true });
    const e = await rejection(c.getApp(APP_ID));
    assert.equal(e.kind, 'timeout');
    assertClear(e, org, /^Reading app /);
  });

  it('5xx forever: the retries stop at the operation budget even when a call may try more often', async () => {
    const { org, client } = world();
    const { client: c, waits } = client({ maxRetries: 50, operation: { maxRetries: 3, deadlineMs: 5000 } });
    org.script = () => json({ errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorId: 'oae500' }, 500);
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'serverError');
    assertClear(e, org, /^Listing client secrets/);
    assert.equal(org.seen.length, 4, 'one try and three retries');
    assert.equal(waits.ms.length, 3);
  });

  it('the connection cut after the headers, every time: a network error after the tries of one read', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => ({ ...json([secret()]), cutAfter: 80 });
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'network');
    assertClear(e, org, /^Listing client secrets/);
    assert.equal(org.seen.length, 3);
  });

  it('a 429 asking for longer than maxRateLimitWaitMs: rateLimited at once, with when to try again', async () => {
    const { org, client } = world();
    const { client: c, waits } = client({ maxRateLimitWaitMs: 1000 });
    org.script = () => rateLimited(60);
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'rateLimited');
    assert.match(e.message, /Try again after (\d+ \w+ \d{4}, )?\d\d:\d\d UTC \(in about 6\d s\)/);
    assert.equal(waits.ms.length, 0);
    assert.equal(e.errorId, 'oaeRateLimited');
  });

  it('a 429 whose reset comes after the operation deadline: rateLimited at once, saying the time limit', async () => {
    const { org, client } = world();
    const { client: c, waits } = client({ maxRateLimitWaitMs: 120_000, operation: { deadlineMs: 1000 } });
    org.script = () => rateLimited(30);
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'rateLimited');
    assert.match(e.message, /would pass the operation's time limit of 1 s/);
    assert.match(e.message, /Try again after/);
    assert.equal(waits.ms.length, 0);
    assert.equal(org.seen.length, 1);
  });

  it("a 429 storm across one operation's calls: four waits in all, however many calls share them", async () => {
    const { org, client } = world();
    const { client: c, waits } = client({ maxRateLimitWaitMs: 60_000 });
    org.script = (req, n) => {
      if (n % 3 !== 0) return rateLimited();
      return req.path.includes('/credentials/secrets') ? json([secret()]) : json(workflowsApp());
    };
    const load = new OperationBudget({ deadlineMs: 60_000 });
    try {
      const app = await c.findWorkflowsApp({ appId: APP_ID }, load.signal);
      assert.equal((await c.listSecrets(app.id, load.signal)).length, 1);
      const e = await rejection(c.listSecrets(app.id, load.signal));
      assert.equal(e.kind, 'rateLimited', e.message);
    } finally {
      load.dispose();
    }
    assert.equal(waits.ms.length, 4, 'two calls waited twice each; the third could not wait at all');
    assert.equal(org.seen.length, 7);
  });

  it("a caller's operation spans its calls: the second call gets only what is left of the deadline", async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 10_000 });
    org.script = (req) =>
      req.path.includes('/credentials/secrets') ? { stall: true } : { ...json(workflowsApp()), delayMs: 50 };
    const op = new OperationBudget({ deadlineMs: 400, deadlineHint: 'oktaWorkflows.operationTimeoutSeconds' });
    try {
      const app = await c.findWorkflowsApp({ appId: APP_ID }, op.signal);
      const e = await rejection(c.listSecrets(app.id, op.signal));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /time limit of 0\.4 s ran out \(after 0\.[45] s: 1 answer\)/);
      assert.match(e.message, /give operations more time \(oktaWorkflows\.operationTimeoutSeconds\)/);
    } finally {
      op.dispose();
    }
  });

  it("a person's cancel during a slow answer is a cancel, not a timeout", async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 10_000, operation: { deadlineMs: 10_000 } });
    org.script = () => ({ stall: true });
    const controller = new AbortController();
    const pending = rejection(c.listSecrets(APP_ID, controller.signal));
    while (org.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    assert.equal((await pending).kind, 'cancelled');
  });

  it('a create whose answer the deadline cut: reconciled, and when checking is out of time too, outcomeUnknown (never a blind retry)', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 10_000, operation: { deadlineMs: 200 } });
    org.script = (req) => (req.method === 'POST' ? { stall: true } : json([secret()]));
    const e = await rejection(c.createSecret(APP_ID, undefined, { listedBefore: [{ id: SECRET_ID }] }));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.match(e.message, /^The result of creating a client secret for app \S+ in 127\.0\.0\.1:\d+ is unknown/);
    assert.match(e.operation, /^Creating a client secret/);
    assert.equal(org.seen.filter((r) => r.method === 'POST').length, 1, 'sent once');
  });

  it('a delete whose answer the deadline cut may have reached Okta: it is checked, never assumed', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 10_000, operation: { deadlineMs: 200 } });
    org.script = () => ({ stall: true });
    const e = await rejection(c.deleteSecret(APP_ID, SECRET_ID));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.match(e.message, /time limit of 0\.2 s ran out .*, and checking what Okta did failed too/);
    assert.equal(org.seen.filter((r) => r.method === 'DELETE').length, 1);
  });

  it('a rate-limit wait counts against the deadline, and the error at the deadline says it waited', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 10_000, maxRateLimitWaitMs: 60_000, operation: { deadlineMs: 1200 } });
    org.script = (_req, n) => (n === 1 ? rateLimited(0) : { stall: true });
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'timeout');
    assert.match(
      e.message,
      /ran out \(after [\d.]+ s: 1 answer, 1 rate-limit wait \([\d.]+ s\)\)\. Okta was too slow to answer/,
    );
  });

  it('an answer slow to come is said as a wait for the answer, then cleared', async () => {
    const { org, client } = world();
    const reasons: Array<[string, number]> = [];
    const { client: c } = client({ timeoutMs: 1000, onWait: (reason, ms) => reasons.push([reason, ms]) });
    org.script = () => ({ ...json([secret()]), delayMs: 600 });
    assert.equal((await c.listSecrets(APP_ID)).length, 1);
    assert.deepEqual(
      reasons.map(([r, ms]) => [r, ms > 0]),
      [
        ['answer', true],
        ['answer', false],
      ],
    );
  });
});

describe('hostile org: one memory budget per operation', function () {
  this.timeout(10_000);
  const world = hostileWorld();
  const page = (n: number, count: number) => Array.from({ length: count }, (_, i) => nthApp(n * 1000 + i));

  it('pages just under the answer cap, without end: stopped by the bytes the operation has read', async () => {
    const { org, client } = world();
    const { client: c } = client({ maxBodyBytes: 64 * 1024, operation: { maxBytes: 256 * 1024, deadlineMs: 5000 } });
    org.script = (_req, n) => json(page(n, 900), 200, [nextPage(org, n)]);
    const e = await rejection(c.listApps());
    assert.equal(e.kind, 'protocol');
    assertClear(e, org, /^Listing apps/);
    assert.match(e.message, /more than 256 KiB, the most one operation reads/);
    assert.ok(org.seen.length <= 5, `${org.seen.length} pages`);
  });

  it('one page of 15 000 small apps: refused by the item budget before it is parsed, never spread as arguments', async () => {
    const { org, client } = world();
    const { client: c } = client({ operation: { maxItems: 10_000 } });
    const body = JSON.stringify(Array.from({ length: 15_000 }, (_, i) => nthApp(i)));
    org.script = () => json(body);
    const e = await rejection(c.listApps());
    assert.equal(e.kind, 'protocol');
    assert.match(
      e.message,
      /more than 10000 items, the most one operation reads \(after [\d.]+ s: 1 answer \(1 page, 15000 items\)\)/,
    );
  });

  it('items across pages: the operation stops on the page that passes its budget', async () => {
    const { org, client } = world();
    const { client: c } = client({ operation: { maxItems: 100 } });
    org.script = (_req, n) => json(page(n, 40), 200, [nextPage(org, n)]);
    const e = await rejection(c.listApps());
    assert.match(
      e.message,
      /more than 100 items, the most one operation reads \(after [\d.]+ s: 3 answers \(3 pages, 120 items\)\)/,
    );
    assert.equal(org.seen.length, 3);
  });

  it("bytes across a tree load's lists (by name, then by search): one budget for both", async () => {
    const { org, client } = world();
    const { client: c } = client({ maxBodyBytes: 64 * 1024 });
    org.script = () => json(page(1, 1000));
    const load = new OperationBudget({ maxBytes: 100 * 1024 });
    try {
      const e = await rejection(c.findWorkflowsApp({}, load.signal));
      assert.match(e.message, /more than 100 KiB/);
      assert.equal(org.seen.length, 2);
    } finally {
      load.dispose();
    }
  });

  it('discovery over many pages keeps only what looks like the Workflows app, and finds it on the last page', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = (_req, n) => (n < 5 ? json(page(n, 50), 200, [nextPage(org, n)]) : json([workflowsApp()]));
    const app = await c.findWorkflowsApp();
    assert.equal(app.id, APP_ID);
    assert.equal(org.seen.length, 5);
  });

  it('a list of 15 000 secrets: refused by the item budget, not judged pair by pair', async () => {
    const { org, client } = world();
    const { client: c } = client({ operation: { maxItems: 10_000 } });
    const many = Array.from({ length: 15_000 }, (_, i) =>
      secret({ id: `ocs${String(i).padStart(17, '0')}`, client_secret: undefined }),
    );
    org.script = () => json(many);
    const e = await rejection(c.listSecrets(APP_ID));
    assert.match(e.message, /more than 10000 items/);
  });
});
