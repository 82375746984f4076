// The Okta org simulator, in process: one real HTTP server per org on loopback, answering as Okta's OpenAPI spec says.
//   const sim = await startSimulator();
//   const org = sim.org('acme-preview'); // org.info.baseUrl, org.info.apiToken, org.faults, org.secrets() …
//   await sim.close();
import type { FaultInjector } from './faults.ts';
import type { ForgottenFlow, ForgottenFlowOptions } from './forgottenFlow.ts';
import type { OrgTls, RequestLogEntry, RequestRecord } from './orgServer.ts';
import { OrgServer } from './orgServer.ts';
import { OrgState } from './orgState.ts';
import type { AppSeed, SecretRecord } from './orgState.ts';
import type { SecretValues } from './orgState.ts';
import type { RateBucket } from './routes/index.ts';
import { DEFAULT_ORGS, seedOrg } from './seed.ts';
import { ServiceApp, serviceAppKeys } from './serviceApp.ts';
import type { ServiceAppInfo } from './serviceApp.ts';
import type { OrgSeed } from './seed.ts';

export type { FaultInjector, HeldAnswer, MalformedKind } from './faults.ts';
export type { ForgottenFlow, ForgottenFlowOptions } from './forgottenFlow.ts';
export type { AppSeed, SecretSeed } from './orgState.ts';
export type { ForgottenFlowSeed, OrgSeed } from './seed.ts';
export { AUDITING_SERVICE_APP } from './seed.ts';
export type { RateBucket } from './routes/index.ts';
export type { SecretValues } from './orgState.ts';
export type { ServiceAppInfo, ServiceAppSeed } from './serviceApp.ts';
export type { OrgTls, RequestLogEntry, RequestRecord } from './orgServer.ts';

