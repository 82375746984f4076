// The client reaching real-looking orgs (https://<name>.okta.com on port 443, certificates from the run's CA)
// through a real proxy (squid), as an admin behind a corporate proxy does: the orgs listen on addresses only squid's
// hosts file names, so an answer proves the proxy carried the request, and squid's access log shows the tunnel.
// Every failure a proxy or a certificate can cause gets its own message naming the proxy by host:port, never its
// credentials. The tests of a direct connection use an org under the reserved .invalid top-level domain, which
// resolves nowhere but in squid (RFC 6761), so they never depend on public DNS: on a machine that has it, a direct
// request to acme.okta.com would reach the real Okta, or hang on a blocked route.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiTokenAuth, OktaClient } from '../../../../src/okta/client.ts';
import { isOktaError, type OktaError } from '../../../../src/okta/errors.ts';
import type { NetworkLog, NetworkOptions } from '../../../../src/okta/network/networkOptions.ts';
import { startTlsOrgs, type TlsOrgs } from '../../../support/tlsOrgs.ts';
import { closedPort } from '../fixture.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
/** An org's name that no DNS resolves: only squid's hosts file knows where it is. */
const UNRESOLVABLE = 'acme.okta.invalid';

function memoryLog(): NetworkLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

/** The message and every cause's message, as the extension's log prints an error. */
function everything(e: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 6; depth++, cur = cur.cause) {
    parts.push(cur.message, JSON.stringify(cur));
  }
  return parts.join('\n');
}

