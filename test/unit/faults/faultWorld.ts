// A rotation world (the World of ../rotation/world.ts, so drive(), pickAction() and friends work on it) built
// for fault tests: the simulator's clock is a number the client's injected sleep moves forward, so a 429 storm
// or a retry backoff never waits in real time; every answer the simulator gave (or dropped, or stalled) is
// logged; and clients can be made with other tokens and a short per-attempt timeout.
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import type { ApiCallLog, OktaClientOptions } from '../../../src/okta/client.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { RotationDeps } from '../../../src/rotation/engine.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { OrgSeed, RequestLogEntry } from '../../../src/simulator/index.ts';
import { TestClock } from '../rotation/world.ts';
import type { World } from '../rotation/world.ts';

export interface FaultWorld extends World {
  /** The simulator's clock (epoch ms); the client's sleep advances it instead of waiting. */
  simClock: { ms: number };
  /** Every request the simulator finished with: answered (status), dropped after commit, or stalled. */
  served: RequestLogEntry[];
  /** Every API call the clients made (ApiCallLog), in order. */
  apiCalls: ApiCallLog[];
  /** Milliseconds each client asked to wait (429 resets, retry backoffs). */
  waits: number[];
  /** Every error a client or the engine reported, for the leak audit. */
  errors: unknown[];
  /** A client of this org with another token or options, sharing the clock and logs. Closed with the world. */
  newClient(opts?: Partial<OktaClientOptions> & { token?: string }): OktaClient;
}

export interface FaultWorldOptions {
  client?: Partial<OktaClientOptions>;
  journals?: MemoryJournalStore;
}

export async function startFaultWorld(
  seed: Partial<OrgSeed> = {},
  options: FaultWorldOptions = {},
): Promise<FaultWorld> {
  const orgSeed: OrgSeed = {
    name: seed.name ?? 'acme-preview',
    environment: seed.environment ?? 'preview',
    decoyApps: 0,
    ...seed,
  };
  const simClock = { ms: Date.parse('2026-11-26T09:00:00.000Z') };
  const served: RequestLogEntry[] = [];
  const sim = await startSimulator({ orgs: [orgSeed], now: () => simClock.ms, onRequest: (e) => served.push(e) });
  const org = sim.org(orgSeed.name);
  const apiCalls: ApiCallLog[] = [];
  const waits: number[] = [];
  const clients: OktaClient[] = [];
  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      waits.push(ms);
      simClock.ms += ms; // time passes on Okta's side, at once
      setImmediate(() => (signal?.aborted ? reject(new Error('aborted')) : resolve()));
    });
  const newClient = (opts: Partial<OktaClientOptions> & { token?: string } = {}): OktaClient => {
    const { token, ...rest } = opts;
    const c = new OktaClient({
      baseUrl: org.info.baseUrl,
      auth: new ApiTokenAuth(token ?? org.info.apiToken),
      retryBaseDelayMs: 1,
      sleep,
      now: () => simClock.ms,
      onApiCall: (c) => apiCalls.push(c),
      ...options.client,
      ...rest,
    });
    clients.push(c);
    return c;
  };
  const client = newClient();
  const journals = options.journals ?? new MemoryJournalStore();
  const secrets = new MemoryPendingSecretStore();
  const clock = new TestClock();
  const deps = (overrides: Partial<RotationDeps> = {}): RotationDeps => ({
    okta: client,
    journals,
    secrets,
    clock,
    ...overrides,
  });
  return {
    sim,
    org,
    client,
    journals,
    secrets,
    clock,
    simClock,
    served,
    apiCalls,
    waits,
    errors: [],
    newClient,
    deps,
    async start(overrides = {}) {
      const app = await client.findWorkflowsApp({ appId: org.info.workflowsAppId });
      return RotationEngine.start(
        { org: { host: client.org, baseUrl: org.info.baseUrl }, environment: orgSeed.environment, app },
        deps(overrides),
      );
    },
    async close() {
      await sim.close();
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    },
  };
}
