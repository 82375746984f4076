// `npm run bench:hostile`: how long one operation can take, and how much memory it can use, against a hostile org
// with the DEFAULT settings (30 s per attempt, 65 s per rate-limit wait, 5 MiB per answer, and one operation's
// 180 s, 4 waits, 6 retries, 20 000 items, 16 MiB). Not a test: it asserts nothing, it prints one Markdown table.
// Every scenario runs at once, each operation in its own child process (its peak memory is its own); the hostile
// org (test/support/hostileServer.ts) runs here, on 127.0.0.1. About three minutes: the slowest scenarios end at the
// operation's deadline, as they should.
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ApiTokenAuth, OktaClient } from '../src/okta/client.ts';
import { isOktaError } from '../src/okta/errors.ts';
import { DEFAULT_OPERATION_LIMITS, OperationBudget } from '../src/okta/http/operationBudget.ts';
import { json, startHostileServer, type HostileServer, type RawAnswer } from '../test/support/hostileServer.ts';

const TOKEN = '00hostileBenchToken0123456789abcdefghijklm';
const APP_ID = '0oa1hostileAPPid0000';
const MiB = 1024 * 1024;

const app = (id: string, label: string) => ({ id, name: 'other', label });
const workflowsApp = {
  id: APP_ID,
  name: 'flow',
  label: 'Okta Workflows OAuth',
  signOnMode: 'OPENID_CONNECT',
  credentials: { oauthClient: { client_id: APP_ID, token_endpoint_auth_method: 'client_secret_basic' } },
};

/**
 * A page just under `bytes` of JSON: apps of about 2 KB each (an app's settings can be that large), so that a list
 * reaches the operation's byte budget before its item budget, and what it keeps is as large as it can be.
 */
function pageOf(bytes: number): string {
  const apps: unknown[] = [];
  let size = 2;
  for (let i = 0; size < bytes - 4096; i++) {
    const a = {
      ...app(`0oa${String(i).padStart(17, '0')}`, `App ${i}`),
      settings: { app: { notes: 'x'.repeat(2000) } },
    };
    size += JSON.stringify(a).length + 1;
    apps.push(a);
  }
  return JSON.stringify(apps);
}
const NEAR_CAP = pageOf(5 * MiB - 64 * 1024);

function rateLimited(inSeconds: number): RawAnswer {
  const now = Date.now();
  return json({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit', errorId: 'oaeBench' }, 429, [
    ['date', new Date(now).toUTCString()],
    ['x-rate-limit-limit', '20'],
    ['x-rate-limit-remaining', '0'],
    ['x-rate-limit-reset', String(Math.floor(now / 1000) + inSeconds)],
  ]);
}
const next = (org: HostileServer, n: number): readonly [string, string] => [
  'link',
  `<${org.base}/api/v1/apps?after=${n}&limit=200>; rel="next"`,
];

type Operation = 'listApps' | 'findWorkflowsApp' | 'treeLoad' | 'listSecrets' | 'createSecret';

interface Scenario {
  name: string;
  operation: Operation;
  script: (org: HostileServer) => (req: { method: string; path: string }, n: number) => RawAnswer;
}

const SCENARIOS: Scenario[] = [
  {
    name: '429, 429, then 200 with a next link, on every page (resets 60 s ahead)',
    operation: 'listApps',
    script: (org) => (_req, n) =>
      n % 3 === 0 ? json([app(`0oa${String(n).padStart(17, '0')}`, 'a')], 200, [next(org, n)]) : rateLimited(60),
  },
  {
    name: 'every answer 29 s late (just under the request timeout), a next link every time',
    operation: 'listApps',
    script: (org) => (_req, n) => ({
      ...json([app(`0oa${String(n).padStart(17, '0')}`, 'a')], 200, [next(org, n)]),
      delayMs: 29_000,
    }),
  },
  {
    name: 'a tree load (find the app, list its secrets), every answer 29 s late, 429s with 60-s resets between',
    operation: 'treeLoad',
    script: () => (req, n) =>
      n % 2 === 0
        ? rateLimited(60)
        : { ...(req.path.includes('/credentials/secrets') ? json([]) : json([workflowsApp])), delayMs: 29_000 },
  },
  {
    name: 'a body trickled one byte a second',
    operation: 'listSecrets',
    script: () => () => ({ ...json([]), body: ' '.repeat(1000) + '[]', trickle: { bytes: 1, everyMs: 1000 } }),
  },
  {
    name: 'no answer at all (the connection stays open)',
    operation: 'listSecrets',
    script: () => () => ({ stall: true }),
  },
  { name: 'a 503 every time', operation: 'listSecrets', script: () => () => json({ errorCode: 'E0000009' }, 503) },
  {
    name: 'a create whose answer never comes (reconciled from the list)',
    operation: 'createSecret',
    script: () => (req) => (req.method === 'POST' ? { stall: true } : json([])),
  },
  {
    name: '100 pages just under the 5 MiB answer cap',
    operation: 'listApps',
    script: (org) => (_req, n) => ({
      status: 200,
      headers: [['content-type', 'application/json'], next(org, n)],
      body: NEAR_CAP,
    }),
  },
  {
    name: 'discovery over 100 pages just under the cap (keeps only candidates)',
    operation: 'findWorkflowsApp',
    script: (org) => (_req, n) => ({
      status: 200,
      headers: [['content-type', 'application/json'], next(org, n)],
      body: NEAR_CAP,
    }),
  },
  {
    name: 'one page of 110 000 small apps',
    operation: 'listApps',
    script: () => {
      const body = JSON.stringify(
        Array.from({ length: 110_000 }, (_, i) => ({ id: `0oa${String(i).padStart(17, '0')}` })),
      );
      return () => json(body);
    },
  },
  {
    name: 'an error body of 4.5 MB: a 4 MB errorSummary and 20 000 errorCauses',
    operation: 'listSecrets',
    script: () => {
      const body = JSON.stringify({
        errorCode: 'E0000007',
        errorSummary: 'S'.repeat(4 * MiB),
        errorCauses: Array.from({ length: 20_000 }, (_, i) => ({ errorSummary: `cause ${i}` })),
      });
      return () => json(body, 404);
    },
  },
];