describe('network: TLS orgs through a real proxy (squid)', function () {
  this.timeout(60_000);
  let world: TlsOrgs;
  const clients: OktaClient[] = [];

  before(async () => {
    world = await startTlsOrgs({
      orgs: [
        { name: 'acme', environment: 'production', serviceApp: false },
        { name: 'unresolvable', environment: 'production', serviceApp: false, hostName: UNRESOLVABLE },
        { name: 'untrusted', environment: 'production', serviceApp: false, certificate: 'unknownCa' },
        { name: 'expired', environment: 'preview', serviceApp: false, certificate: 'expired' },
        { name: 'wronghost', environment: 'production', serviceApp: false, certificate: 'wrongHost' },
      ],
    });
  });
  after(async () => {
    try {
      await Promise.all(clients.splice(0).map((c) => c.close()));
    } finally {
      await world?.close();
    }
  });

  function client(org: string, network: NetworkOptions): OktaClient {
    const info = world.org(org).info;
    const c = new OktaClient({ baseUrl: info.baseUrl, auth: new ApiTokenAuth(info.apiToken), network, maxRetries: 1 });
    clients.push(c);
    return c;
  }

  async function failure(org: string, network: NetworkOptions): Promise<OktaError> {
    const c = client(org, network);
    try {
      await c.listApps();
    } catch (e) {
      assert.ok(isOktaError(e, 'network'), String(e));
      return e;
    } finally {
      await c.close();
    }
    assert.fail('the request succeeded');
  }

  /** Lists the apps, closes the client (squid logs a tunnel when it closes) and returns the new CONNECT lines. */
  async function listThrough(org: string, network: NetworkOptions) {
    const host = world.host(org);
    const before = (await world.squid.connectsTo(host, 0, 0)).length;
    const c = client(org, network);
    const apps = await c.listApps();
    await c.close();
    assert.ok(apps.length > 0);
    const lines = await world.squid.connectsTo(host, before + 1);
    return lines.slice(before);
  }

  it('the orgs are https://<name>.okta.com / .oktapreview.com on port 443 of a loopback address', () => {
    assert.equal(world.org('acme').info.baseUrl, 'https://acme.okta.com');
    assert.equal(world.org('expired').info.baseUrl, 'https://expired.oktapreview.com');
    assert.match(world.org('acme').info.listen ?? '', /^127\.\d+\.\d+\.\d+:443$/);
  });

  it('an org under .invalid answers through squid (its name is known there only)', async () => {
    const lines = await listThrough('unresolvable', world.network());
    assert.equal(lines[0]?.target, `${UNRESOLVABLE}:443`);
    assert.equal(lines[0]?.status, 200);
  });

  /** The org's requests and squid's lines for it, before a direct attempt: nothing of either may change. */
  function untouched(): () => void {
    const org = world.org('unresolvable');
    const linesForOrg = () => world.squid.accessLog().filter((e) => e.target.startsWith(UNRESOLVABLE)).length;
    const [requests, logged] = [org.requests.length, linesForOrg()];
    return () => {
      assert.equal(org.requests.length, requests, 'nothing reached the org');
      assert.equal(linesForOrg(), logged, 'squid saw nothing for it');
    };
  }

  it('no proxy: the name does not resolve, so nothing reaches the org', async () => {
    const check = untouched();
    const e = await failure('unresolvable', { extraCaCertificates: [world.caCertPem], proxy: { env: {} } });
    assert.match(
      e.message,
      /acme\.okta\.invalid could not be reached: the domain does not resolve|could not be resolved/,
    );
    check();
  });

  it('http.proxy: the request goes through squid, whose log shows the CONNECT tunnel to the org', async () => {
    const log = memoryLog();
    const lines = await listThrough('acme', world.network({ log }));
    assert.equal(lines.length, 1);
    assert.deepEqual(
      { port: lines[0]?.port, result: lines[0]?.result, status: lines[0]?.status, target: lines[0]?.target },
      { port: 'open', result: 'TCP_TUNNEL', status: 200, target: 'acme.okta.com:443' },
    );
    assert.equal(lines[0]?.hierarchy, `HIER_DIRECT/${world.org('acme').info.listen?.replace(/:443$/, '')}`);
    assert.ok(
      log.lines.some((l) =>
        l.includes(`acme.okta.com through the proxy ${new URL(world.squid.url).host} (http.proxy)`),
      ),
      log.lines.join('\n'),
    );
  });

  for (const name of ['HTTPS_PROXY', 'https_proxy'] as const) {
    it(`environment: ${name} is used when http.proxy is empty`, async () => {
      const lines = await listThrough(
        'acme',
        world.network({ proxy: { proxy: '', env: { [name]: world.squid.url } } }),
      );
      assert.equal(lines[0]?.status, 200);
    });
  }

  it('NO_PROXY matching the org: direct (the name does not resolve), and squid sees nothing', async () => {
    const check = untouched();
    const e = await failure(
      'unresolvable',
      world.network({ proxy: { proxy: '', env: { HTTPS_PROXY: world.squid.url, NO_PROXY: '.okta.invalid' } } }),
    );
    assert.match(e.message, /does not resolve|could not be resolved/);
    check();
  });

  it('http.proxySupport off: direct although http.proxy is set', async () => {
    const check = untouched();
    const e = await failure('unresolvable', world.network({ proxy: { proxySupport: 'off' } }));
    assert.match(e.message, /does not resolve|could not be resolved/);
    check();
  });

  it('proxy credentials in the URL: the authenticating proxy lets the tunnel through as that user', async () => {
    const lines = await listThrough('acme', world.network({ proxy: { proxy: world.squid.authUrlWithCredentials } }));
    assert.deepEqual([lines[0]?.port, lines[0]?.status, lines[0]?.user], ['auth', 200, world.squid.user]);
  });

  it('http.proxyAuthorization: sent as Proxy-Authorization', async () => {
    const token = `Basic ${Buffer.from(`${world.squid.user}:${world.squid.password}`).toString('base64')}`;
    const lines = await listThrough(
      'acme',
      world.network({ proxy: { proxy: world.squid.authUrl, proxyAuthorization: token } }),
    );
    assert.deepEqual([lines[0]?.port, lines[0]?.status, lines[0]?.user], ['auth', 200, world.squid.user]);
  });

  it('407 without credentials: says the proxy (host:port) asks for them, and where to give them', async () => {
    const e = await failure('acme', world.network({ proxy: { proxy: world.squid.authUrl } }));
    const proxyHost = new URL(world.squid.authUrl).host;
    assert.match(
      e.message,
      new RegExp(`the proxy ${proxyHost} asks for credentials \\(407 Proxy Authentication Required\\)`),
    );
    assert.match(e.advice, /http\.proxy \(the user name and password before the proxy's host, followed by @\)/);
    assert.match(e.advice, /http\.proxyAuthorization/);
    assert.equal(e.connection, 'proxyCredentials', 'said in fewer words where a tree row names it');
    assert.equal(world.org('acme').requests.filter((r) => r.status === 0).length, 0);
  });

  it('407 with wrong credentials: says they were refused, and neither the user nor the password appears anywhere', async () => {
    const log = memoryLog();
    const wrong = `http://${world.squid.user}:Wr0ngPassw0rd@${new URL(world.squid.authUrl).host}`;
    const e = await failure('acme', world.network({ log, proxy: { proxy: wrong } }));
    assert.match(e.message, /refused the proxy credentials \(407/);
    assert.equal(e.connection, 'proxyCredentials');
    const seen = `${everything(e)}\n${log.lines.join('\n')}`;
    for (const secret of [
      'Wr0ngPassw0rd',
      world.squid.user,
      Buffer.from(`${world.squid.user}:Wr0ngPassw0rd`).toString('base64'),
    ]) {
      assert.ok(!seen.includes(secret), `'${secret}' appears in:\n${seen}`);
    }
  });

  it('an unreachable proxy: says which (host:port), not the org, is unreachable', async () => {
    const port = await closedPort();
    const e = await failure('acme', world.network({ proxy: { proxy: `http://someone:pw123456@127.0.0.1:${port}` } }));
    assert.match(e.message, new RegExp(`the proxy 127\\.0\\.0\\.1:${port} refused the connection`));
    assert.match(e.advice, /http\.proxy/);
    assert.ok(!everything(e).includes('pw123456'));
  });

  it('a proxy that refuses CONNECT: says the proxy refused the tunnel to the org (403)', async () => {
    const e = await failure('acme', world.network({ proxy: { proxy: world.squid.refusingUrl } }));
    assert.match(
      e.message,
      new RegExp(
        `the proxy ${new URL(world.squid.refusingUrl).host} refused to open a connection to acme\\.okta\\.com \\(CONNECT answered 403\\)`,
      ),
    );
    assert.match(e.advice, /allow HTTPS to acme\.okta\.com/);
  });

  it('a proxy setting that is no http(s) URL: says which setting and what is expected', async () => {
    const e = await failure('acme', world.network({ proxy: { proxy: 'socks5://127.0.0.1:1080' } }));
    assert.match(
      e.message,
      /the proxy in http\.proxy uses socks5:\/\/, only http:\/\/ and https:\/\/ proxies are supported/,
    );
  });

  it('the run CA not trusted: the valid certificate is reported as not trusted', async () => {
    const e = await failure('acme', { proxy: { proxy: world.squid.url, env: {} } });
    assert.match(
      e.message,
      /the certificate presented for acme\.okta\.com \(through the proxy [\d.:]+, which may inspect TLS\) is not trusted/,
    );
    assert.match(e.advice, /root certificate/);
    assert.match(e.advice, /http\.systemCertificates/);
    assert.match(e.advice, /NODE_EXTRA_CA_CERTS/);
    assert.doesNotMatch(e.message, /UNABLE_TO|SELF_SIGNED/, 'no bare OpenSSL code');
  });

  it('a certificate from an unknown CA (as a TLS-inspecting proxy whose root is not installed): not trusted', async () => {
    const e = await failure('untrusted', world.network());
    assert.match(e.message, /the certificate presented for untrusted\.okta\.com .* is not trusted/);
  });

  it('an expired certificate: says it has expired, and to check the clock', async () => {
    const e = await failure('expired', world.network());
    assert.match(e.message, /the certificate presented for expired\.oktapreview\.com .* has expired/);
    assert.match(e.advice, /date and time/);
  });

  it('a certificate for another host name: says so', async () => {
    const e = await failure('wronghost', world.network());
    assert.match(e.message, /the certificate presented for wronghost\.okta\.com .* is for another host name/);
    assert.doesNotMatch(e.message, /ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('http.proxyStrictSSL false accepts the bad certificates, and the log says so once for the session', async () => {
    const log = memoryLog();
    for (const org of ['untrusted', 'expired', 'wronghost']) {
      await listThrough(org, world.network({ log, strictSSL: false, extraCaCertificates: [] }));
    }
    const warnings = log.lines.filter((l) => l.startsWith('warn') && l.includes('http.proxyStrictSSL is false'));
    assert.equal(warnings.length, 1, log.lines.join('\n'));
  });

  it('the run CA trusted through NODE_EXTRA_CA_CERTS (a process started with it), as an installed company root', async () => {
    const script = `
      import { ApiTokenAuth, OktaClient } from './src/okta/client.ts';
      const c = new OktaClient({ baseUrl: process.env.ORG_URL, auth: new ApiTokenAuth(process.env.ORG_TOKEN),
        network: { proxy: { proxy: process.env.PROXY_URL, env: {} } }, maxRetries: 1 });
      try { console.log(JSON.stringify({ apps: (await c.listApps()).length })); }
      catch (e) { console.log(JSON.stringify({ error: e.message })); }
      finally { await c.close(); }`;
    const info = world.org('acme').info;
    const run = async (extra: Record<string, string>) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: root,
        env: { ...process.env, ORG_URL: info.baseUrl, ORG_TOKEN: info.apiToken, PROXY_URL: world.squid.url, ...extra },
      });
      return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { apps?: number; error?: string };
    };
    const trusted = await run({ NODE_EXTRA_CA_CERTS: world.caFile() });
    assert.ok((trusted.apps ?? 0) > 0, JSON.stringify(trusted));
    const without = await run({ NODE_EXTRA_CA_CERTS: '' });
    assert.match(without.error ?? '', /is not trusted/);
  });
});
