// The one client-test setup of the Okta layer: a real simulator on loopback (or a scripted stub server where the
// simulator cannot produce the answer), clients that record their API-call log, and a sleep that does not wait
// (the client's waits are asserted as numbers, never timed). Every client built here is closed by its world.
// A world may also be on the proxied path (test/support/proxiedPath.ts): one org at https://<name>.okta.com, its
// clients going through squid with the run's CA trusted (world.network, for an authenticator built by a test).
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { startSimulator, type OrgSeed, type Simulator, type SimulatedOrg } from '../../../src/simulator/index.ts';
import {
  ApiTokenAuth,
  OktaClient,
  type ApiCallLog,
  type Authenticator,
  type OktaClientOptions,
} from '../../../src/okta/client.ts';
import { OktaError } from '../../../src/okta/errors.ts';
import { ServiceAppAuth } from '../../../src/okta/oauth/serviceAppAuth.ts';
import type { NetworkOptions } from '../../../src/okta/network/networkOptions.ts';
import { proxiedPath, type OrgPath } from '../../support/proxiedPath.ts';
import { waitFor } from '../../support/waitFor.ts';

export interface Recorder {
  calls: ApiCallLog[];
  waits: number[];
  /** Runs on every wait the client asks for (e.g. to let "time pass" in the simulator). */
  onWait?: (ms: number) => void;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function recorder(): Recorder {
  const r: Recorder = {
    calls: [],
    waits: [],
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        r.waits.push(ms);
        if (signal?.aborted) return reject(new Error('aborted'));
        r.onWait?.(ms);
        setImmediate(() => (signal?.aborted ? reject(new Error('aborted')) : resolve()));
      }),
  };
  return r;
}

/** Client options, plus the API token to authenticate with (default: the org's) or a whole authenticator. */
type ClientOptions = Partial<OktaClientOptions> & { token?: string };

/** A client of `baseUrl` that logs into `rec` and waits through `rec.sleep`. */
function recordingClient(baseUrl: string, token: string, rec: Recorder, opts: ClientOptions = {}): OktaClient {
  const { token: other, ...rest } = opts;
  return new OktaClient({
    baseUrl,
    auth: new ApiTokenAuth(other ?? token),
    onApiCall: (c) => rec.calls.push(c),
    sleep: rec.sleep,
    ...rest,
  });
}

export interface ClientWorldOptions {
  /** The simulated orgs; the first is the world's `org`. Default: one production org, 'acme'. */
  orgs?: OrgSeed[];
  /** The simulator's clock (DPoP proofs carry the time: a test that moves it moves both ends). */
  now?: () => number;
  /** Options of the world's `client`. */
  client?: ClientOptions;
  /** The authenticator of the world's `client`, once the org exists. Default: the org's API token. */
  auth?: (org: SimulatedOrg, rec: Recorder, network: NetworkOptions | undefined) => Authenticator;
  /** Default 'loopback'; 'proxied' takes one org. */
  path?: OrgPath;
}

export interface ClientWorld {
  sim: Simulator;
  /** The network options of every client on the proxied path (squid, the run's CA); undefined on loopback. */
  network: NetworkOptions | undefined;
  /** The first org. */
  org: SimulatedOrg;
  /** The first org's Workflows app id. */
  appId: string;
  /** What `client` logged and waited. */
  rec: Recorder;
  /** A recording client of `org`. */
  client: OktaClient;
  /** Another recording client (of `org` unless named), logging into `rec` unless given its own; closed with the world. */
  clientOf(opts?: ClientOptions & { org?: SimulatedOrg | string; rec?: Recorder }): OktaClient;
  /** A client of the named org authenticated as its service app (private_key_jwt, DPoP), asking for these scopes;
   * closed with the clientOf clients. */
  serviceAppClientOf(org: string, ask: { scopes?: readonly string[]; optionalScopes?: readonly string[] }): OktaClient;
  /** Closes what a test made with clientOf or serviceAppClientOf, not the world. */
  closeClients(): Promise<void>;
  close(): Promise<void>;
}

