// Shared by the client's integration tests: a real simulator on loopback, clients that record their API-call
// log, and a sleep that does not wait (the client's waits are asserted as numbers, never timed).
import { createServer } from 'node:net';
import { startSimulator, type OrgSeed, type Simulator, type SimulatedOrg } from '../../../src/simulator/index.ts';
import { ApiTokenAuth, OktaClient, type ApiCallLog, type OktaClientOptions } from '../../../src/okta/client.ts';
import { OktaError } from '../../../src/okta/errors.ts';

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

export function clientFor(
  org: SimulatedOrg,
  rec: Recorder,
  opts: Partial<OktaClientOptions> & { token?: string } = {},
): OktaClient {
  const { token, ...rest } = opts;
  return new OktaClient({
    baseUrl: org.info.baseUrl,
    auth: new ApiTokenAuth(token ?? org.info.apiToken),
    onApiCall: (c) => rec.calls.push(c),
    sleep: rec.sleep,
    ...rest,
  });
}

export async function withSimulator(orgs?: OrgSeed[]): Promise<Simulator> {
  return startSimulator(orgs ? { orgs } : {});
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once the simulator has received a request matching `method path` (and not answered it yet). */
export async function requestArrived(org: SimulatedOrg, method: string, path: RegExp): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (org.requests.some((r) => r.method === method && path.test(r.path) && r.status === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no ${method} ${path} arrived`);
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
