// `npm run bench`: every figure measured side by side in this one run, median of several runs, printed as ONE
// Markdown table (for the README). Not a test: it asserts nothing about time. Loopback only, bounded loops.
//   BENCH_RUNS=5 (client cost, activation)   BENCH_ORG_RUNS=3 (many orgs, rotation)
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { OktaClient } from '../src/okta/client.ts';
import { ApiTokenAuth } from '../src/okta/auth.ts';
import { startSimulator, type OrgSeed } from '../src/simulator/index.ts';
import { forEachBounded } from '../src/fleet/boundedConcurrency.ts';
import { callsOf, drive, startWorld } from '../test/unit/rotation/world.ts';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ORG_RUNS = Number(process.env.BENCH_ORG_RUNS ?? 3);
const CALLS = 200;
const OKTA_BUNDLE = `${tmpdir()}/okta-workflows-bench/okta.cjs`;
const here = new URL('.', import.meta.url).pathname;
const root = new URL('..', import.meta.url).pathname;

// The tree's concurrency setting as the manifest declares it, so the "Many orgs" labels cannot go stale.
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: number; maximum?: number }> } };
};
const concurrency = manifest.contributes.configuration.properties['oktaWorkflows.maxConcurrentOrgs'];
if (concurrency?.default === undefined || concurrency.maximum === undefined)
  throw new Error('package.json: oktaWorkflows.maxConcurrentOrgs has no default or maximum');
const CONCURRENCY = { default: concurrency.default, max: concurrency.maximum };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

interface Row {
  area: string;
  measure: string;
  ours: string;
  other: string;
  ratio: string;
  goal: string;
}
const rows: Row[] = [];

// ---- client cost: ours vs @okta/okta-sdk-nodejs, cold child processes, interleaved ----
async function clientCost(): Promise<void> {
  log('bundling the Okta layer as the extension ships it');
  await esbuild.build({
    entryPoints: [`${root}src/okta/client.ts`],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    minify: true,
    outfile: OKTA_BUNDLE,
    logLevel: 'warning',
  });
  const sim = await startSimulator({
    orgs: [{ name: 'bench', environment: 'preview', decoyApps: 0, serviceApp: false }],
    rateLimitPerMinute: 1_000_000,
  });
  const org = sim.org('bench');
  const results: Record<'ours' | 'sdk', Array<{ ms: number; maxRssKiB: number }>> = { ours: [], sdk: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const which of ['ours', 'sdk'] as const) {
        const { stdout } = await run(
          process.execPath,
          [`${here}clientCost.mjs`, which, org.info.baseUrl, org.info.apiToken, org.info.workflowsAppId, String(CALLS)],
          { cwd: root, env: { ...process.env, OKTA_BUNDLE } },
        );
        results[which].push(JSON.parse(stdout) as { ms: number; maxRssKiB: number });
      }
      log(`client cost run ${i + 1}/${RUNS}`);
    }
  } finally {
    await sim.close();
  }
  const t = (w: 'ours' | 'sdk') => median(results[w].map((r) => r.ms));
  const m = (w: 'ours' | 'sdk') => median(results[w].map((r) => r.maxRssKiB));
  rows.push({
    area: 'Client cost',
    measure: `cold import + ${CALLS} list-secrets calls: wall time`,
    ours: ms(t('ours')),
    other: `${ms(t('sdk'))} (okta-sdk-nodejs)`,
    ratio: ratio(t('ours'), t('sdk')),
    goal: '≤ 0.5×',
  });
  rows.push({
    area: 'Client cost',
    measure: 'same: peak memory (maxRSS)',
    ours: mib(m('ours')),
    other: `${mib(m('sdk'))} (okta-sdk-nodejs)`,
    ratio: ratio(m('ours'), m('sdk')),
    goal: '≤ 0.5×',
  });
}

