// One cold run of the activation benchmark, in its own process: load dist/extension.js and run activate()
// against a minimal stand-in for the `vscode` module (the one place a stand-in is fine: no VS Code runs here).
// Prints {ms, loadMs, maxRssKiB, loadedByActivation, lazyMs}. Any API the stand-in lacks answers with an inert callable proxy.
/* global __dirname */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { installStandIn } = require('./vscodeStandIn.cjs');

const { context } = installStandIn();
const started = performance.now();
const extension = require('../dist/extension.js');
const loaded = performance.now();
extension.activate(context);
const ms = performance.now() - started;
// What activation left unloaded (it must load neither), then what loading each costs when first needed: undici on
// the first request to an org, the simulator on Start Practice Orgs, the YAML reader on Import Orgs from okta.yaml.
const lazyFiles = ['undici-pool.js', 'simulator.js', 'okta-yaml.js'];
const loadedByActivation = lazyFiles.filter(
  (f) => require.cache[path.resolve(__dirname, '..', 'dist', f)] !== undefined,
);
const lazyMs = {};
for (const f of lazyFiles) {
  const t = performance.now();
  require(`../dist/${f}`);
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
