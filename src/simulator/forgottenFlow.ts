// A forgotten flow: a Workflows Okta connection nobody moved to the new secret, still refreshing its token with the
// old one. It asks the org's token endpoint for tokens on an interval as the connection does (grant_type=
// refresh_token with a refresh token the org issued to it, the app's own client authentication, the one secret it
// was set up with), from its own loopback address (127.0.0.42 where the system allows binding it, as Linux does for
// all of 127/8) and with its own user agent, so the System Log names it. Its refreshes succeed while its secret is
// ACTIVE; once the secret is deactivated or deleted each fails with invalid_client, and the org logs the failure.
// The user agent is ours: what Okta Workflows sends is not public.
import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { secretHash } from './ids.ts';
import type { OrgState } from './orgState.ts';

const FORGOTTEN_FLOW_USER_AGENT = 'okta-workflows-connector-simulated/1.0 (forgotten flow)';
const DEFAULT_INTERVAL_MS = 60_000;
const PREFERRED_ADDRESS = '127.0.0.42';
const REQUEST_TIMEOUT_MS = 10_000;
/** What a Workflows Okta connection may hold; any scope would do, the simulator checks none. */
const CONNECTION_SCOPE = 'offline_access okta.users.read okta.groups.read okta.apps.read';

export interface ForgottenFlowOptions {
  /** The app whose client it is (default: the Workflows app). */
  appId?: string;
  /** The secret it presents (default: the app's oldest ACTIVE secret now, the one a connection was set up with). */
  secret?: string;
  /** Between two refreshes (default 60 000 ms). */
  intervalMs?: number;
  /** The refresh token it presents (default: one the org issues to the client now). */
  refreshToken?: string;
  /** The local address its connections come from (default 127.0.0.42 when the org listens on 127/8). */
  localAddress?: string;
  userAgent?: string;
}

/** Where the org listens, and over TLS the name and certificate it serves (the flow trusts exactly that one). */
export interface FlowTarget {
  address: string;
  port: number;
  tls?: { hostName: string; cert: string };
}

/** What the flow sends with every refresh. */
interface FlowCredentials {
  clientId: string;
  authMethod: string;
  secret: string;
  refreshToken: string;
}

export interface ForgottenFlow {
  readonly clientId: string;
  readonly userAgent: string;
  /** The presented secret's hash, as the org's failure events record it. */
  readonly secretHash: string;
  readonly intervalMs: number;
  /** The address the org sees its requests come from ('' before the first refresh). */
  readonly clientIp: string;
  /** Answers received so far: 200s and the others. */
  readonly refreshes: { readonly succeeded: number; readonly failed: number };
  /** One refresh now (between the scheduled ones); its HTTP status. */
  refreshNow(): Promise<number>;
  /** Stops the schedule and abandons a refresh in flight. */
  stop(): Promise<void>;
}

