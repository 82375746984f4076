// One org's HTTP server: the request pipeline every request goes through, in this order:
//   record the request -> added latency -> fault (stall / fail) -> rate limit (the route's bucket) -> credential
//   (management API only: an admin's API token, checked by the admin's rights; or a service app's token, checked by
//   its scopes) -> handler -> fault (malformed / drop) -> answer.
// Every answer carries Content-Type: application/json (except 204), X-Okta-Request-Id and a Date header on the
// org's clock; management API answers also carry the X-Rate-Limit-* headers.
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { internalError, tooManyRequests } from './errors.ts';
import { authorize } from './credentialCheck.ts';
import { Faults, malformedBody } from './faults.ts';
import { flowTargetOf, ForgottenFlows, type ForgottenFlow, type ForgottenFlowOptions } from './forgottenFlow.ts';
import { fromError } from './answer.ts';
import type { Answer } from './answer.ts';
import type { RequestContext } from './http.ts';
import { newRequestId } from './ids.ts';
import type { Principal } from './logEvents.ts';
import type { OrgState } from './orgState.ts';
import { RateLimiter } from './rateLimiter.ts';
import { route, type RateBucket } from './routes/index.ts';

/**
 * Per-minute limits of the buckets other than apps (whose limit the options give): Okta's published management
 * limits for a paid developer org (developer.okta.com "Management rate limits").
 */
const BUCKET_LIMITS: Record<Exclude<RateBucket, 'apps'>, number> = { logs: 50, userById: 600, other: 600 };

const MAX_BODY_BYTES = 1024 * 1024;

export interface RequestRecord {
  method: string;
  path: string;
  /** The status answered; 0 while pending, and for requests that got no answer (stalled, dropped). */
  status: number;
  /** A token request's grant_type (the secret probe, a service app's token, a connection's refresh): one path, three callers. */
  grant?: string;
}

export interface RequestLogEntry {
  org: string;
  method: string;
  /** path and query */
  url: string;
  status: number | 'dropped' | 'stalled';
  ms: number;
}

/**
 * Serving an org over TLS under a public name (https://acme.okta.com): its key and certificate, and where to listen.
 * Made by src/simulator/tls/ (certificates, loopback addresses), which only the CLI and tests load.
 */
export interface OrgTls {
  hostName: string;
  key: string;
  cert: string;
  /** An address to listen on; called again for another when one is taken (EADDRINUSE). */
  address: () => string;
  /** 443 for a real-looking org (https://<hostName>, no port). */
  port: number;
}

export interface OrgServerOptions {
  host: string;
  port: number;
  tls?: OrgTls | undefined;
  latencyMs: number;
  rateLimitPerMinute: number;
  now: () => number;
  onRequest?: (entry: RequestLogEntry) => void;
}

export class OrgServer {
  readonly state: OrgState;
  /** Set when the org is served over TLS under a public name. */
  readonly tls: boolean;
  readonly faults: Faults;
  /** The apps bucket (/api/v1/apps and /api/v1/apps/*). */
  readonly rateLimiter: RateLimiter;
  /** Every bucket, the apps one included. */
  readonly rateLimiters: Record<RateBucket, RateLimiter>;
  readonly requests: RequestRecord[] = [];
  private readonly server: Server | ReturnType<typeof createTlsServer>;
  /** ip:port the server listens on. */
  listening = '';
  private readonly options: OrgServerOptions;
  /** Aborted on close, so pending latency timers do not keep the process alive. */
  private readonly closing = new AbortController();
  /** The org's forgotten flows, stopped when it closes. */
  private readonly flows: ForgottenFlows;

