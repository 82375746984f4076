// A fleet of simulated orgs and the campaign's ports over real engines, for the campaign's tests and the bench:
// each org its own OktaClient (swappable: a new token mid-campaign), one journal store and pending-secret store
// for all (as in VS Code's globalState and SecretStorage), the engines wired exactly as the extension wires them
// (rotationDepsFor), a settable clock. A "reload" is a new EngineRotations over the same stores: no engine survives.
import { ApiTokenAuth, OktaClient } from '../../src/okta/client.ts';
import type { OktaClientOptions } from '../../src/okta/client.ts';
import type { CampaignDeps, CampaignRotations } from '../../src/fleet/campaign/campaignDeps.ts';
import type { CampaignOrg } from '../../src/fleet/campaign/campaignJournal.ts';
import { MemoryCampaignStore } from '../../src/fleet/campaign/campaignJournal.ts';
import type { RotationHandle } from '../../src/fleet/campaign/drivePhase.ts';
import { RotationEngine } from '../../src/rotation/engine.ts';
import { isRotationError } from '../../src/rotation/errors.ts';
import { isFinished } from '../../src/rotation/model/journal.ts';
import type { Clock } from '../../src/rotation/port.ts';
import { buildSnapshot } from '../../src/rotation/snapshot.ts';
import { MemoryJournalStore, MemoryPendingSecretStore, type RotationJournalStore } from '../../src/rotation/stores.ts';
import type { OrgSeed, SimulatedOrg, SimulatedOrgInfo, Simulator } from '../../src/simulator/index.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { rotationDepsFor } from '../../src/rotation/rotationDeps.ts';

export interface FleetWorld extends ConnectedFleet {
  sim: Simulator;
  /** Simulated org by its campaign key (host). */
  org(key: string): SimulatedOrg;
}

export interface FleetOptions {
  latencyMs?: number;
  rateLimitPerMinute?: number;
  clock?: Clock;
  client?: Partial<OktaClientOptions>;
  /** Where the rotations' journals go (default: memory); the bench gives the extension's globalState store. */
  journals?: RotationJournalStore;
  /** Pairs each production org with the preview org of the same name + "-preview" (default true). */
  paired?: boolean;
  /** How long the watch of the old secret lasts (default 0: one look). */
  watchMinutes?: number;
}

/** The campaign's rotations over engines built the extension's way; counts the engines that run a phase at once. */
class EngineRotations implements CampaignRotations {
  readonly engines = new Map<string, RotationEngine>();
  inFlight = 0;
  maxInFlight = 0;
  readonly #deps: (org: CampaignOrg) => ReturnType<typeof rotationDepsFor>;
  readonly #app: (org: CampaignOrg, signal?: AbortSignal) => ReturnType<OktaClient['findWorkflowsApp']>;
  readonly #journals: RotationJournalStore;

  constructor(
    deps: (org: CampaignOrg) => ReturnType<typeof rotationDepsFor>,
    app: (org: CampaignOrg, signal?: AbortSignal) => ReturnType<OktaClient['findWorkflowsApp']>,
    journals: RotationJournalStore,
  ) {
    this.#deps = deps;
    this.#app = app;
    this.#journals = journals;
  }

  async start(org: CampaignOrg, pairing: { previewOrg: string; soakHours: number } | undefined, signal?: AbortSignal) {
    const app = await this.#app(org, signal);
    const baseUrl = `http://${org.key}`;
    try {
      const params = {
        org: { host: org.key, baseUrl },
        environment: org.environment,
        app,
        ...(pairing ? { pairing } : {}),
      };
      return this.#counted(await RotationEngine.start(params, this.#deps(org)));
    } catch (e) {
      if (!isRotationError(e, 'alreadyRunning')) throw e;
      const running = (await this.#journals.list()).find((j) => j.org.host === org.key && !isFinished(j));
      if (!running) throw e;
      return this.handle(org, running.rotationId, signal);
    }
  }

  async handle(org: CampaignOrg, rotationId: string, signal?: AbortSignal): Promise<RotationHandle> {
    const running = this.engines.get(rotationId);
    if (running) return this.#wrap(running);
    return this.#counted(await RotationEngine.resume(rotationId, this.#deps(org), signal));
  }

  async snapshot(rotationId: string) {
    const running = this.engines.get(rotationId);
    if (running) return running.snapshot();
    const journal = await this.#journals.load(rotationId);
    return journal ? buildSnapshot(journal, false) : undefined;
  }

  #counted(engine: RotationEngine): RotationHandle {
    this.engines.set(engine.rotationId, engine);
    return this.#wrap(engine);
  }