// ---- many orgs: the tree's refresh (find the Workflows app + list its secrets), bounded vs one after another ----
async function manyOrgs(): Promise<void> {
  for (const n of [1, 10, 50]) {
    const seeds: OrgSeed[] = Array.from({ length: n }, (_, i) => ({
      name: `org-${i}`,
      environment: 'preview',
      serviceApp: false,
    }));
    const sim = await startSimulator({ orgs: seeds, latencyMs: 150, rateLimitPerMinute: 100 });
    const limits = [...new Set([CONCURRENCY.default, CONCURRENCY.max])];
    const times = new Map<number, number[]>([...limits, 1].map((l) => [l, []]));
    let tooMany = 0;
    try {
      for (let r = 0; r < ORG_RUNS; r++) {
        for (const limit of [...limits, 1]) {
          // Fresh clients each run (a refresh after start-up); every org's bucket is reset so runs are alike.
          for (const o of sim.orgs) sim.org(o.name).setRateLimit(100);
          const clients = sim.orgs.map(
            (o) =>
              new OktaClient({
                baseUrl: o.baseUrl,
                auth: new ApiTokenAuth(o.apiToken),
                onApiCall: (c) => void (c.status === 429 && tooMany++),
              }),
          );
          const started = performance.now();
          await forEachBounded(
            clients,
            limit,
            async (client) => {
              const app = await client.findWorkflowsApp();
              await client.listSecrets(app.id);
            },
            (_client, e) => {
              throw e; // a failed load would make the figure meaningless
            },
          );
          times.get(limit)!.push(performance.now() - started);
          await Promise.all(clients.map((c) => c.close()));
        }
      }
    } finally {
      await sim.close();
    }
    const seq = median(times.get(1)!);
    for (const limit of limits) {
      const t = median(times.get(limit)!);
      const which = [limit === CONCURRENCY.default ? 'default' : '', limit === CONCURRENCY.max ? 'max setting' : '']
        .filter(Boolean)
        .join(', ');
      rows.push({
        area: 'Many orgs',
        measure: `tree refresh, ${n} org${n > 1 ? 's' : ''} at 150 ms latency, ${limit} at a time (${which})`,
        ours: ms(t),
        other: `${ms(seq)} (one after another)`,
        ratio: ratio(t, seq),
        goal: n === 50 ? 'well under 2 s' : '',
      });
    }
    rows.push({
      area: 'Many orgs',
      measure: `429 answers during the ${n}-org refreshes (100/min bucket)`,
      ours: String(tooMany),
      other: '',
      ratio: '',
      goal: '0',
    });
    log(`many orgs: ${n} done`);
  }
}

// ---- rotation: a full rotation, manual steps confirmed at once, 100 ms latency ----
async function rotation(): Promise<void> {
  const times: number[] = [];
  let calls = { api: 0, token: 0 };
  for (let r = 0; r < ORG_RUNS; r++) {
    const world = await startWorld({ serviceApp: false });
    try {
      world.org.faults.latencyMs = 100;
      const started = performance.now();
      const engine = await world.start();
      const { snapshot } = await drive(engine, { mode: 'newConnection' });
      times.push(performance.now() - started);
      if (snapshot.outcome !== 'completed') throw new Error(`rotation ended ${snapshot.outcome}`);
      const c = callsOf(world.org);
      calls = { api: c.api, token: c.token };
    } finally {
      await world.close();
    }
  }
  rows.push({
    area: 'Rotation',
    measure: 'full rotation at 100 ms latency (manual steps confirmed at once)',
    ours: `${ms(median(times))}, ${calls.api} API + ${calls.token} token calls`,
    other: '',
    ratio: '',
    goal: '',
  });
  log('rotation done');
}

// ---- extension: bundle sizes and activation in fresh processes ----
interface Activation {
  ms: number;
  maxRssKiB: number;
  loadedByActivation: string[];
  lazyMs: Record<string, number>;
}
async function extension(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const kib = (file: string) => statSync(`${root}dist/${file}`).size / 1024;
  const lazy = ['undici-pool.js', 'simulator.js'];
  const results: Activation[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await run(process.execPath, [`${here}activation.cjs`], { cwd: root });
    results.push(JSON.parse(stdout) as Activation);
  }
  const early = [...new Set(results.flatMap((r) => r.loadedByActivation))];
  const total = ['extension.js', ...lazy].reduce((n, f) => n + kib(f), 0);
  rows.push({
    area: 'Extension',
    measure: 'bundle size (dist/extension.js, minified): what activation loads',
    ours: `${kib('extension.js').toFixed(0)} KiB`,
    other: '',
    ratio: '',
    goal: '< 400 KB',
  });
  rows.push({
    area: 'Extension',
    measure: 'loaded on demand: dist/undici-pool.js (first request), dist/simulator.js (Start Practice Orgs)',
    ours: lazy.map((f) => `${kib(f).toFixed(0)} KiB`).join(' + '),
    other: `total dist ${total.toFixed(0)} KiB`,
    ratio: '',
    goal: '',
  });
  rows.push({
    area: 'Extension',
    measure: 'load the bundle + activate() (vscode stand-in), fresh process',
    ours: ms(median(results.map((r) => r.ms))),
    other: early.length ? `activation loaded ${early.join(', ')}!` : 'loads neither on-demand file',
    ratio: '',
    goal: '< 30 ms',
  });
  rows.push({
    area: 'Extension',
    measure: 'later, loading each on-demand file once',
    ours: lazy.map((f) => `${ms(median(results.map((r) => r.lazyMs[f] ?? NaN)))} (${f})`).join(', '),
    other: '',
    ratio: '',
    goal: '',
  });
  log('extension done');
}

await clientCost();
await manyOrgs();
await rotation();
await extension();

const cpu = cpus();
const lines = [
  `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}. Median of ${RUNS} runs (client cost, extension) and ${ORG_RUNS} runs (many orgs, rotation).`,
  '',
  '| Area | Measure | Ours | Compared with | Ratio | Goal |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.ours} | ${r.other} | ${r.ratio} | ${r.goal} |`),
];
process.stdout.write(lines.join('\n') + '\n');
