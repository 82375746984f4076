// `npm test`: every stage CI runs, in order, then one closing line with the totals. A stage that fails, or a
// suite that ran no test at all, fails the whole run: an empty suite is a defect, not a pass.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stages = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit', script: 'test:unit', counts: true },
];
if (process.env.SKIP_E2E !== '1' && existsSync('test/e2e'))
  stages.push({ name: 'e2e', script: 'test:e2e', counts: true });

const statsFile = join(mkdtempSync(join(tmpdir(), 'owsr-test-')), 'stats.jsonl');
const failedStages = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} (npm run ${stage.script})`);
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', stage.script], {
    stdio: 'inherit',
    env: { ...process.env, TEST_STATS_FILE: statsFile, TEST_STAGE: stage.name },
  });
  console.log(
    `=== ${stage.name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) failedStages.push(stage.name);
}

const lines = existsSync(statsFile) ? readFileSync(statsFile, 'utf8').trim().split('\n').filter(Boolean) : [];
const runs = lines.map((l) => JSON.parse(l));
let passes = 0;
let failures = 0;
let pending = 0;
for (const run of runs) {
  passes += run.passes;
  failures += run.failures;
  pending += run.pending;
}
for (const stage of stages.filter((s) => s.counts)) {
  const ran = runs.filter((r) => r.suite === stage.name).reduce((n, r) => n + r.passes + r.failures, 0);
  if (ran === 0 && !failedStages.includes(stage.name)) failedStages.push(`${stage.name} (ran no test)`);
}
if (failedStages.length > 0) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
if (pending > 0) console.log(`${pending} test(s) skipped: a skipped test is a defect here.`);
console.log(`\ntests: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failedStages.length > 0 || failures > 0 || pending > 0 ? 1 : 0);
