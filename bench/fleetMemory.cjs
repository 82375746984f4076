// One run of the fleet-memory benchmark, in its own process: the extension as it ships (dist/extension.js, activated
// against the vscode stand-in) with N orgs of a simulator that runs in another process, its Orgs view open (the
// stand-in renders it as VS Code does: at once, then after each change event, every expanded node fetched), which
// loads every org, maxConcurrentOrgs at a time, until a render shows every org loaded in this session.
// argv: a JSON file {"orgs": [...]} as the simulator's --json line; then, optionally, a file of globalState to begin
// with (what a window remembered: a reload), and one to write globalState to at the end. Prints one JSON line:
// {ms, loaded, failed, renders, baseRssKiB, maxRssKiB, heapUsedKiB}.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { installStandIn } = require('../test/support/vscodeStandIn.cjs');

const { orgs } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const settings = {
  orgs: orgs.map((o) => ({ label: o.name, domain: o.baseUrl, environment: o.environment })),
};
const secrets = Object.fromEntries(
  orgs.map((o) => [
    `oktaWorkflows.apiToken/${new URL(o.baseUrl).host}`,
    JSON.stringify({ type: 'apiToken', token: o.apiToken }),
  ]),
);
const [stateIn, stateOut] = process.argv.slice(3);
const state = stateIn && existsSync(stateIn) ? JSON.parse(readFileSync(stateIn, 'utf8')) : {};
const { context, treeViews } = installStandIn({ settings, secrets, state });
require('../dist/extension.js').activate(context);
const started = performance.now();
const baseRssKiB = process.resourceUsage().maxRSS;

async function main() {
  const view = treeViews[0];
  if (!view) throw new Error('the extension registered no tree view');
  let loaded = 0;
  let failed = 0;
  const deadline = Date.now() + 120_000;
  while (loaded + failed < orgs.length) {
    if (Date.now() > deadline) throw new Error(`after 120 s, ${loaded + failed} of ${orgs.length} orgs had loaded`);
    await new Promise((r) => setTimeout(r, 5));
    // Loaded in this session: not loading, not showing what was remembered ("5 min ago"), its app (or a failure) under it.
    const shown = (view.rendered ?? []).filter((r) => r.node.kind === 'org' && !r.node.loading && !r.node.asOf);
    loaded = shown.filter((r) => r.children[0]?.node.kind === 'app').length;
    failed = shown.filter((r) => r.children[0]?.node.kind === 'message').length;
  }
  const result = {
    ms: performance.now() - started,
    loaded,
    failed,
    renders: view.renders,
    baseRssKiB,
    maxRssKiB: process.resourceUsage().maxRSS,
    heapUsedKiB: Math.round(process.memoryUsage().heapUsed / 1024),
  };
  // What the window keeps for its next session (the known orgs' store writes on dispose).
  for (const d of context.subscriptions)
    try {
      d.dispose?.();
    } catch {
      /* the stand-in is partial */
    }
  await new Promise((r) => setTimeout(r, 100)); // globalState's writes are queued (SerialMemento)
  if (stateOut)
    writeFileSync(
      stateOut,
      JSON.stringify(Object.fromEntries(context.globalState.keys().map((k) => [k, context.globalState.get(k)]))),
      { mode: 0o600 },
    );
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}
main().catch((e) => {
  process.stderr.write(`fleetMemory: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
