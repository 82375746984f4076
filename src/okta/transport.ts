// One HTTP exchange with one org, over one keep-alive undici Pool: a hard deadline per attempt, the caller's
// AbortSignal bridged in, a cap on the body we read, and every failure turned into an OktaError. Nothing here
// retries or logs: that is the client's policy.
// The Pool is created on the first request: undici (about 280 KiB with its HTTP parser) is loaded then, not when
// the extension activates (esbuild.mjs emits ./undiciPool.ts as dist/undici-pool.js).
import type { IncomingHttpHeaders } from 'node:http';
import { OktaError } from './errors.ts';
import type { RequestPool } from './undiciPool.ts';

export interface TransportOptions {
  origin: string;
  org: string;
  timeoutMs: number;
  connections: number;
  maxBodyBytes: number;
}

export interface HttpRequest {
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL on this transport's origin. */
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Errors after which the request may have reached Okta and been acted on (the answer was lost), as opposed to
// errors where it certainly was not sent (refused, unresolvable). Writes reconcile only the former.
const mayHaveReached = new WeakSet<OktaError>();

/** True when the request behind `e` may have been executed by Okta although no answer arrived. */
export function requestMayHaveReachedOkta(e: unknown): boolean {
  return e instanceof OktaError && mayHaveReached.has(e);
}

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the domain does not resolve',
  EAI_AGAIN: 'the domain could not be resolved (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connecting took too long',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed while sending',
  UND_ERR_SOCKET: 'the connection was closed before the answer arrived',
  UND_ERR_CLOSED: 'the connection was closed',
};

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export class Transport {
  readonly origin: string;
  readonly org: string;
  private readonly connections: number;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private pool: Promise<RequestPool> | undefined;
  private closed = false;

  constructor(opts: TransportOptions) {
    this.origin = opts.origin;
    this.org = opts.org;
    this.connections = opts.connections;
    this.timeoutMs = opts.timeoutMs;
    this.maxBodyBytes = opts.maxBodyBytes;
  }

  /** The Pool, created once, on the first request. */
  private openPool(): Promise<RequestPool> {
    this.pool ??= import('./undiciPool.ts').then(
      ({ Pool }) =>
        new Pool(this.origin, {
          connections: this.connections,
          keepAliveTimeout: 10_000,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          connect: { timeout: Math.min(this.timeoutMs, 15_000) },
        }),
    );
    return this.pool;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const fail = (init: Omit<ConstructorParameters<typeof OktaError>[0], 'operation' | 'org'>): OktaError =>
      new OktaError({ operation: req.operation, org: this.org, ...init });
    if (req.url.origin !== this.origin) {
      // Defence in depth: the client never builds such a URL.
      throw fail({ kind: 'protocol', detail: 'refused to send a request to another host' });
    }
    // Refusals before anything is sent: not marked as possibly reaching Okta.
    if (this.closed)
      throw fail({ kind: 'network', detail: "the connection was closed (this org's client was closed)" });
    let pool: RequestPool;
    try {
      pool = await this.openPool();
    } catch (e) {
      this.pool = undefined;
      throw fail({
        kind: 'network',
        detail: 'the HTTP library could not be loaded (reinstall the extension)',
        cause: e,
      });
    }
    if (req.signal?.aborted) throw fail({ kind: 'cancelled' });

    // One controller aborts the exchange for either reason; the flags tell which one it was.
    const controller = new AbortController();
    let timedOut = false;
    let cancelled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, this.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      controller.abort(new Error('cancelled'));
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let sent = false;
    try {
      const res = await pool.request({
        path: req.url.pathname + req.url.search,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
      });
      sent = true;
      const body = await this.readCapped(res.body, req);
      return { status: res.statusCode, headers: res.headers, body };
    } catch (e) {
      if (e instanceof OktaError) throw e;
      const code = errorCode(e);
      if (cancelled) {
        if (req.method === 'GET') throw fail({ kind: 'cancelled', cause: e });
        // A write cancelled after it left may still have been carried out.
        const err = fail({
          kind: 'cancelled',
          cause: e,
          advice:
            'Cancelled while the request was on its way: Okta may have carried it out. Refresh the secrets list before acting again.',
        });
        mayHaveReached.add(err);
        throw err;
      }
      if (timedOut || (code !== undefined && TIMEOUTS.has(code))) {
        const err = fail({
          kind: 'timeout',
          detail: `no complete answer within ${Math.round(this.timeoutMs / 100) / 10} s`,
          cause: e,
        });
        mayHaveReached.add(err);
        throw err;
      }
      const words = (code && NETWORK_WORDS[code]) ?? 'the connection failed';
      const err = fail({ kind: 'network', detail: `${words}${code ? ` (${code})` : ''}`, cause: e });
      if (sent || code === undefined || !NOT_SENT.has(code)) mayHaveReached.add(err);
      throw err;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async readCapped(
    body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown },
    req: HttpRequest,
  ): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        body.destroy();
        throw new OktaError({
          kind: 'protocol',
          operation: req.operation,
          org: this.org,
          detail: `the answer is larger than ${Math.round(this.maxBodyBytes / 1024)} KiB, more than this API ever sends`,
        });
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** Lets in-flight requests finish; later ones are refused. Nothing to close when nothing was sent. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }

  /** Closes at once, failing whatever is in flight. */
  async destroy(): Promise<void> {
    this.closed = true;
    const pool = await this.pool?.catch(() => undefined);
    await pool?.destroy();
  }
}
