// One run of the fleet-memory benchmark, in its own process: the extension as it ships (dist/extension.js, activated
// against the vscode stand-in) with N orgs of a simulator that runs in another process, its Orgs tree asked for its
// orgs as when the view opens (which loads every org, maxConcurrentOrgs at a time), until every org has loaded.
// argv: a JSON file {"orgs": [...]} as the simulator's --json line. Prints one JSON line:
// {ms, loaded, failed, baseRssKiB, maxRssKiB, heapUsedKiB}.
const { readFileSync } = require('node:fs');
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
const { context, treeProviders } = installStandIn({ settings, secrets });
require('../dist/extension.js').activate(context);

async function main() {
  const tree = treeProviders[0];
  if (!tree) throw new Error('the extension registered no tree view');
  const baseRssKiB = process.resourceUsage().maxRSS;
  const started = performance.now();
  const roots = (await tree.getChildren()).filter((n) => n.kind === 'org');
  if (roots.length !== orgs.length) throw new Error(`the tree shows ${roots.length} orgs of ${orgs.length}`);
  let loaded = 0;
  let failed = 0;
  const deadline = Date.now() + 120_000;
  while (loaded + failed < roots.length) {
    if (Date.now() > deadline) throw new Error(`after 120 s, ${loaded + failed} of ${roots.length} orgs had loaded`);
    await new Promise((r) => setTimeout(r, 50));
    const kinds = await Promise.all(roots.map(async (r) => (await tree.getChildren(r))[0]?.kind));
    loaded = kinds.filter((k) => k === 'app').length;
    failed = kinds.filter((k) => k === 'message').length;
  }
  const ms = performance.now() - started;
  process.stdout.write(
    JSON.stringify({
      ms,
      loaded,
      failed,
      baseRssKiB,
      maxRssKiB: process.resourceUsage().maxRSS,
      heapUsedKiB: Math.round(process.memoryUsage().heapUsed / 1024),
    }) + '\n',
  );
  process.exit(0);
}
main().catch((e) => {
  process.stderr.write(`fleetMemory: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
