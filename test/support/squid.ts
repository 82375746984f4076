// A real corporate proxy for tests: Debian's squid, started on loopback with a config of its own, mapping the
// simulator's public org names (acme.okta.com) to the addresses serving them (its hosts_file): the only way a
// client reaches those names, so a request that arrives went through the proxy.
// One squid process, three proxy ports:
//   url         open to loopback clients, tunnels CONNECT to port 443
//   authUrl     the same, once the client gives the basic-auth credentials (user, password): 407 without them
//   refusingUrl answers every CONNECT with 403, as a proxy whose policy forbids the destination
// Its access log (one line per tunnel, written when the tunnel closes) proves what went through it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SQUID = '/usr/sbin/squid';
const NCSA_AUTH = '/usr/lib/squid/basic_ncsa_auth';
const HTPASSWD = '/usr/bin/htpasswd';

export interface SquidOptions {
  /** Host name to IP address, as in /etc/hosts: where the proxy sends a CONNECT for that name. */
  hosts: Readonly<Record<string, string>>;
}

/** One line of the access log: a tunnel (CONNECT) or a plain request, once finished. */
interface AccessLogEntry {
  /** Which of the proxy's ports the client used. */
  port: 'open' | 'auth' | 'refusing';
  /** Squid's result code: TCP_TUNNEL, TCP_DENIED… */
  result: string;
  status: number;
  method: string;
  /** For CONNECT: host:port. */
  target: string;
  /** The proxy user that authenticated; '-' for none. */
  user: string;
  /** Where squid connected: HIER_DIRECT/127.x.y.z, or HIER_NONE/- when it did not. */
  hierarchy: string;
}

export interface Squid {
  /** http://127.0.0.1:PORT, open to loopback clients. */
  readonly url: string;
  /** http://127.0.0.1:PORT, requires basic auth (407 otherwise). No credentials in it. */
  readonly authUrl: string;
  /** authUrl with user:password@ in it. */
  readonly authUrlWithCredentials: string;
  readonly user: string;
  readonly password: string;
  /** http://127.0.0.1:PORT, refuses every CONNECT (403). */
  readonly refusingUrl: string;
  /** Its folder: squid.conf, hosts, access.log, cache.log. */
  readonly dir: string;
  /** The access log so far. */
  accessLog(): AccessLogEntry[];
  /**
   * The CONNECT lines for `host` (e.g. 'acme.okta.com'), waiting up to `timeoutMs` for at least `atLeast` of them:
   * a tunnel is logged when it closes, so close the clients first.
   */
  connectsTo(host: string, atLeast?: number, timeoutMs?: number): Promise<AccessLogEntry[]>;
  stop(): Promise<void>;
}

function squidMissing(): string | undefined {
  for (const [file, pkg] of [
    [SQUID, 'squid'],
    [NCSA_AUTH, 'squid'],
    [HTPASSWD, 'apache2-utils'],
  ] as const) {
    if (!existsSync(file)) return `${file} is missing: apt-get install ${pkg} (.ci/run and scripts/e2e-setup.sh do)`;
  }
  return undefined;
}

