// The rotation rows of `npm run bench`: a full rotation as the extension runs it (the org's client from OktaClients,
// the engine wired by rotationDepsFor on the journal files, the history naming who acted), every request it makes
// to the org counted at the org and listed by kind, for an API token and for an OAuth service app, the first
// rotation of a session and a later one. The kinds come from the request's method and path (ids replaced), so a
// new kind of call (a System Log read) shows as a row of its own without touching this file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { actorFor } from '../src/history/actor.ts';
import { parseOrgInput } from '../src/okta/orgInput.ts';
import type { OrgConfig } from '../src/orgs/orgConfig.ts';
import type { OrgCredential } from '../src/orgs/orgCredential.ts';
import { FileJournalStore } from '../src/rotation/fileJournalStore.ts';
import { RotationEngine } from '../src/rotation/engine.ts';
import { rotationDepsFor } from '../src/rotation/rotationDeps.ts';
import { MemoryPendingSecretStore } from '../src/rotation/stores.ts';
import { startSimulator, type RequestRecord, type SimulatedOrg } from '../src/simulator/index.ts';
import { OktaClients } from '../src/vscode/connection/oktaClients.ts';
import type { Log } from '../src/vscode/platform/log.ts';
import { drive } from '../test/unit/rotation/world.ts';
import type { FleetRow as Row } from './fleet.ts';

interface Helpers {
  runs: number;
  median(xs: number[]): number;
  ms(x: number): string;
  log(s: string): void;
}

/** What a request is, in words where the project knows it, else its method and path with the ids replaced. */
export function kindOf(r: Pick<RequestRecord, 'method' | 'path' | 'grant'>): string {
  const path = r.path
    .split('/')
    // Okta's ids (apps, secrets, users, roles) are 20 letters and digits.
    .map((part) => (/^[A-Za-z0-9]{20,}$/.test(part) ? '{id}' : part))
    .join('/');
  const known: Record<string, string> = {
    'GET /api/v1/users/me': 'identity (users/me)',
    'GET /api/v1/users/{id}/roles': 'admin roles',
    'GET /api/v1/iam/roles/{id}/permissions': "a custom role's permissions",
    'GET /api/v1/apps/{id}': 'read the app',
    'GET /api/v1/apps': 'find the app',
    'GET /api/v1/apps/{id}/credentials/secrets': 'list secrets',
    'POST /api/v1/apps/{id}/credentials/secrets': 'create a secret',
    'POST /api/v1/apps/{id}/credentials/secrets/{id}/lifecycle/activate': 'activate a secret',
    'POST /api/v1/apps/{id}/credentials/secrets/{id}/lifecycle/deactivate': 'deactivate a secret',
    'DELETE /api/v1/apps/{id}/credentials/secrets/{id}': 'delete a secret',
    'GET /api/v1/logs': 'System Log',
  };
  const key = `${r.method} ${path}`;
  if (path === '/oauth2/v1/token') {
    if (r.grant === 'authorization_code') return 'token-endpoint probe';
    if (r.grant === 'client_credentials') return "the service app's access token";
    return `${key} (${r.grant ?? 'no grant'})`;
  }
  return known[key] ?? key;
}

/** The requests by kind, in the order each kind first appeared. */
function byKind(requests: readonly RequestRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(kindOf(r), (counts.get(kindOf(r)) ?? 0) + 1);
  return counts;
}

const describe = (counts: Map<string, number>): string =>
  [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

interface Session {
  times: number[];
  calls: Array<Map<string, number>>;
}

/** One session: the org's client as VS Code builds it, then `rotations` full rotations one after another. */
async function session(kind: OrgCredential['type'], rotations: number): Promise<Session> {
  const sim = await startSimulator({
    orgs: [
      { name: 'bench-preview', environment: 'preview', decoyApps: 0, serviceApp: kind === 'serviceApp' ? {} : false },
    ],
    rateLimitPerMinute: 1_000_000,
  });
  const simOrg: SimulatedOrg = sim.org('bench-preview');
  simOrg.faults.latencyMs = 100;
  const sa = simOrg.info.serviceApp;
  const credential: OrgCredential =
    kind === 'apiToken'
      ? { type: 'apiToken', token: simOrg.info.apiToken }
      : { type: 'serviceApp', clientId: sa!.clientId, keyId: sa!.keyId, privateKey: sa!.privateKeyPem };
  const address = parseOrgInput(simOrg.info.baseUrl);
  const org: OrgConfig = { key: address.host, label: 'Bench', environment: 'preview', address };
  // The log channel exists only in VS Code: the methods the clients call, writing nowhere.
  const log = { addKnownSecret: () => undefined, apiCall: () => undefined, error: () => undefined };
  const clients = new OktaClients(
    { get: async () => credential, onDidChange: () => ({ dispose: () => undefined }) },
    log as unknown as Log,
    () => ({ timeoutMs: 30_000, maxRateLimitWaitMs: 65_000 }),
  );
  const journalDir = mkdtempSync(join(tmpdir(), 'bench-rotation-'));
  const journals = new FileJournalStore(journalDir);
  const out: Session = { times: [], calls: [] };
  try {
    // The app as an earlier session's tree found it (remembered in globalState): a rotation starts without a call,
    // and the session's client has made none yet (no token, no identity asked).
    const setup = await clients.withCredential(org, credential);
    const app = await setup.findWorkflowsApp({ appId: simOrg.info.workflowsAppId });
    await setup.close();
    for (let i = 0; i < rotations; i++) {
      simOrg.clearRequests();
      const started = performance.now();
      const engine = await RotationEngine.start(
        { org: { host: org.key, baseUrl: address.baseUrl }, environment: 'preview', app },
        rotationDepsFor({
          org,
          journals,
          secrets: new MemoryPendingSecretStore(),
          client: () => clients.get(org),
          previewRecencyDays: 30,
          // The watch of the old secret ends at its first look here: one System Log read, no 75-minute wait.
          deactivationWatchMinutes: 0,
          log,
        }),
      );
      const { snapshot } = await drive(engine, { mode: 'newConnection' });
      if (snapshot.outcome !== 'completed') throw new Error(`rotation ended ${snapshot.outcome}`);
      // The history names who acted, as RotationHistory does once per org and client in a session.
      if (i === 0) await actorFor(await clients.get(org), new Date().toISOString());
      out.times.push(performance.now() - started);
      out.calls.push(byKind(simOrg.requests));
    }
  } finally {
    clients.dispose();
    await sim.close();
    rmSync(journalDir, { recursive: true, force: true });
  }
  return out;
}

export async function rotationCalls(h: Helpers, rows: Row[]): Promise<void> {
  for (const kind of ['apiToken', 'serviceApp'] as const) {
    const sessions: Session[] = [];
    for (let r = 0; r < h.runs; r++) sessions.push(await session(kind, 2));
    const credential = kind === 'apiToken' ? 'API token' : 'OAuth service app';
    for (const [i, which] of ['the first of a session', 'a later one in the same session'].entries()) {
      const calls = sessions[0]!.calls[i]!;
      const same = sessions.every((s) => describe(s.calls[i]!) === describe(calls));
      rows.push({
        area: 'Rotation',
        measure: `full rotation (${credential}), ${which}, 100 ms latency, manual steps confirmed at once, the watch ended at its first look: time, and every request to the org by kind`,
        ours: `${h.ms(h.median(sessions.map((s) => s.times[i]!)))}, ${total(calls)} calls`,
        other: describe(calls) + (same ? '' : ' (differed between runs)'),
        ratio: '',
        goal: '',
      });
    }
    h.log(`rotation (${credential}) done`);
  }
}
