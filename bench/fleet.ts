// The fleet rows of `npm run bench`: a refresh of 50 and 200 orgs (the first ever: nothing remembered, new
// connections; the first of a session: the app remembered from the last one, new connections; the app id in the
// org's setting and nothing remembered; a later Refresh: the app remembered, connections open), the concurrency that
// makes it fastest (the knee of maxConcurrentOrgs), the campaign's bulk phases over 50 orgs against one org after
// another, and the extension host's memory and tree with 200 orgs. The orgs are the simulator's CLI (`--orgs N
// --latency 150`) in its own process, as Okta is not in the extension host's; every figure is the median of several
// runs, and every 429 is counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ApiTokenAuth, OktaClient } from '../src/okta/client.ts';
import type { WorkflowsApp } from '../src/okta/schemas.ts';
import { forEachBounded } from '../src/fleet/boundedConcurrency.ts';
import { Campaign } from '../src/fleet/campaign/campaign.ts';
import type { Phase } from '../src/rotation/model/phases.ts';
import { refreshOrg } from '../src/fleet/orgRefresh.ts';
import type { SimulatedOrgInfo } from '../src/simulator/index.ts';
import { FileJournalStore } from '../src/rotation/fileJournalStore.ts';
import { connectFleet } from '../test/support/campaignWorld.ts';

export interface FleetRow {
  area: string;
  measure: string;
  ours: string;
  other: string;
  ratio: string;
  goal: string;
}

export interface Helpers {
  runs: number;
  median(xs: number[]): number;
  ms(x: number): string;
  mib(kib: number): string;
  ratio(a: number, b: number): string;
  log(s: string): void;
  defaultConcurrency: number;
  root: string;
}