export async function startClientWorld(opts: ClientWorldOptions = {}): Promise<ClientWorld> {
  const orgs = opts.orgs ?? [{ name: 'acme', environment: 'production' }];
  const now = opts.now ? { now: opts.now } : {};
  const proxied = opts.path === 'proxied' ? await proxiedPath() : undefined;
  const [only, ...more] = orgs;
  if (proxied && (!only || more.length > 0)) throw new Error('a client world on the proxied path has one org');
  const sim =
    proxied && only ? await proxied.startSimulator({ orgs: [only], ...now }) : await startSimulator({ orgs, ...now });
  const org = sim.org(orgs[0]!.name);
  const rec = recorder();
  const extra: OktaClient[] = [];
  const network = proxied?.network();
  const withNetwork = (o: ClientOptions): ClientOptions => (network ? { network, ...o } : o);
  const base = opts.auth ? { ...opts.client, auth: opts.auth(org, rec, network) } : (opts.client ?? {});
  const client = recordingClient(org.info.baseUrl, org.info.apiToken, rec, withNetwork(base));
  const world: ClientWorld = {
    sim,
    network,
    org,
    appId: org.info.workflowsAppId,
    rec,
    client,
    clientOf: ({ org: which, rec: own, ...rest } = {}) => {
      const target = which === undefined ? org : typeof which === 'string' ? sim.org(which) : which;
      const made = recordingClient(target.info.baseUrl, target.info.apiToken, own ?? rec, withNetwork(rest));
      extra.push(made);
      return made;
    },
    serviceAppClientOf: (name, ask) => {
      const target = sim.org(name);
      const sa = target.info.serviceApp;
      if (!sa) throw new Error(`org ${name} has no service app`);
      const { privateKeyPem: privateKey, clientId, keyId } = sa;
      const baseUrl = target.info.baseUrl;
      const onPath = network ? { network } : {};
      const auth = new ServiceAppAuth({ baseUrl, clientId, privateKey, keyId, ...ask, ...onPath });
      const made = new OktaClient({ baseUrl, auth, sleep: recorder().sleep, ...onPath });
      extra.push(made);
      return made;
    },
    closeClients: async () => {
      for (const c of extra.splice(0)) await c.close();
    },
    close: async () => {
      await world.closeClients();
      await client.close();
      await sim.close();
    },
  };
  return world;
}

/**
 * Mocha hooks for the enclosing describe: a world started before each test and closed after it ('each'), or one
 * world for all its tests ('all', whose clientOf clients are still closed after each test).
 */
export function withClientWorld(opts: ClientWorldOptions = {}, scope: 'each' | 'all' = 'each'): () => ClientWorld {
  let world: ClientWorld | undefined;
  if (scope === 'each') {
    beforeEach(async () => {
      world = await startClientWorld(opts);
    });
    afterEach(async () => {
      await world?.close();
      world = undefined;
    });
  } else {
    before(async () => {
      world = await startClientWorld(opts);
    });
    afterEach(async () => {
      await world?.closeClients();
    });
    after(async () => {
      await world?.close();
      world = undefined;
    });
  }
  return () => {
    if (!world) throw new Error('no client world outside a test');
    return world;
  };
}

/** A scripted HTTP server on loopback, for answers the simulator never gives. Still real HTTP, real client. */
export interface StubServer {
  base: string;
  /** A recording client of the stub, with a well-formed API token. */
  client(rec?: Recorder, opts?: ClientOptions): OktaClient;
  close(): Promise<void>;
}

export const STUB_TOKEN = '00tokenTokenTokenToken';

export async function startStubServer(handler: RequestListener): Promise<StubServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${portOf(server)}`;
  const clients: OktaClient[] = [];
  return {
    base,
    client: (rec = recorder(), opts = {}) => {
      const made = recordingClient(base, STUB_TOKEN, rec, opts);
      clients.push(made);
      return made;
    },
    close: async () => {
      for (const c of clients.splice(0)) await c.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function portOf(server: { address(): AddressInfo | string | null }): number {
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the server listens on no TCP port');
  return address.port;
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once the simulator has received a request matching `method path` (and not answered it yet). */
export async function requestArrived(org: SimulatedOrg, method: string, path: RegExp): Promise<void> {
  await waitFor(
    () => org.requests.some((r) => r.method === method && path.test(r.path) && r.status === 0),
    `${method} ${path} to arrive at the simulator`,
  );
}

/** Asserts `p` rejects with an OktaError and returns it. */
export async function rejection(p: Promise<unknown>): Promise<OktaError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof OktaError) return e;
    throw new Error(`expected an OktaError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a rejection, got a result');
}
