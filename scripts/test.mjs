// `npm test`: every stage CI runs, in order, then one closing line with the totals. A stage that fails, or a
// suite that ran no test at all, fails the whole run: an empty suite is a defect, not a pass.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The Debian packages the stages need (squid for the unit suite; Chromium and code-server's build tools for e2e),
// installed first when missing: the same installer as `npm run demo` and `npm run e2e:setup`.
const e2e = process.env.SKIP_E2E !== '1' && existsSync('test/e2e');
const packages = spawnSync('bash', [join(import.meta.dirname, 'debian-packages.sh'), ...(e2e ? [] : ['unit'])], {
  stdio: 'inherit',
});
if (packages.status !== 0) process.exit(packages.status ?? 1);

// The unit suite serves orgs over TLS as Okta does, on port 443 of loopback addresses, behind squid (CONTRIBUTING.md,
// "Tests over TLS and a proxy"). When this user cannot listen there, say so once, with what to do, before any stage
// runs: otherwise every test on that path fails with it.
async function port443Problem() {
  const address = `127.${1 + Math.floor(Math.random() * 254)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  const error = await new Promise((resolve) => {
    const server = createServer();
    server.once('error', resolve);
    server.listen(443, address, () => server.close(() => resolve(undefined)));
  });
  if (error?.code !== 'EACCES') return undefined; // a port in use elsewhere is no reason to stop
  return [
    `This user cannot listen on port 443 (tried ${address}:443), which the orgs of the unit suite need. Either:`,
    '  - lower the privileged port range once, then run npm test again:',
    '      sudo sysctl -w net.ipv4.ip_unprivileged_port_start=443',
    '  - or run the unit suite in a user and network namespace of your own (you are root there, only loopback exists):',
    "      unshare -rn sh -c 'ip link set lo up && npm run test:unit'",
    'CI runs as root and needs neither (CONTRIBUTING.md, "Tests over TLS and a proxy").',
  ].join('\n');
}

const problem = await port443Problem();
if (problem) {
  console.log(`\n=== npm test cannot run here as it is:\n${problem}\n`);
  process.exit(1);
}

// Each stage has a ceiling (minutes) far above its usual time: a hung test (a server left open by a failed hook
// keeps mocha alive) then fails the run, naming the stage, instead of holding CI until its own limit.
const stages = [
  { name: 'typecheck', script: 'typecheck', minutes: 5 },
  { name: 'lint', script: 'lint', minutes: 10 },
  { name: 'unit', script: 'test:unit', counts: true, minutes: 25 },
];
if (e2e) stages.push({ name: 'e2e', script: 'test:e2e', counts: true, minutes: 50 });

const statsFile = join(mkdtempSync(join(tmpdir(), 'owsr-test-')), 'stats.jsonl');

/** Runs an npm script in its own process group, killed whole when it outlives its ceiling. Resolves to its status. */
function runStage(stage) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', stage.script], {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, TEST_STATS_FILE: statsFile, TEST_STAGE: stage.name },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`=== ${stage.name}: still running after ${stage.minutes} min, stopped (a test hangs?)`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch (e) {
        console.log(`=== ${stage.name}: could not stop it: ${e.message}`);
      }
    }, stage.minutes * 60_000);
    // Ctrl-C stops the stage's whole group too (it runs detached, so the terminal's signal does not reach it).
    const onInterrupt = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        process.exit(130);
      }
    };
    process.once('SIGINT', onInterrupt);
    child.on('exit', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', onInterrupt);
      resolve(timedOut ? 124 : (code ?? 1));
    });
  });
}

const failedStages = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} (npm run ${stage.script})`);
  const started = Date.now();
  const status = await runStage(stage);
  console.log(
    `=== ${stage.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (status !== 0) failedStages.push(stage.name);
}

const lines = existsSync(statsFile) ? readFileSync(statsFile, 'utf8').trim().split('\n').filter(Boolean) : [];
rmSync(dirname(statsFile), { recursive: true, force: true });
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