// ---- the child: one operation, with default settings, measured from the inside ----

async function child(operation: Operation, base: string): Promise<void> {
  const client = new OktaClient({ baseUrl: base, auth: new ApiTokenAuth(TOKEN) });
  await client.getApp(APP_ID).catch(() => undefined); // warm-up: undici loaded, a connection open
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed + baseline.arrayBuffers;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  }, 2);
  const started = performance.now();
  let outcome: string;
  try {
    if (operation === 'listApps') await client.listApps();
    else if (operation === 'findWorkflowsApp') await client.findWorkflowsApp();
    else if (operation === 'listSecrets') await client.listSecrets(APP_ID);
    else if (operation === 'createSecret') await client.createSecret(APP_ID, undefined, { listedBefore: [] });
    else {
      // As the tree loads an org: one operation for both calls, with the setting's default deadline.
      const load = new OperationBudget();
      try {
        const found = await client.findWorkflowsApp({}, load.signal);
        await client.listSecrets(found.id, load.signal);
      } finally {
        load.dispose();
      }
    }
    outcome = 'succeeded';
  } catch (e) {
    outcome = isOktaError(e) ? `${e.kind}: ${e.message.slice(0, 160)}` : `${String(e).slice(0, 160)}`;
  }
  const ms = performance.now() - started;
  clearInterval(sample);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      ms,
      outcome,
      baselineRss: baseline.rss,
      peakRss: Math.max(peakRss, maxRss),
      heapOver: peakHeap - baseline.heapUsed - baseline.arrayBuffers,
    }),
  );
  await client.close();
  process.exit(0);
}

// ---- the parent: the hostile orgs, every scenario at once, one table ----

const fmtTime = (ms: number) =>
  ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
const fmtMiB = (b: number) => `${(b / MiB).toFixed(1)} MiB`;

async function parent(): Promise<void> {
  const run = promisify(execFile);
  const rows = await Promise.all(
    SCENARIOS.map(async (s) => {
      const org = await startHostileServer();
      const script = s.script(org);
      let warm = true;
      org.script = (req, n) => {
        if (warm) {
          warm = false;
          return json(workflowsApp);
        }
        return script(req, n - 1);
      };
      try {
        const { stdout } = await run(
          process.execPath,
          [new URL(import.meta.url).pathname, '--child', s.operation, org.base],
          {
            maxBuffer: 1024 * 1024,
            timeout: 15 * 60_000,
          },
        );
        const r = JSON.parse(stdout) as {
          ms: number;
          outcome: string;
          baselineRss: number;
          peakRss: number;
          heapOver: number;
        };
        return { s, r, requests: org.seen.length - 1 };
      } finally {
        await org.close();
      }
    }),
  );
  const d = DEFAULT_OPERATION_LIMITS;
  process.stdout.write(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}. ` +
      `Defaults: 30 s per attempt, 65 s per rate-limit wait, 5 MiB per answer, 100 pages; per operation ${d.deadlineMs / 1000} s, ${d.maxRateLimitWaits} waits, ${d.maxRetries} retries, ${d.maxItems} items, ${d.maxBytes / MiB} MiB.\n\n`,
  );
  process.stdout.write(
    '| Hostile org | Operation | Ends with | Time | Requests | Peak RSS (over baseline) | Peak heap + buffers over baseline |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|---|\n');
  for (const { s, r, requests } of rows) {
    const outcome = r.outcome.replace(/\|/g, '\\|').replace(/127\.0\.0\.1:\d+/g, 'the org');
    process.stdout.write(
      `| ${s.name} | ${s.operation} | ${outcome} | ${fmtTime(r.ms)} | ${requests} | ${fmtMiB(r.peakRss)} (+${fmtMiB(r.peakRss - r.baselineRss)}) | ${fmtMiB(r.heapOver)} |\n`,
    );
  }
  const longest = rows.reduce((a, b) => (b.r.ms > a.r.ms ? b : a));
  const hungriest = rows.reduce((a, b) => (b.r.peakRss - b.r.baselineRss > a.r.peakRss - a.r.baselineRss ? b : a));
  process.stdout.write(
    `\nLongest operation: ${fmtTime(longest.r.ms)} (${longest.s.name}). Most memory: +${fmtMiB(hungriest.r.peakRss - hungriest.r.baselineRss)} RSS over the baseline (${hungriest.s.name}).\n`,
  );
}

const OPERATIONS: readonly Operation[] = ['listApps', 'findWorkflowsApp', 'treeLoad', 'listSecrets', 'createSecret'];
const asked = OPERATIONS.find((o) => o === process.argv[3]);
if (process.argv[2] === '--child' && asked && process.argv[4]) await child(asked, process.argv[4]);
else await parent();
