// `npm run bench`: every figure measured side by side in this one run, median of several runs, printed as ONE
// Markdown table (for docs/benchmarks.md). Not a test: it asserts nothing about time. Loopback only, bounded loops.
//   BENCH_RUNS=5 (client cost, activation)   BENCH_ORG_RUNS=3 (fleet, campaign, rotation)
//   `npm run bench -- --fleet-memory`: only the extension host's 200-org rows (builds dist/ first), about a minute;
//   `-- --extension`: only the bundle sizes and activation, beside version 0.1; `-- --rotation`: only the rotations;
//   `-- --fleet`: only the refreshes of many orgs; `-- --watch`: only the watch's look across 200 orgs and the
//   rotations.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { packageVersion } from '../scripts/package-version-plugin.mjs';
import { startSimulator } from '../src/simulator/index.ts';
import { campaignPhases, fleetMemory, fleetRefresh } from './fleet.ts';
import { rotationCalls } from './rotationCalls.ts';
import { extensionRows } from './extension.ts';
import { watchPoll } from './watch.ts';

const run = promisify(execFile);
const loadAtStart = loadavg()[0] ?? 0;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ORG_RUNS = Number(process.env.BENCH_ORG_RUNS ?? 3);
const CALLS = 200;
const OKTA_BUNDLE = `${tmpdir()}/okta-workflows-bench/okta.cjs`;
const here = new URL('.', import.meta.url).pathname;
const root = new URL('..', import.meta.url).pathname;

// The concurrency setting as the manifest declares it, so the fleet labels cannot go stale.
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
    plugins: [packageVersion],
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

const helpers = {
  runs: ORG_RUNS,
  median,
  ms,
  mib,
  ratio,
  log,
  defaultConcurrency: CONCURRENCY.default,
  root,
};
if (process.argv.includes('--rotation')) {
  await rotationCalls(helpers, rows);
} else if (process.argv.includes('--fleet')) {
  await fleetRefresh(helpers, rows);
} else if (process.argv.includes('--extension')) {
  await extensionRows({ ...helpers, runs: RUNS }, rows);
} else if (process.argv.includes('--fleet-memory')) {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  await fleetMemory(helpers, rows);
} else if (process.argv.includes('--watch')) {
  await watchPoll(helpers, rows);
  await rotationCalls(helpers, rows);
} else {
  await clientCost();
  const knee = await fleetRefresh(helpers, rows);
  await campaignPhases(helpers, CONCURRENCY.default, rows);
  await watchPoll(helpers, rows);
  await rotationCalls(helpers, rows);
  await extensionRows({ ...helpers, runs: RUNS }, rows);
  await fleetMemory(helpers, rows);
  log(`the knee of maxConcurrentOrgs is at ${knee} (default ${CONCURRENCY.default}, maximum ${CONCURRENCY.max})`);
}

const cpu = cpus();
const lines = [
  `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}, load average ${loadAtStart.toFixed(1)} at the start. Median of ${RUNS} runs (client cost, extension) and ${ORG_RUNS} runs (fleet, campaign, watch, rotation).`,
  '',
  '| Area | Measure | Ours | Compared with | Ratio | Goal |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.ours} | ${r.other} | ${r.ratio} | ${r.goal} |`),
];
process.stdout.write(lines.join('\n') + '\n');
