// One cold run of the activation benchmark, in its own process: load <dist>/extension.js and run activate() against
// a minimal stand-in for the `vscode` module (the one place a stand-in is fine: no VS Code runs here). argv: the dist
// folder (default ../dist). Prints {ms, loadMs, maxRssKiB, loadedByActivation, lazyMs}: what activation loaded besides
// extension.js (it must be nothing), then what loading each part costs when first needed, in the build's order
// (dist/bundles.json; an older build without it: none).
/* global __dirname */
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { installStandIn } = require('../test/support/vscodeStandIn.cjs');

const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
const { context } = installStandIn();
const started = performance.now();
const extension = require(path.join(dist, 'extension.js'));
const loaded = performance.now();
extension.activate(context);
const ms = performance.now() - started;
const manifest = path.join(dist, 'bundles.json');
const parts = existsSync(manifest)
  ? JSON.parse(readFileSync(manifest, 'utf8'))
      .files.filter((f) => f.loadedBy !== 'activation' && f.loadedBy !== 'its page')
      .map((f) => path.basename(f.file))
  : [];
const loadedByActivation = Object.keys(require.cache)
  .filter((f) => f.startsWith(dist + path.sep) && f !== path.join(dist, 'extension.js'))
  .map((f) => path.relative(dist, f));
const lazyMs = {};
for (const f of parts) {
  const t = performance.now();
  require(path.join(dist, f));
  lazyMs[f] = performance.now() - t;
}
process.stdout.write(
  JSON.stringify({
    ms,
    loadMs: loaded - started,
    maxRssKiB: process.resourceUsage().maxRSS,
    loadedByActivation,
    lazyMs,
  }) + '\n',
);
for (const d of context.subscriptions)
  try {
    d.dispose?.();
  } catch {
    /* the stand-in is partial */
  }
process.exit(0);