class ScheduledFlow implements ForgottenFlow {
  readonly clientId: string;
  readonly userAgent: string;
  readonly secretHash: string;
  readonly intervalMs: number;
  clientIp = '';
  readonly refreshes = { succeeded: 0, failed: 0 };
  readonly #target: FlowTarget;
  readonly #credentials: FlowCredentials;
  #localAddress: string | undefined;
  readonly #stopping = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Refreshes run one at a time. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(target: FlowTarget, credentials: FlowCredentials, options: ForgottenFlowOptions) {
    const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    if (!Number.isInteger(intervalMs) || intervalMs < 1)
      throw new Error(`simulator: a forgotten flow's interval must be a whole number of ms >= 1, got ${intervalMs}`);
    this.intervalMs = intervalMs;
    this.#target = target;
    this.#credentials = credentials;
    this.clientId = credentials.clientId;
    this.secretHash = secretHash(credentials.secret);
    this.userAgent = options.userAgent ?? FORGOTTEN_FLOW_USER_AGENT;
    this.#localAddress = options.localAddress ?? (target.address.startsWith('127.') ? PREFERRED_ADDRESS : undefined);
  }

  /** The first refresh, then one every interval until stopped. */
  async start(): Promise<void> {
    await this.refreshNow();
    this.#schedule();
  }

  refreshNow(): Promise<number> {
    if (this.#stopping.signal.aborted) return Promise.reject(new Error('simulator: this forgotten flow was stopped'));
    const next = this.#chain.then(() => this.#refresh());
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    clearTimeout(this.#timer);
    await this.#chain;
  }

  #schedule(): void {
    if (this.#stopping.signal.aborted) return;
    this.#timer = setTimeout(() => {
      this.refreshNow()
        .catch(() => undefined) // a refresh that could not be sent is tried again at the next interval
        .finally(() => this.#schedule());
    }, this.intervalMs);
    this.#timer.unref();
  }

  async #refresh(): Promise<number> {
    try {
      return await this.#send(this.#localAddress);
    } catch (e) {
      // A system that does not route 127.0.0.42 (macOS): the default loopback address then.
      if ((e as NodeJS.ErrnoException).code !== 'EADDRNOTAVAIL' || this.#localAddress === undefined) throw e;
      this.#localAddress = undefined;
      return this.#send(undefined);
    }
  }

  #send(localAddress: string | undefined): Promise<number> {
    const { clientId, authMethod, secret, refreshToken } = this.#credentials;
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    if (authMethod === 'client_secret_post') {
      form.set('client_id', clientId);
      form.set('client_secret', secret);
    } else {
      const enc = (s: string): string => new URLSearchParams({ v: s }).toString().slice(2);
      headers.authorization = `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
    }
    const body = form.toString();
    const { address, port, tls } = this.#target;
    const common = {
      host: address,
      port,
      method: 'POST',
      path: '/oauth2/v1/token',
      headers: { ...headers, host: tls ? tls.hostName : `${address}:${port}`, 'content-length': String(body.length) },
      agent: false,
      signal: this.#stopping.signal,
      timeout: REQUEST_TIMEOUT_MS,
      ...(localAddress ? { localAddress } : {}),
    } as const;
    return new Promise<number>((resolve, reject) => {
      const answered = (res: IncomingMessage): void => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 200) this.refreshes.succeeded++;
          else this.refreshes.failed++;
          resolve(status);
        });
        res.on('error', reject);
      };
      const req: ClientRequest = tls
        ? httpsRequest({ ...common, servername: tls.hostName, rejectUnauthorized: false }, answered)
        : httpRequest(common, answered);
      req.on('socket', (socket) => {
        socket.once('connect', () => (this.clientIp = socket.localAddress ?? this.clientIp));
        // Over TLS the flow trusts exactly the org's own certificate (the org's CA is not the simulator's to hold).
        if (tls) socket.once('secureConnect', () => pinned(socket as TLSSocket, tls.cert, req));
      });
      req.on('timeout', () => req.destroy(new Error('simulator: the forgotten flow got no answer in time')));
      req.on('error', reject);
      req.end(body);
    });
  }
}

function pinned(socket: TLSSocket, certPem: string, req: ClientRequest): void {
  const peer = socket.getPeerX509Certificate();
  if (!peer || !peer.raw.equals(new X509Certificate(certPem).raw))
    req.destroy(new Error('simulator: the forgotten flow reached a server that is not the org'));
}

/** Where a server listening on `listening` ('ip:port') is, for a flow (over TLS: its name and certificate too). */
export function flowTargetOf(listening: string, tls: { hostName: string; cert: string } | undefined): FlowTarget {
  const [address = '', port = ''] = /^(.*):(\d+)$/.exec(listening)?.slice(1) ?? [];
  return { address, port: Number(port), ...(tls ? { tls: { hostName: tls.hostName, cert: tls.cert } } : {}) };
}

/** An org's forgotten flows: each started with its first refresh done, all stopped when the org closes. */
export class ForgottenFlows {
  readonly #org: OrgState;
  readonly #flows = new Set<ScheduledFlow>();

  constructor(org: OrgState) {
    this.#org = org;
  }

  async start(target: FlowTarget, options: ForgottenFlowOptions): Promise<ForgottenFlow> {
    const flow = createForgottenFlow(this.#org, target, options);
    this.#flows.add(flow);
    try {
      await flow.start();
    } catch (e) {
      this.#flows.delete(flow);
      await flow.stop();
      throw e;
    }
    return flow;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#flows].map((f) => f.stop()));
  }
}

/** A forgotten flow of `org` against the server at `target`, not started yet (ScheduledFlow.start). */
function createForgottenFlow(org: OrgState, target: FlowTarget, options: ForgottenFlowOptions = {}): ScheduledFlow {
  const appId = options.appId ?? org.workflowsAppId;
  const app = org.app(appId);
  const client = app?.oauthClient;
  if (!app || !client) throw new Error(`simulator: org ${org.name} has no OAuth app ${appId || '(no Workflows app)'}`);
  const secret = options.secret ?? app.secrets.find((s) => s.status === 'ACTIVE')?.clientSecret;
  if (secret === undefined) throw new Error(`simulator: app ${appId} of org ${org.name} has no ACTIVE secret`);
  return new ScheduledFlow(
    target,
    {
      clientId: client.clientId,
      authMethod: client.tokenEndpointAuthMethod,
      secret,
      refreshToken: options.refreshToken ?? org.issueRefreshToken(client.clientId, CONNECTION_SCOPE),
    },
    options,
  );
}
