// The one refresher of the orgs' state, against the simulator: bounded, one cache kept current (masked), changes
// gathered into few events, and a refresh that replaced another is never overwritten by the one it cancelled.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { isOktaError } from '../../../src/okta/errors.ts';
import { OperationBudget } from '../../../src/okta/http/operationBudget.ts';
import type { WorkflowsApp } from '../../../src/okta/schemas.ts';
import type { KnownOrg } from '../../../src/fleet/knownOrgs.ts';
import type { RefreshClient } from '../../../src/fleet/orgRefresh.ts';
import { OrgStateRefresher, type OrgStatus } from '../../../src/fleet/orgStateRefresher.ts';
import { startSimulator, type Simulator } from '../../../src/simulator/index.ts';

interface Org {
  key: string;
  name: string;
}

/** A cache in memory, as KnownOrgStore is without its globalState. */
class Cache {
  readonly orgs = new Map<string, KnownOrg>();
  app(key: string): WorkflowsApp | undefined {
    return this.orgs.get(key)?.app;
  }
  set(key: string, org: KnownOrg): void {
    this.orgs.set(key, org);
  }
}

describe('fleet: the one refresher of the orgs’ state', () => {
  const names = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];
  let sim: Simulator;
  const clients = new Map<string, OktaClient>();
  const orgs: Org[] = names.map((name) => ({ key: `${name}.okta.test`, name }));

  before(async () => {
    sim = await startSimulator({ orgs: names.map((name) => ({ name, environment: 'preview', serviceApp: false })) });
    for (const o of orgs) {
      const info = sim.org(o.name).info;
      clients.set(o.key, new OktaClient({ baseUrl: info.baseUrl, auth: new ApiTokenAuth(info.apiToken) }));
    }
  });
  after(async () => {
    await Promise.all([...clients.values()].map((c) => c.close()));
    await sim.close();
  });
  afterEach(() => {
    for (const o of orgs) sim.org(o.name).faults.latencyMs = 0;
  });

  /** A refresher over the simulator's orgs; `running` counts the lists in flight (the clients are the real ones). */
  function refresherOver(cache: Cache, concurrency = 100) {
    let running = 0;
    let most = 0;
    const failures: Array<[string, unknown]> = [];
    const events: Array<ReadonlySet<string>> = [];
    const counted = (client: OktaClient): RefreshClient => ({
      findWorkflowsApp: (q, signal) => client.findWorkflowsApp(q, signal),
      listSecrets: async (appId, signal) => {
        most = Math.max(most, ++running);
        try {
          return await client.listSecrets(appId, signal);
        } finally {
          running--;
        }
      },
    });
    const refresher = new OrgStateRefresher<Org>({
      client: async (org) => counted(clients.get(org.key)!),
      operation: (signal) => new OperationBudget({ signal }),
      known: cache,
      concurrency: () => concurrency,
      onFailure: (org, e) => failures.push([org.key, e]),
    });
    refresher.onDidChange((keys) => events.push(keys));
    return { refresher, failures, events, most: () => most };
  }

  it('refreshes every org, at most `concurrency` at once; the cache gets them masked, the status keeps the values', async () => {
    const cache = new Cache();
    const { refresher, failures, events, most } = refresherOver(cache, 2);
    const done = refresher.refresh(orgs);
    assert.ok(
      orgs.every((o) => refresher.status(o.key).state === 'refreshing'),
      'each org shows as refreshing at once',
    );
    await done;
    assert.deepEqual(failures, []);
    assert.equal(most(), 2);
    for (const o of orgs) {
      const status = refresher.status(o.key);
      assert.equal(status.state, 'refreshed');
      const value = sim.org(o.name).secrets()[0]!.clientSecret;
      assert.equal(status.state === 'refreshed' && status.secrets[0]?.client_secret, value);
      const known = cache.orgs.get(o.key)!;
      assert.equal(known.app.id, sim.org(o.name).info.workflowsAppId);
      assert.ok(!JSON.stringify(known).includes(value), 'the cache never holds a value');
    }
    await new Promise((r) => setTimeout(r, 50));
    const told = new Set(events.flatMap((e) => [...e]));
    assert.deepEqual([...told].sort(), orgs.map((o) => o.key).sort());
    assert.ok(events.length < orgs.length * 2, `${events.length} events for ${orgs.length} orgs, gathered`);
    refresher.dispose();
  });

  it('a refresh replaced by another (a network change, then Refresh) never overwrites the newer outcome', async () => {
    const cache = new Cache();
    const { refresher, failures, events } = refresherOver(cache);
    const [org] = orgs;
    sim.org(org!.name).faults.latencyMs = 150;
    const seen: OrgStatus['state'][] = [];
    refresher.onDidChange(() => seen.push(refresher.status(org!.key).state));
    const first = refresher.refresh([org!]);
    // The first is under way (its request sent) when the second begins and aborts it.
    await new Promise((r) => setTimeout(r, 40));
    const second = refresher.refresh([org!]);
    await Promise.all([first, second]);
    assert.equal(refresher.status(org!.key).state, 'refreshed');
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(!seen.includes('failed'), `never shown as failed: ${seen.join(', ')}`);
    assert.deepEqual(failures, [], 'the replaced refresh is no failure');
    assert.ok(events.length > 0);
    refresher.dispose();
  });

  it("the caller's cancel: the running refreshes end cancelled, and so do the ones it left unstarted", async () => {
    const { refresher, failures } = refresherOver(new Cache(), 2);
    for (const o of orgs) sim.org(o.name).faults.latencyMs = 300;
    const cancel = new AbortController();
    const done = refresher.refresh(orgs, cancel.signal);
    setTimeout(() => cancel.abort(), 50);
    await done;
    for (const o of orgs) {
      const status = refresher.status(o.key);
      assert.equal(status.state, 'failed', o.key);
      assert.ok(status.state === 'failed' && isOktaError(status.error, 'cancelled'), o.key);
    }
    assert.equal(failures.length, 2, 'the two that were running are reported; the others never started');
    refresher.dispose();
  });

  it('refreshed(): the org as refreshed in this session, or refreshed first; forget() takes it back to idle', async () => {
    const cache = new Cache();
    const { refresher } = refresherOver(cache);
    const [org] = orgs;
    const { app, secrets } = await refresher.refreshed(org!);
    assert.equal(app.id, sim.org(org!.name).info.workflowsAppId);
    sim.org(org!.name).clearRequests();
    const again = await refresher.refreshed(org!);
    assert.equal(again.secrets, secrets, 'no second list');
    assert.equal(sim.org(org!.name).requests.length, 0);

    // A refresh in flight when its org is forgotten (its credential changed) leaves no outcome behind.
    sim.org(org!.name).faults.latencyMs = 100;
    const pending = refresher.refresh([org!]);
    refresher.forget(org!.key);
    await pending;
    assert.equal(refresher.status(org!.key).state, 'idle');

    // With the app remembered, a refresh is one call.
    sim.org(org!.name).clearRequests();
    await refresher.refresh([org!]);
    assert.deepEqual(
      sim.org(org!.name).requests.map((r) => r.method),
      ['GET'],
    );
    refresher.dispose();
  });
});
