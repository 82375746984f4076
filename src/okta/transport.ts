// One HTTP exchange with one org, over one keep-alive undici Pool: a hard deadline per attempt, the caller's
// AbortSignal bridged in, a cap on the body we read, and every failure turned into an OktaError. Nothing here
// retries or logs: that is the client's policy. A failure after which the request may have reached Okta is marked
// so (requestReach.ts): a write is then read back before anything is recorded about it.
// The dispatcher (a Pool to the org, or a ProxyAgent through the proxy the network options name) is created on the
// first request: undici (about 300 KiB with its HTTP parser) is loaded then, not when the extension activates
// (esbuild.mjs emits ./network/dispatcher.ts, undici included, as dist/undici-pool.js).
import type { IncomingHttpHeaders } from 'node:http';
import { OktaError } from './errors.ts';
import { abortedByDeadline } from './http/operationBudget.ts';
import { CANCELLED_AFTER_SENDING, mayHaveReachedOkta } from './requestReach.ts';
import type * as DispatcherModule from './network/dispatcher.ts';
import type { UsableRoute } from './network/dispatcher.ts';
import type { NetworkOptions } from './network/networkOptions.ts';
import type { RequestPool } from './undiciPool.ts';

interface OpenPool {
  dispatcher: RequestPool;
  route: UsableRoute;
  /** The lazily loaded module's words for a failed connection. */
  describe: typeof DispatcherModule.describeConnectionFailure;
  codes: typeof DispatcherModule.errorCodes;
}

export interface TransportOptions {
  origin: string;
  org: string;
  timeoutMs: number;
  connections: number;
  maxBodyBytes: number;
  /** Proxy and certificate trust. Default: no proxy, Node's and the system's certificates. */
  network?: NetworkOptions | undefined;
}