/** uid 0 here, but not the machine's root: the uid map of this process maps 0 to another uid outside. */
function inUserNamespaceAsRoot(): boolean {
  if (process.getuid?.() !== 0) return false;
  const map = existsSync('/proc/self/uid_map') ? readFileSync('/proc/self/uid_map', 'utf8').trim().split(/\s+/) : [];
  return map.length >= 3 && !(map[0] === '0' && map[1] === '0' && map[2] === '4294967295');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function config(dir: string, ports: { open: number; auth: number; refusing: number }): string {
  return `
http_port 127.0.0.1:${ports.open} name=open
http_port 127.0.0.1:${ports.auth} name=auth
http_port 127.0.0.1:${ports.refusing} name=refusing
visible_hostname owsr-test-proxy
hosts_file ${dir}/hosts
dns_nameservers 127.0.0.1
auth_param basic program ${NCSA_AUTH} ${dir}/passwd
auth_param basic children 2 startup=1
auth_param basic realm owsr-test-proxy
acl open_port myportname open
acl auth_port myportname auth
acl refusing_port myportname refusing
acl authed proxy_auth REQUIRED
acl SSL_ports port 443
acl CONNECT method CONNECT
http_access deny CONNECT !SSL_ports
http_access deny refusing_port
http_access allow auth_port localhost authed
http_access deny auth_port
http_access allow open_port localhost
http_access deny all
cache deny all
cache_dir null /tmp
logformat owsr %>lp %Ss/%>Hs %rm %ru %un %Sh/%<a
access_log stdio:${dir}/access.log owsr
cache_log ${dir}/cache.log
pid_filename ${dir}/squid.pid
coredump_dir ${dir}
shutdown_lifetime 0 seconds
`;
}

function parseLog(text: string, ports: { open: number; auth: number; refusing: number }): AccessLogEntry[] {
  const names = new Map<string, AccessLogEntry['port']>([
    [String(ports.open), 'open'],
    [String(ports.auth), 'auth'],
    [String(ports.refusing), 'refusing'],
  ]);
  return (
    text
      .split('\n')
      .filter((line) => line.trim())
      // The readiness probe's connections, which sent nothing, are logged as 'error:transaction-end-before-headers'.
      .filter((line) => !line.includes('error:transaction-end-before-headers'))
      .map((line) => {
        const [port = '', result = '', method = '', target = '', user = '', hierarchy = ''] = line.trim().split(/\s+/);
        const [code = '', status = '0'] = result.split('/');
        return {
          port: names.get(port) ?? 'open',
          result: code,
          status: Number(status),
          method,
          target,
          user,
          hierarchy,
        };
      })
  );
}

export async function startSquid(options: SquidOptions): Promise<Squid> {
  const missing = squidMissing();
  if (missing) throw new Error(`squid harness: ${missing}`);
  const dir = mkdtempSync(join(tmpdir(), 'owsr-squid-'));
  // squid started by root drops privileges to the user 'proxy', which must write its logs and pid here.
  chmodSync(dir, 0o777);
  const user = 'owsr-proxy-user';
  // 20 characters: long enough for the leak audit to search it by 8-character pieces.
  const password = randomBytes(15).toString('base64url');
  execFileSync(HTPASSWD, ['-b', '-c', '-m', join(dir, 'passwd'), user, password], { stdio: 'ignore' });
  chmodSync(join(dir, 'passwd'), 0o644);
  writeFileSync(
    join(dir, 'hosts'),
    Object.entries(options.hosts)
      .map(([name, ip]) => `${ip} ${name}\n`)
      .join(''),
  );
  const ports = { open: await freePort(), auth: await freePort(), refusing: await freePort() };
  writeFileSync(join(dir, 'squid.conf'), config(dir, ports));
  const squidArgs = ['-N', '-f', join(dir, 'squid.conf')];
  // Root of a user namespace (unshare -rn, as a developer who is not root runs the suite): squid would try to drop
  // to the user 'proxy', who does not exist there. In a nested namespace it runs as an ordinary user instead.
  const [command, args] = inUserNamespaceAsRoot()
    ? ['unshare', ['--user', '--map-user=1000', '--map-group=1000', SQUID, ...squidArgs]]
    : [SQUID, squidArgs];
  // Its stderr goes to a file, and the child is unref'd: a squid shared by a whole run (proxiedPath.ts) must not keep
  // mocha's process alive, and the process ending stops it (below) whoever forgot to.
  const stderrFile = join(dir, 'stderr.log');
  const stderrFd = openSync(stderrFile, 'w');
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'ignore', stderrFd] });
  closeSync(stderrFd);
  child.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  // Should the test process end without stopping it (a failed hook, mocha's exit), squid ends and its folder goes.
  const killOnExit = (): void => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  void exited.then(() => {
    running = false;
    process.off('exit', killOnExit);
  });

  const stop = async (): Promise<void> => {
    child.ref(); // waited for now: an unref'd child would let the process end before it exits
    if (running) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready when every port accepts connections: a few hundred milliseconds; bounded at 15 s.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ready = await Promise.all(Object.values(ports).map(accepts));
    if (ready.every(Boolean)) break;
    if (!running || Date.now() > deadline) {
      const log = existsSync(join(dir, 'cache.log')) ? readFileSync(join(dir, 'cache.log'), 'utf8') : '';
      const stderr = readFileSync(stderrFile, 'utf8');
      await stop();
      throw new Error(`squid did not start${running ? ' within 15 s' : ''}:\n${stderr}\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const accessLog = (): AccessLogEntry[] => {
    const file = join(dir, 'access.log');
    return existsSync(file) ? parseLog(readFileSync(file, 'utf8'), ports) : [];
  };
  const url = (port: number) => `http://127.0.0.1:${port}`;
  return {
    url: url(ports.open),
    authUrl: url(ports.auth),
    authUrlWithCredentials: `http://${user}:${password}@127.0.0.1:${ports.auth}`,
    user,
    password,
    refusingUrl: url(ports.refusing),
    dir,
    accessLog,
    async connectsTo(host, atLeast = 1, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const lines = accessLog().filter((e) => e.method === 'CONNECT' && e.target.startsWith(`${host}:`));
        if (lines.length >= atLeast || Date.now() > until) return lines;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop,
  };
}