/** The simulator CLI with a fleet of `n` orgs at 150 ms, in its own process; its orgs as its --json line says. */
export async function fleetSimulator(
  n: number,
  root: string,
): Promise<{ orgs: SimulatedOrgInfo[]; child: ChildProcess }> {
  const child = spawn(process.execPath, ['src/simulator/cli.ts', '--json', '--orgs', String(n), '--latency', '150'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rl = createInterface({ input: child.stdout! });
  const [line] = (await once(rl, 'line')) as [string];
  rl.close();
  return { orgs: (JSON.parse(line) as { orgs: SimulatedOrgInfo[] }).orgs, child };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** One refresh of every org, as the tree does it (`appIds`: each org's setting); returns its wall time. */
async function refreshAll(
  clients: OktaClient[],
  limit: number,
  remembered: Map<OktaClient, WorkflowsApp>,
  appIds: ReadonlyMap<OktaClient, string> = new Map(),
): Promise<number> {
  const started = performance.now();
  await forEachBounded(
    clients,
    limit,
    async (client) => {
      const { app } = await refreshOrg(client, { appId: appIds.get(client) }, remembered.get(client));
      remembered.set(client, app);
    },
    (_client, e) => {
      throw e; // a failed load would make the figure meaningless
    },
  );
  return performance.now() - started;
}

export async function fleetRefresh(h: Helpers, rows: FleetRow[]): Promise<number> {
  const { orgs, child } = await fleetSimulator(200, h.root);
  let tooMany = 0;
  const clientsFor = (n: number) =>
    orgs.slice(0, n).map(
      (o) =>
        new OktaClient({
          baseUrl: o.baseUrl,
          auth: new ApiTokenAuth(o.apiToken),
          onApiCall: (c) => void (c.status === 429 && tooMany++),
        }),
    );
  const all: OktaClient[] = [];
  let knee: number;
  try {
    // The knee: 200 orgs, warm, at growing concurrency; the smallest within 15% of the fastest.
    const limits = [16, 32, 64, 100, 128, 200];
    const sweep = new Map<number, number[]>(limits.map((l) => [l, []]));
    const warmClients = clientsFor(200);
    all.push(...warmClients);
    const remembered = new Map<OktaClient, WorkflowsApp>();
    await refreshAll(warmClients, 200, remembered);
    for (let r = 0; r < h.runs; r++)
      for (const limit of limits) sweep.get(limit)!.push(await refreshAll(warmClients, limit, remembered));
    const best = Math.min(...limits.map((l) => h.median(sweep.get(l)!)));
    knee = limits.find((l) => h.median(sweep.get(l)!) <= best * 1.15) ?? h.defaultConcurrency;
    for (const limit of limits) {
      const t = h.median(sweep.get(limit)!);
      rows.push({
        area: 'Fleet',
        measure: `refresh of 200 orgs (warm), ${limit} at a time${limit === h.defaultConcurrency ? ' (default)' : ''}${limit === knee ? ' ← the knee' : ''}`,
        ours: h.ms(t),
        other: '',
        ratio: h.ratio(t, best),
        goal: '',
      });
    }
    h.log(`fleet: knee at ${knee}`);
    for (const n of [50, 200]) {
      const times = { cold: [] as number[], session: [] as number[], byId: [] as number[], warm: [] as number[] };
      for (let r = 0; r < h.runs; r++) {
        const clients = clientsFor(n);
        all.push(...clients);
        const apps = new Map<OktaClient, WorkflowsApp>();
        times.cold.push(await refreshAll(clients, h.defaultConcurrency, apps));
        times.warm.push(await refreshAll(clients, h.defaultConcurrency, apps));
        // A new session: new clients (new connections), the apps as the last session remembered them.
        const next = clientsFor(n);
        all.push(...next);
        const remembered = new Map(next.map((c, i) => [c, apps.get(clients[i]!)!]));
        times.session.push(await refreshAll(next, h.defaultConcurrency, remembered));
        // The app id in each org's setting, nothing remembered, new connections.
        const pinned = clientsFor(n);
        all.push(...pinned);
        const ids = new Map(pinned.map((c, i) => [c, orgs[i]!.workflowsAppId]));
        times.byId.push(await refreshAll(pinned, h.defaultConcurrency, new Map(), ids));
      }
      for (const [which, t, goal] of [
        [
          'the first ever: nothing remembered, new connections; find the app, then list its secrets (2 round trips)',
          times.cold,
          '',
        ],
        [
          'the first of a session: the app remembered from the last one, new connections; list its secrets (1 call)',
          times.session,
          '≤ 0.5 s',
        ],
        [
          "the app id in the org's setting, nothing remembered, new connections: the app and its secrets at once (2 calls, 1 round trip)",
          times.byId,
          '',
        ],
        ['a later Refresh: the app remembered, connections open (1 call)', times.warm, ''],
      ] as const) {
        rows.push({
          area: 'Fleet',
          measure: `refresh of ${n} orgs at 150 ms latency, ${which}, default settings`,
          ours: h.ms(h.median(t)),
          other: '',
          ratio: '',
          goal: n === 200 ? goal : '',
        });
      }
    }
    rows.push({
      area: 'Fleet',
      measure: '429 answers during every refresh above (100/min buckets)',
      ours: String(tooMany),
      other: '',
      ratio: '',
      goal: '0',
    });
  } finally {
    await Promise.all(all.map((c) => c.close()));
    await stop(child);
  }
  return knee;
}

/** The person's part of every row, done at once: a new connection made, or a manual step confirmed (one per row). */
export async function confirmPersonSteps(campaign: Campaign): Promise<void> {
  for (const row of campaign.rows())
    for (const a of row.actions)
      if ((a.kind === 'connection' && a.mode === 'newConnection') || a.kind === 'confirm') {
        const out = await campaign.act(row.key, a);
        if (!out.ok) throw new Error(JSON.stringify(out));
        break;
      }
}

/** The three bulk phases of a campaign over 50 orgs, at `limit` orgs at a time; the wall time of each. */
async function campaignRun(
  orgs: SimulatedOrgInfo[],
  limit: number,
): Promise<Record<'create' | 'verify' | 'retire', number>> {
  // The extension's own journal store: the journal files, in a folder of the run's own.
  const journalDir = mkdtempSync(join(tmpdir(), 'bench-journals-'));
  const journals = new FileJournalStore(journalDir);
  // Every org as a preview org: the bench measures the phases, not the soak between a pair's two orgs.
  const fleet = connectFleet(
    orgs.map((o) => ({ ...o, environment: 'preview' as const })),
    { journals, paired: false },
  );
  try {
    const campaign = await Campaign.begin(fleet.deps({ maxConcurrentOrgs: limit }), fleet.orgs, 0);
    const timed = async (phase: Phase): Promise<number> => {
      const started = performance.now();
      const report = await campaign.run(phase);
      const failed = report.ends.filter((e) => !e.end.ok);
      if (failed.length > 0) throw new Error(`${phase}: ${JSON.stringify(failed[0])}`);
      return performance.now() - started;
    };
    const person = () => confirmPersonSteps(campaign);
    await timed('check');
    const create = await timed('create');
    await person();
    await person();
    const verify = await timed('verify');
    const retire = (await timed('deactivate')) + (await timed('watch')) + (await timed('delete'));
    await person();
    if (!campaign.finished) throw new Error('the campaign did not finish');
    return { create, verify, retire };
  } finally {
    await fleet.close();
    rmSync(journalDir, { recursive: true, force: true });
  }
}

export async function campaignPhases(h: Helpers, limit: number, rows: FleetRow[]): Promise<void> {
  const { orgs, child } = await fleetSimulator(50, h.root);
  const times = { parallel: [] as Array<Record<string, number>>, sequential: [] as Array<Record<string, number>> };
  try {
    for (let r = 0; r < h.runs; r++) {
      times.parallel.push(await campaignRun(orgs, limit));
      times.sequential.push(await campaignRun(orgs, 1));
      h.log(`campaign run ${r + 1}/${h.runs}`);
    }
  } finally {
    await stop(child);
  }
  const labels = {
    create: 'create the new secrets (1 call each)',
    verify: 'verify the new secrets (1 token-endpoint probe each)',
    retire: 'retire the old secrets (list and deactivate, one look of the watch, delete)',
  };
  for (const phase of ['create', 'verify', 'retire'] as const) {
    const ours = h.median(times.parallel.map((t) => t[phase]!));
    const seq = h.median(times.sequential.map((t) => t[phase]!));
    rows.push({
      area: 'Campaign',
      measure: `${labels[phase]}: 50 orgs at 150 ms latency, ${limit} at a time`,
      ours: h.ms(ours),
      other: `${h.ms(seq)} (one org after another)`,
      ratio: h.ratio(ours, seq),
      goal: '≤ 1.5 s',
    });
  }
}

/** The extension host's memory with 200 orgs loaded, in a fresh process (bench/fleetMemory.cjs): the first load
 * ever (nothing remembered), then a window reloaded (the apps and secrets its last session remembered). */
export async function fleetMemory(h: Helpers, rows: FleetRow[]): Promise<void> {
  const { orgs, child } = await fleetSimulator(200, h.root);
  const dir = mkdtempSync(join(tmpdir(), 'okta-workflows-bench-fleet-'));
  const file = join(dir, 'orgs.json');
  const remembered = join(dir, 'globalState.json');
  writeFileSync(file, JSON.stringify({ orgs }), { mode: 0o600 });
  type Result = { ms: number; baseRssKiB: number; maxRssKiB: number; heapUsedKiB: number; failed: number };
  const results: Record<'cold' | 'reload', Result[]> = { cold: [], reload: [] };
  const measure = async (...args: string[]): Promise<Result> => {
    const run = spawn(process.execPath, [`${h.root}bench/fleetMemory.cjs`, file, ...args], {
      cwd: h.root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const rl = createInterface({ input: run.stdout! });
    const [line] = (await once(rl, 'line')) as [string];
    rl.close();
    await once(run, 'exit');
    return JSON.parse(line) as Result;
  };
  try {
    for (let r = 0; r < h.runs; r++) {
      results.cold.push(await measure('', r === 0 ? remembered : ''));
      results.reload.push(await measure(remembered));
    }
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
  const all = [...results.cold, ...results.reload];
  if (all.some((r) => r.failed > 0)) throw new Error(`fleet memory: some orgs failed to load: ${JSON.stringify(all)}`);
  const med = (xs: Result[], f: (r: Result) => number) => h.median(xs.map(f));
  rows.push({
    area: 'Fleet',
    measure:
      'extension host with 200 orgs: the tree loads them all (dist/extension.js, vscode stand-in), peak memory (maxRSS)',
    ours: h.mib(med(results.cold, (r) => r.maxRssKiB)),
    other: `${h.mib(med(results.cold, (r) => r.baseRssKiB))} after activation; heap in use ${h.mib(med(results.cold, (r) => r.heapUsedKiB))}`,
    ratio: '',
    goal: 'reported',
  });
  rows.push({
    area: 'Fleet',
    measure:
      'same: time until every org shows its secrets as loaded in this session, the first load ever (nothing remembered: find each app, then list its secrets), default settings',
    ours: h.ms(med(results.cold, (r) => r.ms)),
    other: '',
    ratio: '',
    goal: '≤ 1 s',
  });
  rows.push({
    area: 'Fleet',
    measure:
      'same, a window reloaded: the apps and secrets its last session remembered shown at once, then each org listed (1 call)',
    ours: h.ms(med(results.reload, (r) => r.ms)),
    other: '',
    ratio: '',
    goal: '≤ 1 s',
  });
}
