// A scripted node:http server on loopback, for answers the simulator cannot give (a proxy's HTML page, a 200
// carrying an error, duplicate ids, redirects): a mock, used only where no real part produces the situation.
// It records every request, so a "wrong host" stub can assert it received nothing.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { secretHash } from '../../../src/okta/secretHash.ts';

export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface StubServer {
  readonly base: string;
  readonly seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
  script: (req: { method: string; url: string; n: number }) => StubAnswer;
  close(): Promise<void>;
}

export async function startStub(script: StubServer['script'] = () => ({ status: 404 })): Promise<StubServer> {
  const seen: StubServer['seen'] = [];
  const stub = { seen, script, base: '', close: async () => undefined } as StubServer;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const a = stub.script({ method: req.method ?? '', url: req.url ?? '', n: seen.length });
      res.writeHead(a.status, a.headers ?? {});
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(stub, {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return stub;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };
export const APP_ID = '0oa1abcdEFGH2345ijkl';
/** A listed secret as Okta sends it: the value in plaintext with its own secret_hash. */
export const secretJson = (id: string, status = 'ACTIVE', value = `v${id}-${'s'.repeat(30)}`) => ({
  id,
  status,
  client_secret: value,
  secret_hash: secretHash(value),
  created: '2026-01-01T00:00:00.000Z',
  lastUpdated: '2026-01-01T00:00:00.000Z',
});