export interface SimulatorOptions {
  /** default '127.0.0.1' (loopback only) */
  host?: string;
  /** first org's port; 0 (default) = free ports; otherwise org i listens on port+i */
  port?: number;
  /** added to every response (default 0); per org at run time: `org.faults.latencyMs` */
  latencyMs?: number;
  /** per-org bucket for /api/v1/apps* (default 100) */
  rateLimitPerMinute?: number;
  /** Addition: per-org bucket for /api/v1/logs (default 50, a paid developer org's); at run time org.setRateLimit */
  logsRateLimitPerMinute?: number;
  /** default: one 'preview' and one 'production' org (names 'acme-preview', 'acme') */
  orgs?: OrgSeed[];
  /** Addition: the clock of the rate-limit windows and the Date header (epoch ms; default Date.now). */
  now?: () => number;
  /** Addition: called after each request is answered (or dropped/stalled). Used by the CLI's --verbose. */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Addition: serve each org over TLS under a public name (https://acme.okta.com); `host` and `port` are then
   * unused. Given by src/simulator/tls/tlsSimulator.ts (the CLI's --tls, the tests), never by the extension.
   */
  tls?: (org: OrgSeed) => OrgTls;
}

/** Exactly the fields of the CLI's --json line. */
export interface SimulatedOrgInfo {
  name: string;
  environment: 'preview' | 'production';
  /** http://127.0.0.1:PORT, no trailing slash; over TLS https://<public name> (port 443: no port) */
  baseUrl: string;
  /** A super admin's API token (SUPER_ADMIN). */
  apiToken: string;
  /** A read-only admin's API token (READ_ONLY_ADMIN): reads pass, writes are 403. */
  readOnlyToken: string;
  /**
   * Addition: the API token of an admin whose only role is the custom role "Workflows Secret Rotator" (okta.apps.read,
   * okta.apps.manage, okta.iam.read): manages apps, reads its own role assignments, not the System Log.
   */
  customRoleToken: string;
  /** Addition: an app admin's API token (APP_ADMIN): manages apps, reads the System Log, may not list roles. */
  appAdminToken: string;
  /** '' when the org has no Workflows OAuth app */
  workflowsAppId: string;
  /** '' when the org has no Workflows OAuth app */
  clientId: string;
  /**
   * The OAuth 2.0 service app (private_key_jwt, DPoP required) and the private key of its registered public key;
   * absent when the seed says `serviceApp: false`.
   */
  serviceApp?: ServiceAppInfo;
  /** Over TLS only: 'ip:port', the address serving baseUrl's host name (for a proxy's hosts file). */
  listen?: string;
  /** Addition: the forgotten flow the seed gave the org (OrgSeed.forgottenFlow), started with it. */
  forgottenFlow?: ForgottenFlowInfo;
}

/** A seeded forgotten flow as the --json line tells it: where its refreshes come from and with which secret. */
export interface ForgottenFlowInfo {
  /** The address the org's System Log records for it. */
  clientIp: string;
  userAgent: string;
  intervalMs: number;
  /** The secret it presents (the Workflows app's ACTIVE secret at start). */
  secretId: string;
}

/** A secret as the simulator holds it, plaintext included (tests compare Okta's state with the journal's). */
export type SimulatedSecret = SecretRecord;

export interface SimulatedOrg {
  readonly info: SimulatedOrgInfo;
  /** Deep copies of the current secrets of an app (default: the Workflows app), plaintext included. */
  secrets(appId?: string): SimulatedSecret[];
  /** Every request received, in order (method, path without query, status answered; 0 = no answer sent). */
  readonly requests: ReadonlyArray<RequestRecord>;
  clearRequests(): void;
  readonly faults: FaultInjector;
  /** Later calls with it get 401 E0000011. */
  revokeToken(token: string): void;
  /** Addition: a new full-access API token (as an admin creating one after revoking the old). */
  issueApiToken(): string;
  /** And resets the bucket: the apps bucket, or (addition) another of the org's buckets. */
  setRateLimit(perMinute: number, bucket?: RateBucket): void;
  /** Adds an app (an OIDC client with one ACTIVE secret unless the seed says otherwise); returns its id. */
  addApp(app: AppSeed): string;
  /** Addition: every access token issued to the service app stops working (expired or revoked early). */
  expireAccessTokens(): void;
  /** Addition: copies of every System Log event the org recorded, oldest first (as GET /api/v1/logs shapes them). */
  systemLog(): Record<string, unknown>[];
  /** Addition: from now on, answers show secret values so (the seed's listPlaintext); a create's always in plaintext. */
  setSecretValues(shown: SecretValues): void;
  /**
   * Addition: a Workflows connection left on one secret (forgottenFlow.ts), refreshing its token on an interval; its
   * first refresh is done when this resolves. It stops with stop(), or when the simulator closes.
   */
  forgottenFlow(options?: ForgottenFlowOptions): Promise<ForgottenFlow>;
}

export interface Simulator {
  readonly orgs: readonly SimulatedOrgInfo[];
  /** Throws for an unknown name. */
  org(name: string): SimulatedOrg;
  close(): Promise<void>;
}

function flowInfo(state: OrgState, flow: ForgottenFlow): ForgottenFlowInfo {
  const secret = state.app(state.workflowsAppId)?.secrets.find((s) => s.secretHash === flow.secretHash);
  return Object.freeze({
    clientIp: flow.clientIp,
    userAgent: flow.userAgent,
    intervalMs: flow.intervalMs,
    secretId: secret?.id ?? '',
  });
}

function orgHandle(server: OrgServer, seededFlow: ForgottenFlow | undefined): SimulatedOrg {
  const state = server.state;
  const app = state.apps.find((a) => a.id === state.workflowsAppId);
  const serviceApp = state.serviceApp?.info();
  const info: SimulatedOrgInfo = Object.freeze({
    name: state.name,
    environment: state.environment,
    baseUrl: state.baseUrl,
    apiToken: state.apiToken,
    readOnlyToken: state.readOnlyToken,
    customRoleToken: state.customRoleToken,
    appAdminToken: state.appAdminToken,
    workflowsAppId: state.workflowsAppId,
    clientId: app?.oauthClient?.clientId ?? '',
    ...(serviceApp ? { serviceApp: Object.freeze(serviceApp) } : {}),
    ...(server.tls ? { listen: server.listening } : {}),
    ...(seededFlow ? { forgottenFlow: flowInfo(state, seededFlow) } : {}),
  });
  return {
    info,
    secrets(appId = state.workflowsAppId) {
      const target = state.app(appId);
      if (!target) throw new Error(`simulator: org ${state.name} has no app ${appId || '(no Workflows app)'}`);
      return target.secrets.map((s) => ({ ...s }));
    },
    get requests() {
      return server.requests;
    },
    clearRequests() {
      server.requests.length = 0;
    },
    faults: server.faults,
    revokeToken: (token) => state.revokeToken(token),
    issueApiToken: () => state.issueApiToken(),
    setRateLimit: (perMinute, bucket = 'apps') => server.rateLimiters[bucket].setLimit(perMinute),
    addApp: (seed) => state.addApp(seed).id,
    expireAccessTokens: () => state.serviceApp?.expireAccessTokens(),
    systemLog: () => state.systemLog.all(),
    setSecretValues: (shown) => {
      state.secretValues = shown;
    },
    forgottenFlow: (options) => server.startForgottenFlow(options),
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const seeds = options.orgs ?? DEFAULT_ORGS;
  const names = new Set(seeds.map((s) => s.name));
  if (names.size !== seeds.length) throw new Error('simulator: org names must be unique');
  const basePort = options.port ?? 0;
  const servers: OrgServer[] = [];
  const flows = new Map<OrgServer, ForgottenFlow>();
  const now = options.now ?? Date.now;
  const keys = seeds.some((s) => s.serviceApp !== false) ? await serviceAppKeys() : undefined;
  try {
    for (const [i, seed] of seeds.entries()) {
      const state = new OrgState(seed.name, seed.environment);
      seedOrg(state, seed);
      if (keys && seed.serviceApp !== false) state.serviceApp = new ServiceApp(keys, seed.serviceApp ?? {}, now);
      const server = new OrgServer(state, {
        host,
        port: basePort === 0 ? 0 : basePort + i,
        latencyMs: options.latencyMs ?? 0,
        rateLimitPerMinute: options.rateLimitPerMinute ?? 100,
        now,
        onRequest: options.onRequest,
        tls: options.tls?.(seed),
      });
      server.rateLimiter.setLimit(options.rateLimitPerMinute ?? 100); // validates the number
      if (options.logsRateLimitPerMinute !== undefined)
        server.rateLimiters.logs.setLimit(options.logsRateLimitPerMinute);
      servers.push(server);
      await server.listen();
    }
    // Once every org listens: a seeded forgotten flow refreshes from the start.
    for (const [i, seed] of seeds.entries()) {
      const server = servers[i]!;
      if (seed.forgottenFlow) flows.set(server, await server.startForgottenFlow(seed.forgottenFlow));
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  const handles = new Map(servers.map((s) => [s.state.name, orgHandle(s, flows.get(s))]));
  let closed: Promise<void> | undefined;
  return {
    orgs: [...handles.values()].map((h) => h.info),
    org(name) {
      const handle = handles.get(name);
      if (!handle) throw new Error(`simulator: no org named '${name}' (have: ${[...handles.keys()].join(', ')})`);
      return handle;
    },
    close() {
      closed ??= Promise.all(servers.map((s) => s.close())).then(() => undefined);
      return closed;
    },
  };
}