  /** The engine, with its performs counted (how many orgs act at the same instant). */
  #wrap(engine: RotationEngine): RotationHandle {
    return {
      rotationId: engine.rotationId,
      snapshot: () => engine.snapshot(),
      perform: async (action, signal) => {
        this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
        try {
          return await engine.perform(action, signal);
        } finally {
          this.inFlight--;
        }
      },
    };
  }
}

/** Orgs of a simulator, wherever it runs (this process, or the CLI in another), with the campaign's ports. */
export interface ConnectedFleet {
  orgs: CampaignOrg[];
  journals: RotationJournalStore;
  secrets: MemoryPendingSecretStore;
  store: MemoryCampaignStore;
  /** Replaces an org's client (its token), as Set API Token does. */
  setToken(key: string, token: string): void;
  /** The campaign's deps over fresh engines (a reload forgets every engine; the stores stay). */
  deps(overrides?: Partial<Omit<CampaignDeps, 'rotations'>>): CampaignDeps & { rotations: EngineRotations };
  close(): Promise<void>;
}

/** Pairs and org entries for the seeds: each production org `x` waits for `x-preview` when it exists. */
export async function startFleet(seeds: OrgSeed[], options: FleetOptions = {}): Promise<FleetWorld> {
  const sim = await startSimulator({
    orgs: seeds,
    latencyMs: options.latencyMs ?? 0,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100,
  });
  const byKey = new Map(sim.orgs.map((o) => [new URL(o.baseUrl).host, sim.org(o.name)]));
  const fleet = connectFleet(sim.orgs, options);
  return {
    ...fleet,
    sim,
    org: (key) => {
      const o = byKey.get(key);
      if (!o) throw new Error(`no org ${key}`);
      return o;
    },
    async close() {
      await fleet.close();
      await sim.close();
    },
  };
}

/** The campaign's ports over orgs a simulator serves (its --json line's orgs, or an in-process simulator's). */
export function connectFleet(infos: readonly SimulatedOrgInfo[], options: FleetOptions = {}): ConnectedFleet {
  const infoOf = new Map(infos.map((o) => [new URL(o.baseUrl).host, o]));
  const keyOf = new Map(infos.map((o) => [o.name, new URL(o.baseUrl).host]));
  const clients = new Map<string, OktaClient>();
  const all: OktaClient[] = [];
  const setToken = (key: string, token: string) => {
    const info = infoOf.get(key);
    if (!info) throw new Error(`no org ${key}`);
    const client = new OktaClient({
      baseUrl: info.baseUrl,
      auth: new ApiTokenAuth(token),
      retryBaseDelayMs: 1,
      ...options.client,
    });
    clients.set(key, client);
    all.push(client);
  };
  for (const [key, info] of infoOf) setToken(key, info.apiToken);
  const clientOf = async (key: string): Promise<OktaClient> => {
    const client = clients.get(key);
    if (!client) throw new Error(`no client for ${key}`);
    return client;
  };
  const orgs: CampaignOrg[] = infos.map((o) => {
    const preview = keyOf.get(`${o.name}-preview`);
    return {
      key: keyOf.get(o.name) as string,
      label: o.name,
      environment: o.environment,
      ...(options.paired !== false && o.environment === 'production' && preview ? { previewOrg: preview } : {}),
    };
  });
  const journals = options.journals ?? new MemoryJournalStore();
  const secrets = new MemoryPendingSecretStore();
  const store = new MemoryCampaignStore();
  const deps = (overrides: Partial<Omit<CampaignDeps, 'rotations'>> = {}) => {
    const rotations = new EngineRotations(
      (org) => ({
        ...rotationDepsFor({
          org: { address: { isLoopback: true } },
          journals,
          secrets,
          client: () => clientOf(org.key),
          previewRecencyDays: 30,
          deactivationWatchMinutes: options.watchMinutes ?? 0,
          log: { error: (context, e) => console.error(context, e) },
        }),
        ...(options.clock ? { clock: options.clock } : {}),
      }),
      async (org, signal) => (await clientOf(org.key)).findWorkflowsApp({}, signal),
      journals,
    );
    return {
      store,
      history: () => journals.list(),
      maxConcurrentOrgs: 16,
      previewRecencyDays: 30,
      ...(options.clock ? { clock: options.clock } : {}),
      ...overrides,
      rotations,
    };
  };
  return {
    orgs,
    journals,
    secrets,
    store,
    setToken,
    deps,
    async close() {
      await Promise.all(all.map((c) => c.close()));
    },
  };
}