  constructor(state: OrgState, options: OrgServerOptions) {
    this.state = state;
    this.options = options;
    this.flows = new ForgottenFlows(state);
    this.faults = new Faults(options.latencyMs);
    this.rateLimiter = new RateLimiter(options.rateLimitPerMinute, options.now);
    this.rateLimiters = {
      apps: this.rateLimiter,
      logs: new RateLimiter(BUCKET_LIMITS.logs, options.now),
      userById: new RateLimiter(BUCKET_LIMITS.userById, options.now),
      other: new RateLimiter(BUCKET_LIMITS.other, options.now),
    };
    const handler: RequestListener = (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A bug in the simulator: answer 500 rather than hang the client.
        if (!res.headersSent && !res.destroyed) this.send(res, fromError(internalError()), newRequestId());
        process.stderr.write(`simulator: ${this.state.name}: ${err instanceof Error ? err.stack : String(err)}\n`);
      });
    };
    const tls = options.tls;
    this.tls = tls !== undefined;
    this.server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
    this.server.keepAliveTimeout = 5000;
  }

  async listen(): Promise<string> {
    const tls = this.options.tls;
    if (!tls) {
      const { address, port } = await this.listenOn(this.options.host, this.options.port);
      this.listening = `${address}:${port}`;
      const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
      this.state.baseUrl = `http://${host}:${port}`;
      return this.state.baseUrl;
    }
    // Several simulators may run at once on one machine: another address when this one's port is taken.
    for (let attempt = 1; ; attempt++) {
      try {
        const { address, port } = await this.listenOn(tls.address(), tls.port);
        this.listening = `${address}:${port}`;
        this.state.baseUrl = `https://${tls.hostName}${port === 443 ? '' : `:${port}`}`;
        return this.state.baseUrl;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw e;
      }
    }
  }

  private async listenOn(host: string, port: number): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('simulator: not listening on TCP');
    return address;
  }

  /** A forgotten flow of this org (forgottenFlow.ts), its first refresh done; it stops when the org closes. */
  startForgottenFlow(options: ForgottenFlowOptions = {}): Promise<ForgottenFlow> {
    if (this.closing.signal.aborted) return Promise.reject(new Error(`simulator: org ${this.state.name} is closed`));
    return this.flows.start(flowTargetOf(this.listening, this.options.tls), options);
  }

  /** Stops the forgotten flows and listening, and destroys every open connection, stalled ones included. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.flows.stopAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = newRequestId();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.state.baseUrl);
    const record: RequestRecord = { method, path: url.pathname, status: 0 };
    this.requests.push(record);
    const log = (status: RequestLogEntry['status']) =>
      this.options.onRequest?.({
        org: this.state.name,
        method,
        url: url.pathname + url.search,
        status,
        ms: Date.now() - started,
      });

    const body = await readBody(req);
    if (url.pathname === '/oauth2/v1/token')
      record.grant = new URLSearchParams(body.toString('utf8')).get('grant_type') ?? '';
    if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs, this.closing.signal);
    if (this.closing.signal.aborted) return;

    const fault = this.faults.take(method, url.pathname);
    if (fault?.kind === 'stall') return log('stalled'); // never answered; close() destroys the socket

    const target = route(method, url.pathname);
    let rateHeaders: Record<string, string> = {};
    let answer: Answer | undefined;
    if (target.bucket) {
      const verdict = this.rateLimiters[target.bucket].take();
      rateHeaders = verdict.headers;
      if (!verdict.allowed) answer = fromError(tooManyRequests());
    }
    if (!answer && fault?.kind === 'fail')
      answer = fault.status === 429 ? fromError(tooManyRequests()) : fromError(internalError(fault.status));
    let principal: Principal | undefined;
    if (!answer && target.kind === 'managementApi') {
      const checked = authorize(this.state, req.headers, method, url, target.access);
      if ('kind' in checked) principal = checked;
      else answer = checked;
    }
    if (!answer) {
      const ctx: RequestContext = {
        org: this.state,
        method,
        url,
        path: url.pathname,
        headers: req.headers,
        body,
        now: this.options.now(),
        requestId,
        ip: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
        ...(principal ? { principal } : {}),
      };
      answer = target.handle(ctx);
    }
    answer = { ...answer, headers: { ...rateHeaders, ...answer.headers } };

    if (fault?.kind === 'hold') {
      const socket = req.socket;
      const gone = socket.destroyed ? Promise.resolve() : new Promise<void>((r) => socket.once('close', () => r()));
      await fault.hold.holdUntilReleased(gone, this.closing.signal);
      // The client left, or the org is closing: the change stays, the answer is lost.
      if (socket.destroyed || this.closing.signal.aborted) return log('dropped');
    }
    if (fault?.kind === 'drop') {
      // The work is done and committed; the answer is lost on the wire.
      req.socket.destroy();
      return log('dropped');
    }
    if (fault?.kind === 'malformed') {
      const status = answer.status >= 200 && answer.status < 300 && answer.status !== 204 ? answer.status : 200;
      this.send(res, { status, headers: answer.headers }, requestId, malformedBody(fault.malformed, answer.body));
    } else {
      this.send(res, answer, requestId);
    }
    record.status = res.statusCode;
    log(res.statusCode);
  }

  private send(res: ServerResponse, answer: Answer, requestId: string, rawBody?: string): void {
    if (res.destroyed) return;
    const text = rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    res.statusCode = answer.status;
    res.setHeader('Date', new Date(this.options.now()).toUTCString());
    res.setHeader('X-Okta-Request-Id', requestId);
    if (text) res.setHeader('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the cap the rest is read and dropped (the handler sees a truncated body), keeping the socket usable.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