export interface HttpRequest {
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL on this transport's origin. */
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
  /** This attempt's own deadline when shorter than the transport's (the operation's time is running out). */
  timeoutMs?: number;
  /** This answer's own cap when smaller than the transport's (the operation's bytes are running out). */
  maxBodyBytes?: number;
  /** The error when the answer passes `maxBodyBytes` (default: an answer larger than this API ever sends). */
  tooLarge?: () => OktaError;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// RFC 9110 field values: visible ASCII, spaces and tabs, obs-text. A CR, LF or NUL would split or end the header.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The name of the first header whose value HTTP forbids, or undefined. */
function refusedHeader(headers: Record<string, string>): string | undefined {
  return Object.entries(headers).find(([, v]) => typeof v !== 'string' || !FIELD_VALUE.test(v))?.[0];
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

export class Transport {
  readonly origin: string;
  readonly org: string;
  private readonly connections: number;
  /** Deadline of one attempt (an operation's request may get less: what is left of its time). */
  readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly network: NetworkOptions;
  private pool: Promise<OpenPool> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(opts: TransportOptions) {
    this.origin = opts.origin;
    this.org = opts.org;
    this.connections = opts.connections;
    this.timeoutMs = opts.timeoutMs;
    this.maxBodyBytes = opts.maxBodyBytes;
    this.network = opts.network ?? {};
  }

  /** The dispatcher and the route it takes, decided once, on the first request. */
  private openPool(): Promise<OpenPool> {
    this.pool ??= import('./network/dispatcher.ts').then((m) => {
      const route = m.routeTo(this.origin, this.network);
      const options = { origin: this.origin, org: this.org, connections: this.connections, timeoutMs: this.timeoutMs };
      const dispatcher = m.openDispatcher({ ...options, network: this.network }, route);
      return { dispatcher, route, describe: m.describeConnectionFailure, codes: m.errorCodes };
    });
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
    const refused = refusedHeader(req.headers);
    if (refused !== undefined) {
      // Certainly not sent: nothing left this process. Named by header, never by value (a token may be in it).
      throw fail({
        kind: 'input',
        detail: `the ${refused} header would hold a line break or another character HTTP forbids, so nothing was sent`,
        advice:
          refused === 'authorization' || refused === 'dpop'
            ? 'The credential holds a character no Okta credential has: set the API token or the service app again.'
            : 'Nothing was sent to Okta. Report it with the log if it persists.',
      });
    }
    let open: OpenPool;
    try {
      open = await this.openPool();
    } catch (e) {
      this.pool = undefined;
      throw this.openFailure(e, req.operation);
    }
    if (req.signal?.aborted) throw fail({ kind: abortedByDeadline(req.signal) ? 'timeout' : 'cancelled' });
    const timeoutMs = Math.max(0, Math.min(this.timeoutMs, req.timeoutMs ?? Infinity));

    // One controller aborts the exchange for either reason; the flags tell which one it was.
    const controller = new AbortController();
    let timedOut = false;
    let cancelled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    const onAbort = (): void => {
      // The operation's deadline is a timeout, not a cancel: a read says so, a write is reconciled as after any.
      if (abortedByDeadline(req.signal)) timedOut = true;
      else cancelled = true;
      controller.abort(new Error(timedOut ? 'timeout' : 'cancelled'));
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let sent = false;
    try {
      const res = await open.dispatcher.request({
        origin: this.origin,
        path: req.url.pathname + req.url.search,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
      });
      sent = true;
      const body = await this.readCapped(res.body, req);
      // One turn of the event loop lets undici put the connection back in the pool: the org's next request then
      // reuses it instead of opening another (a TCP and TLS handshake, through a proxy a CONNECT as well).
      await new Promise((resolve) => setImmediate(resolve));
      return { status: res.statusCode, headers: res.headers, body };
    } catch (e) {
      if (e instanceof OktaError) throw e;
      const code = open.codes(e)[0];
      // undici's own refusal of a request before it left (a header, a method): certainly not sent.
      if (!sent && code === 'UND_ERR_INVALID_ARG') {
        throw fail({
          kind: 'input',
          detail: 'the request was refused before it was sent (an invalid header)',
          cause: e,
        });
      }
      if (cancelled) {
        if (req.method === 'GET') throw fail({ kind: 'cancelled', cause: e });
        // A write cancelled after it left may still have been carried out: its outcome is unknown.
        throw mayHaveReachedOkta(
          fail({
            kind: 'cancelled',
            cause: e,
            detail: CANCELLED_AFTER_SENDING,
            advice: 'Refresh the secrets list to see what Okta did before acting again.',
          }),
        );
      }
      const proxy = open.route.kind === 'proxy' ? open.route : undefined;
      const failure = open.describe(e, {
        org: this.org,
        proxyHost: proxy?.host,
        proxyCredentials: proxy?.authorization !== undefined,
      });
      // Refused by the proxy or at the TLS handshake: the request never left.
      if (failure && !sent)
        throw fail({
          kind: 'network',
          detail: failure.detail,
          advice: failure.advice,
          connection: failure.reason,
          cause: e,
        });
      if (timedOut || (code !== undefined && TIMEOUTS.has(code))) {
        throw mayHaveReachedOkta(
          fail({
            kind: 'timeout',
            detail: `no complete answer within ${Math.round(timeoutMs / 100) / 10} s`,
            cause: e,
          }),
        );
      }
      const words = (code && NETWORK_WORDS[code]) ?? 'the connection failed';
      const err = fail({ kind: 'network', detail: `${words}${code ? ` (${code})` : ''}`, cause: e });
      if (sent || code === undefined || !NOT_SENT.has(code)) mayHaveReachedOkta(err);
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
    const cap = Math.min(this.maxBodyBytes, req.maxBodyBytes ?? Infinity);
    for await (const chunk of body) {
      size += chunk.length;
      if (size > cap) {
        body.destroy();
        if (req.tooLarge && cap < this.maxBodyBytes) throw req.tooLarge();
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
  close(): Promise<void> {
    this.closed = true;
    // Once: closing again waits for the same close (undici refuses to close a closed dispatcher).
    this.closing ??= (async () => {
      const pool = await this.pool?.catch(() => undefined);
      await pool?.dispatcher.close();
    })();
    return this.closing;
  }

  private openFailure(e: unknown, operation: string): OktaError {
    const init = { kind: 'network' as const, operation, org: this.org, cause: e };
    if (e instanceof Error && e.name === 'ProxySettingError') {
      return new OktaError({
        ...init,
        detail: e.message,
        advice:
          "Correct VS Code's http.proxy (or the HTTPS_PROXY environment variable when http.proxy is empty): http://host:port, with user:password@ before the host if the proxy needs them.",
      });
    }
    const certificates = e instanceof Error && /certificate|PEM|asn1/i.test(e.message);
    return new OktaError({
      ...init,
      detail: certificates
        ? 'a trusted certificate could not be read'
        : 'the HTTP library could not be loaded (reinstall the extension)',
      ...(certificates ? { advice: 'Check the PEM file NODE_EXTRA_CA_CERTS names, then restart VS Code.' } : {}),
    });
  }
}
