// The hostile org of the hostile suites: the raw server of test/support/hostileServer.ts (it writes what no
// well-behaved server would), a sentinel beside it (another loopback server that every hostile redirect and next
// link points to, and which must receive nothing), clients with small limits, and the Okta objects its answers hold.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient, type OktaClientOptions } from '../../../src/okta/client.ts';
import { secretHash } from '../../../src/okta/secretHash.ts';
import { json, startHostileServer, type HostileServer } from '../../support/hostileServer.ts';

export { json, type HostileServer, type RawAnswer } from '../../support/hostileServer.ts';

export const HOSTILE_TOKEN = '00hostileOrgToken0123456789abcdefghijklmn';

/** What a client of the hostile org waited for (its sleep is injected: no test waits for a 429's reset). */
interface Waits {
  ms: number[];
}

/**
 * A client of the hostile org with small limits, so that what takes minutes with the defaults takes a moment
 * here (the defaults are measured by scripts/hostile-figures.ts): 2 s per attempt, 4 s per operation, no real wait
 * for a 429 or a backoff. A case about time gives its own shorter limits.
 */
function hostileClient(
  org: HostileServer,
  opts: Partial<OktaClientOptions> = {},
): { client: OktaClient; waits: Waits } {
  const waits: Waits = { ms: [] };
  // A wait takes no time here, but it does on the client's clock: the operation's deadline counts it.
  let waited = 0;
  const client = new OktaClient({
    baseUrl: org.base,
    auth: new ApiTokenAuth(HOSTILE_TOKEN),
    timeoutMs: 2000,
    retryBaseDelayMs: 1,
    now: () => Date.now() + waited,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        waits.ms.push(ms);
        waited += ms;
        if (signal?.aborted) return reject(new Error('aborted'));
        setImmediate(() => (signal?.aborted ? reject(new Error('aborted')) : resolve()));
      }),
    ...opts,
    operation: { deadlineMs: 4000, ...opts.operation },
  });
  return { client, waits };
}

export const APP_ID = '0oa1hostileAPPid0000';
export const SECRET_ID = 'ocs1hostileSECRETid0';

export const workflowsApp = (over: Record<string, unknown> = {}) => ({
  id: APP_ID,
  name: 'flow',
  label: 'Okta Workflows OAuth',
  status: 'ACTIVE',
  signOnMode: 'OPENID_CONNECT',
  credentials: { oauthClient: { client_id: APP_ID, token_endpoint_auth_method: 'client_secret_basic' } },
  settings: { oauthClient: { redirect_uris: ['https://oauth.workflows.oktapreview.com/oauth/callback'] } },
  ...over,
});

const LISTED_VALUE = 'hostileListedSecretValue-0123456789_abcdefghijklmnopqrstuvwxyzAB';

/** A listed secret as Okta sends it (the value's own secret_hash, unless `over` names one). */
export const secret = (over: Record<string, unknown> = {}) => {
  const value = typeof over.client_secret === 'string' ? over.client_secret : LISTED_VALUE;
  return {
    id: SECRET_ID,
    status: 'ACTIVE',
    client_secret: LISTED_VALUE,
    secret_hash: secretHash(value),
    created: '2026-01-01T00:00:00.000Z',
    lastUpdated: '2026-01-01T00:00:00.000Z',
    ...over,
  };
};

/** An app of `n` in a long list: minimal, with an id of Okta's shape. */
export const nthApp = (n: number) => ({
  id: `0oa${String(n).padStart(17, '0')}`,
  name: 'other',
  label: `App ${n}`,
});

export interface HostileWorld {
  org: HostileServer;
  /** Where hostile answers point (redirects, next links): asserted after each test to have received nothing. */
  sentinel: HostileServer;
  /** A client of `org` with the small limits of hostileClient, closed after the test. */
  client(opts?: Partial<OktaClientOptions>): { client: OktaClient; waits: Waits };
}

/**
 * Mocha hooks for the enclosing describe: one hostile org and one sentinel for all its tests (both on 127.0.0.1),
 * the org's script and log reset before each test, and after each: its clients closed, the sentinel still
 * untouched, and every request the org saw carrying this org's token and nothing else's.
 */
export function hostileWorld(): () => HostileWorld {
  let world: HostileWorld | undefined;
  const clients: OktaClient[] = [];
  before(async () => {
    const org = await startHostileServer();
    const sentinel = await startHostileServer(() => json([]));
    world = {
      org,
      sentinel,
      client: (opts = {}) => {
        const made = hostileClient(org, opts);
        clients.push(made.client);
        return made;
      },
    };
  });
  beforeEach(() => {
    world!.org.seen.length = 0;
    world!.org.script = () => json([]);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    const { org, sentinel } = world!;
    const reached = sentinel.seen.splice(0).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(reached, [], 'the sentinel host received nothing');
    const api = org.seen.filter((r) => r.path.startsWith('/api/'));
    const credentials = new Set(api.map((r) => r.headers.authorization).filter((a) => a !== undefined));
    assert.ok(
      [...credentials].every((a) => a === `SSWS ${HOSTILE_TOKEN}`),
      "only this org's token was sent to its API",
    );
  });
  after(async () => {
    await world?.org.close();
    await world?.sentinel.close();
  });
  return () => {
    if (!world) throw new Error('no hostile world outside a test');
    return world;
  };
}
