// A deliberately hostile "Okta" on 127.0.0.1: a raw TCP server that writes HTTP/1.1 answers byte by byte as a test
// scripts them, so it can send what node:http refuses to (absurd or duplicated headers, a body longer or shorter
// than its Content-Length, a trickle, a stall, a cut connection). A mock, used because neither the simulator nor a
// well-behaved server can produce these answers: the hostile suites (test/unit/hostile) and the figures script
// (scripts/hostile-figures.ts) drive it.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface RawAnswer {
  status?: number;
  /** Header lines exactly as written (name and value), after the status line. */
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: string | Buffer;
  /** Leave out Content-Length (the body then ends with the connection). */
  noLength?: boolean;
  /** Wait this long before the status line. */
  delayMs?: number;
  /** Send the body `bytes` at a time, one piece every `everyMs`. */
  trickle?: { bytes: number; everyMs: number };
  /** Never answer: the connection stays open and silent. */
  stall?: boolean;
  /** Destroy the connection after this many bytes of the answer (status line and headers included). */
  cutAfter?: number;
}

export type Script = (req: Received, n: number) => RawAnswer;

export interface HostileServer {
  readonly base: string;
  readonly port: number;
  readonly seen: Received[];
  script: Script;
  close(): Promise<void>;
}

const JSON_TYPE = ['content-type', 'application/json'] as const;

/** A JSON answer (200 unless given), with extra header lines. */
export function json(body: unknown, status = 200, headers: ReadonlyArray<readonly [string, string]> = []): RawAnswer {
  return { status, headers: [JSON_TYPE, ...headers], body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function parseRequest(head: string): Omit<Received, 'body'> & { length: number } {
  const [line = '', ...lines] = head.split('\r\n');
  const [method = '', path = ''] = line.split(' ');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  return { method, path, headers, length: Number(headers['content-length'] ?? 0) || 0 };
}

async function answer(socket: Socket, a: RawAnswer): Promise<void> {
  const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  if (a.stall) return;
  if (a.delayMs) await wait(a.delayMs);
  const body = typeof a.body === 'string' ? Buffer.from(a.body, 'utf8') : (a.body ?? Buffer.alloc(0));
  const lines = [`HTTP/1.1 ${a.status ?? 200} X`];
  for (const [name, value] of a.headers ?? []) lines.push(`${name}: ${value}`);
  if (!a.noLength) lines.push(`content-length: ${body.length}`);
  lines.push(a.noLength ? 'connection: close' : 'connection: keep-alive', '', '');
  let out = Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
  if (a.cutAfter !== undefined) out = out.subarray(0, a.cutAfter);
  if (socket.destroyed) return;
  if (a.trickle) {
    const headEnd = out.length - body.length;
    socket.write(out.subarray(0, headEnd));
    for (let at = headEnd; at < out.length && !socket.destroyed; at += a.trickle.bytes) {
      await wait(a.trickle.everyMs);
      if (!socket.destroyed) socket.write(out.subarray(at, at + a.trickle.bytes));
    }
  } else {
    socket.write(out);
  }
  if (a.cutAfter !== undefined || a.noLength) socket.destroy();
}

/** A raw HTTP/1.1 server on 127.0.0.1 that answers each request as `script` says. */
export async function startHostileServer(script: Script = () => json([])): Promise<HostileServer> {
  const seen: Received[] = [];
  const sockets = new Set<Socket>();
  const state = { script };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    let busy = false;
    const next = async (): Promise<void> => {
      if (busy) return;
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const req = parseRequest(buffered.subarray(0, end).toString('latin1'));
      if (buffered.length < end + 4 + req.length) return;
      const body = buffered.subarray(end + 4, end + 4 + req.length).toString('utf8');
      buffered = buffered.subarray(end + 4 + req.length);
      const received: Received = { method: req.method, path: req.path, headers: req.headers, body };
      seen.push(received);
      busy = true;
      await answer(socket, state.script(received, seen.length));
      busy = false;
      await next();
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      void next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    seen,
    get script() {
      return state.script;
    },
    set script(s: Script) {
      state.script = s;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
