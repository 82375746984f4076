// Refreshing fifty orgs while a rotation runs in one of them: the tree's loading pattern (find the Workflows
// app, list its secrets) through the tree's own bounded loop (src/fleet/boundedConcurrency.ts, which imports
// nothing from vscode), three rounds over fifty simulated orgs, at most four at once. The rotation completes
// correctly, every refresh succeeds, and no org sees a 429 at its bucket of 100 calls a minute.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { OrgSeed, Simulator } from '../../../src/simulator/index.ts';
import { forEachBounded } from '../../../src/fleet/boundedConcurrency.ts';
import { TestClock } from '../rotation/world.ts';
import { driveThrough } from '../faults/driveThrough.ts';
import { assertConsistent } from '../faults/invariants.ts';
import type { RequestLogEntry } from '../../../src/simulator/index.ts';

const ORGS = 50;
const ROUNDS = 3;
const LIMIT = 4;

describe('refreshing fifty orgs while a rotation runs', function () {
  this.timeout(60_000);
  let sim: Simulator | undefined;
  const clients: OktaClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim?.close();
  });

  it(`${ROUNDS} rounds over ${ORGS} orgs, ${LIMIT} at a time: all load, the rotation completes, no 429 anywhere`, async () => {
    const seeds: OrgSeed[] = Array.from({ length: ORGS }, (_, i) => ({
      name: `org-${String(i).padStart(2, '0')}`,
      environment: 'preview',
      decoyApps: 2,
    }));
    const served: RequestLogEntry[] = [];
    sim = await startSimulator({ orgs: seeds, rateLimitPerMinute: 100, onRequest: (e) => served.push(e) });
    const s = sim;
    const orgs = seeds.map((seed) => s.org(seed.name));
    const before = new Map(orgs.map((o) => [o.info.name, JSON.stringify(o.secrets())]));
    const clientOf = new Map(
      orgs.map((o) => {
        const c = new OktaClient({
          baseUrl: o.info.baseUrl,
          auth: new ApiTokenAuth(o.info.apiToken),
          retryBaseDelayMs: 1,
        });
        clients.push(c);
        return [o.info.name, c];
      }),
    );

    const rotating = orgs[0]!;
    const rotatingClient = clientOf.get(rotating.info.name)!;
    const secrets = new MemoryPendingSecretStore();
    const journals = new MemoryJournalStore();
    const deps = {
      okta: rotatingClient,
      journals,
      previewHistory: () => journals.list(),
      deactivationWatchMinutes: 0,
      secrets,
      clock: new TestClock(),
    };
    const app = await rotatingClient.findWorkflowsApp({ appId: rotating.info.workflowsAppId });
    const engine = await RotationEngine.start(
      { org: { host: rotatingClient.org, baseUrl: rotating.info.baseUrl }, environment: 'preview', app },
      deps,
    );
    const originalIds = rotating.secrets().map((x) => x.id);

    let inFlight = 0;
    let maxInFlight = 0;
    let loads = 0;
    const failures: string[] = [];
    const rotatingCounts = new Set<number>();
    const refresh = async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await forEachBounded(
          orgs,
          LIMIT,
          async (o) => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
              const c = clientOf.get(o.info.name)!;
              const found = await c.findWorkflowsApp();
              const listed = await c.listSecrets(found.id);
              if (o === rotating) rotatingCounts.add(listed.length);
              loads++;
            } catch (e) {
              failures.push(`${o.info.name}: ${e instanceof Error ? e.message : String(e)}`);
            } finally {
              inFlight--;
            }
          },
          (o, e) => failures.push(`${o.info.name} (outside the load): ${String(e)}`),
        );
        // Let the rotation move on between rounds, so refreshes see it at different steps.
        await new Promise((r) => setImmediate(r));
      }
    };

    const [rotation] = await Promise.all([driveThrough(engine, { maxFailures: 0 }), refresh()]);
    assert.deepEqual(failures, []);
    assert.equal(loads, ORGS * ROUNDS);
    assert.ok(maxInFlight <= LIMIT && maxInFlight > 1, `at most ${LIMIT} at once (${maxInFlight})`);
    assert.equal(rotation.snapshot.outcome, 'completed');
    assert.ok(
      [...rotatingCounts].every((n) => n === 1 || n === 2),
      'refreshes of the rotating org see one or two secrets, never an odd state',
    );
    assert.deepEqual(
      served.filter((e) => e.status === 429),
      [],
      'no 429 in any org',
    );
    for (const o of orgs.slice(1))
      assert.equal(JSON.stringify(o.secrets()), before.get(o.info.name), `${o.info.name} untouched`);
    await assertConsistent({
      org: rotating,
      served: served.filter((e) => e.org === rotating.info.name),
      journal: rotation.engine.journal(),
      secrets,
      originalIds,
      label: 'rotating org',
    });
    // Every org had its own bucket: the busiest one stayed under 100 calls.
    const perOrg = new Map<string, number>();
    for (const e of served) if (e.url.startsWith('/api/v1/apps')) perOrg.set(e.org, (perOrg.get(e.org) ?? 0) + 1);
    assert.ok(Math.max(...perOrg.values()) < 100, JSON.stringify(Math.max(...perOrg.values())));
  });
});
