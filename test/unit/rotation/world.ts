// The one test world of the rotation engine: a simulated org over real HTTP, the real OktaClient, stores, a settable
// clock, and a "person" that takes the snapshot's next actions the way the checklist UI would. Built for fault
// tests too: the simulator's clock is a number the client's injected sleep moves forward, so a 429 storm or a
// retry backoff never waits in real time; every answer the simulator gave (or dropped, or stalled) is logged; and
// clients can be made with other tokens and a short per-attempt timeout.
// On either path of test/support/proxiedPath.ts: the org on loopback, or at https://acme-preview.oktapreview.com
// reached through squid with the run's CA trusted (startWorldOn(path) gives a suite's startWorld for one path).
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import type { ApiCallLog, OktaClientOptions } from '../../../src/okta/client.ts';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { OrgSeed, RequestLogEntry, SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { ActionOutcome, RotationDeps } from '../../../src/rotation/engine.ts';
import type { ConnectionMode, RotationJournal } from '../../../src/rotation/model/journal.ts';
import type { NextAction, RotationAction } from '../../../src/rotation/model/actions.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';
import type { RotationJournalStore } from '../../../src/rotation/stores.ts';
import { proxiedPath, type OrgPath, type ProxiedPath } from '../../support/proxiedPath.ts';

export class TestClock {
  #ms: number;
  constructor(start = Date.parse('2026-11-26T09:00:00.000Z')) {
    this.#ms = start;
  }
  now(): Date {
    // Every read moves time on a little, so startedAt < endedAt without any real waiting.
    this.#ms += 1000;
    return new Date(this.#ms);
  }
  advanceDays(days: number): void {
    this.#ms += days * 24 * 60 * 60 * 1000;
  }
  advanceMs(ms: number): void {
    this.#ms += ms;
  }
}

/** What a test may replace in the engine's deps; a journal store given here is also the preview history's. */
type DepsOverrides = Partial<Omit<RotationDeps, 'journals'>> & { journals?: RotationJournalStore };

export interface World {
  /** Which way the clients reach the org. */
  path: OrgPath;
  /** The proxied path's squid and CA, when the org is reached through it. */
  proxied?: ProxiedPath;
  sim: Simulator;
  org: SimulatedOrg;
  client: OktaClient;
  journals: MemoryJournalStore;
  secrets: MemoryPendingSecretStore;
  clock: TestClock;
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
  deps(overrides?: DepsOverrides): RotationDeps;
  start(overrides?: DepsOverrides): Promise<RotationEngine>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Options of every client of the world (a short timeout, a rate-limit cap). */
  client?: Partial<OktaClientOptions>;
  /** A journal store shared with another world (two orgs, one history). */
  journals?: MemoryJournalStore;
  clock?: TestClock;
  /** Default 'loopback'. */
  path?: OrgPath;
}

export async function startWorld(seed: Partial<OrgSeed> = {}, options: WorldOptions = {}): Promise<World> {
  const orgSeed: OrgSeed = {
    name: seed.name ?? 'acme-preview',
    environment: seed.environment ?? 'preview',
    decoyApps: 0,
    ...seed,
  };
  const simClock = { ms: Date.parse('2026-11-26T09:00:00.000Z') };
  const served: RequestLogEntry[] = [];
  const path = options.path ?? 'loopback';
  const proxied = path === 'proxied' ? await proxiedPath() : undefined;
  const simOptions = { now: () => simClock.ms, onRequest: (e: RequestLogEntry) => served.push(e) };
  const sim = proxied
    ? await proxied.startSimulator({ ...simOptions, orgs: [orgSeed] })
    : await startSimulator({ ...simOptions, orgs: [orgSeed] });
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
      ...(proxied ? { network: proxied.network() } : {}),
      ...options.client,
      ...rest,
    });
    clients.push(c);
    return c;
  };
  const client = newClient();
  const journals = options.journals ?? new MemoryJournalStore();
  const secrets = new MemoryPendingSecretStore();
  const clock = options.clock ?? new TestClock();
  const deps = (overrides: DepsOverrides = {}): RotationDeps => {
    const store = overrides.journals ?? journals;
    // One look at the System Log ends the watch of the old secret, unless a test sets a length (the watch's tests do).
    return {
      okta: client,
      journals: store,
      previewHistory: () => store.list(),
      secrets,
      clock,
      deactivationWatchMinutes: 0,
      ...overrides,
    };
  };
  return {
    path,
    ...(proxied ? { proxied } : {}),
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

/** A suite's startWorld on one path: its tests run unchanged on either. */
export function startWorldOn(path: OrgPath): typeof startWorld {
  return (seed, options = {}) => startWorld(seed, { path, ...options });
}

export interface PersonChoices {
  mode?: ConnectionMode;
  /** The value the person pastes when asked which secret is in use. */
  paste?: string;
  acknowledge?: boolean;
  /** Stop (without acting) when this returns true. */
  stopWhen?: (snapshot: RotationSnapshot) => boolean;
}

/** The action a careful person takes next: decisions first, then confirmations, then "run". Never rollback,
 * abandon or override (tests do those explicitly). */
export function pickAction(offered: readonly NextAction[], choices: PersonChoices): RotationAction | undefined {
  for (const o of offered) {
    if (o.type === 'acknowledge' && choices.acknowledge) return { type: 'acknowledge', guard: o.guard };
    if (o.type === 'identifyInUse' && choices.paste !== undefined)
      return { type: 'identifyInUse', value: choices.paste };
    if (o.type === 'retire') return { type: 'retire', secretId: o.secretId };
    if (o.type === 'chooseMode' && o.current === undefined)
      return { type: 'chooseMode', mode: choices.mode ?? 'newConnection' };
  }
  for (const o of offered) {
    if (o.type === 'confirm') return { type: 'confirm', step: o.step };
  }
  for (const o of offered) {
    if (o.type === 'run') return { type: 'run', step: o.step };
  }
  return undefined;
}

export interface DriveResult {
  snapshot: RotationSnapshot;
  /** The last outcome that was not ok, if the person stopped on one. */
  failure?: ActionOutcome;
  actions: RotationAction[];
}

/** Takes actions until the rotation ends, a step fails, nothing is offered, or stopWhen says so (bounded). */
export async function drive(engine: RotationEngine, choices: PersonChoices = {}): Promise<DriveResult> {
  const actions: RotationAction[] = [];
  for (let i = 0; i < 60; i++) {
    const snapshot = engine.snapshot();
    if (snapshot.outcome !== 'inProgress' || choices.stopWhen?.(snapshot)) return { snapshot, actions };
    const action = pickAction(snapshot.nextActions, choices);
    if (!action) return { snapshot, actions };
    actions.push(action);
    const outcome = await engine.perform(action);
    if (!outcome.ok) return { snapshot: engine.snapshot(), failure: outcome, actions };
  }
  throw new Error('drive: more than 60 actions; the engine is going round in circles');
}

/** A journal store that fails on its Nth save, like a process killed just before that write reached disk. */
export class CrashingJournalStore implements RotationJournalStore {
  readonly inner: RotationJournalStore;
  saves = 0;
  crashAt: number;

  constructor(inner: RotationJournalStore, crashAt = Number.POSITIVE_INFINITY) {
    this.inner = inner;
    this.crashAt = crashAt;
  }
  load(id: string) {
    return this.inner.load(id);
  }
  async save(journal: RotationJournal, expectedRevision: number) {
    this.saves++;
    if (this.saves === this.crashAt) throw new Error(`simulated crash before save #${this.saves}`);
    return this.inner.save(journal, expectedRevision);
  }
  importJournal(journal: RotationJournal) {
    return this.inner.importJournal(journal);
  }
  delete(id: string) {
    return this.inner.delete(id);
  }
  list() {
    return this.inner.list();
  }
  claim(journal: RotationJournal) {
    return this.inner.claim(journal);
  }
  release(journal: RotationJournal) {
    return this.inner.release(journal);
  }
}

/** Management-API calls (the apps bucket), System Log reads and token-endpoint calls the org received. */
export function callsOf(org: SimulatedOrg): {
  api: number;
  logs: number;
  token: number;
  creates: number;
  deactivates: number;
  deletes: number;
} {
  const r = org.requests;
  return {
    api: r.filter((x) => x.path.startsWith('/api/v1/apps')).length,
    logs: r.filter((x) => x.path === '/api/v1/logs').length,
    token: r.filter((x) => x.path === '/oauth2/v1/token').length,
    creates: r.filter((x) => x.method === 'POST' && /\/credentials\/secrets$/.test(x.path)).length,
    deactivates: r.filter((x) => x.method === 'POST' && /\/lifecycle\/deactivate$/.test(x.path)).length,
    deletes: r.filter((x) => x.method === 'DELETE').length,
  };
}

/** Every 8-character piece of `value`. */
export function piecesOf(value: string, size = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= value.length; i++) out.push(value.slice(i, i + size));
  return out;
}

/** The first 8-character piece of any of `secrets` found in `text`, or undefined. */
export function findLeak(text: string, secrets: readonly string[]): string | undefined {
  for (const s of secrets) for (const p of piecesOf(s)) if (text.includes(p)) return p;
  return undefined;
}
