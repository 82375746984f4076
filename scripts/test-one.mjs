// `npm run test:one -- <spec file> [more files] [mocha flags]`: runs only the given spec files, with the settings
// of their suite (a unit file as `npm run test:unit` runs it, an e2e file with the e2e setup and time limits).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const files = args.filter((a) => a.endsWith('.ts'));
if (files.length === 0) {
  console.error('Usage: npm run test:one -- <spec file> [more spec files] [mocha flags, e.g. --grep text]');
  process.exit(2);
}
const e2e = files.some((f) => f.endsWith('.e2e.ts'));
if (e2e && files.some((f) => !f.endsWith('.e2e.ts'))) {
  console.error('test:one: give unit files or e2e files, not both (they run with different settings).');
  process.exit(2);
}
const config = JSON.parse(readFileSync(e2e ? 'test/e2e/.mocharc.json' : '.mocharc.json', 'utf8'));
const flags = ['--no-config', '--extension', 'ts', '--timeout', String(config.timeout)];
for (const r of config.require ?? []) flags.push('--require', r);
if (config.slow) flags.push('--slow', String(config.slow));
if (e2e) {
  const setup = spawnSync('bash', ['scripts/e2e-setup.sh'], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}
const run = spawnSync('mocha', [...flags, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
