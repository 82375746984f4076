// The two ways a suite reaches its simulated orgs:
//   'loopback'  http://127.0.0.1:PORT, direct: the simulator as the practice orgs use it;
//   'proxied'   https://acme.okta.com on port 443, as an admin behind a corporate proxy reaches Okta: through squid
//               (the only way to those names), certificates from a CA made for the run and trusted through the
//               network options, as VS Code's http.proxy and an installed company root would give them.
// The proxied path's squid and CA are made once per test run, on first use, and end with the process (squid.ts):
// a world then costs one TLS server, not a proxy. Squid's hosts file maps each known host name to an address of
// its own, where each world's simulator listens: one live org per host name at a time.
import assert from 'node:assert/strict';
import type { NetworkLog, NetworkOptions } from '../../src/okta/network/networkOptions.ts';
import type { OrgSeed } from '../../src/simulator/index.ts';
import { createCertificateAuthority } from '../../src/simulator/tls/certificates.ts';
import {
  randomLoopbackAddress,
  startTlsSimulator,
  type TlsSimulator,
  type TlsSimulatorOptions,
} from '../../src/simulator/tls/tlsSimulator.ts';
import { networkOptionsFrom, type NETWORK_SETTINGS } from '../../src/vscode/connection/networkOptionsFrom.ts';
import { startSquid, type Squid } from './squid.ts';
import { waitFor } from './waitFor.ts';

export type OrgPath = 'loopback' | 'proxied';
const ORG_PATHS: readonly OrgPath[] = ['loopback', 'proxied'];

/** How a block's title names its path. */
function pathTitle(path: OrgPath): string {
  return path === 'loopback' ? '[loopback]' : '[https through a proxy]';
}

/** The names a world may have on the proxied path: its seed's name in either environment. */
const ORG_NAMES = ['acme', 'acme-preview'] as const;

/** acme.okta.com (production), acme-preview.oktapreview.com (preview): where Okta serves an org of that name. */
function hostNameOf(seed: Pick<OrgSeed, 'name' | 'environment'>): string {
  return `${seed.name}.${seed.environment === 'preview' ? 'oktapreview' : 'okta'}.com`;
}

type HttpSetting = (typeof NETWORK_SETTINGS)[number];

export interface ProxiedPath {
  readonly squid: Squid;
  /** The run's CA: the orgs' certificates are issued by it. */
  readonly caCertPem: string;
  /**
   * A client's network options as the extension builds them (networkOptionsFrom) from VS Code's http.* settings:
   * http.proxy naming squid's open port unless `settings` say otherwise, no proxy in the environment, and the run's
   * CA trusted as a company root installed in the system's store would be.
   */
  network(settings?: Partial<Record<HttpSetting, unknown>>, log?: NetworkLog): NetworkOptions;
  /** A simulator of one org at https://<hostNameOf(seed)>, on the address squid knows for it. */
  startSimulator(options: TlsSimulatorOptions & { orgs: [OrgSeed] }): Promise<TlsSimulator>;
  /** Every host name a simulator was started for, in order (repeats included). */
  readonly hostsServed: readonly string[];
  /** The address squid's hosts file gives `hostName`. */
  addressOf(hostName: string): string | undefined;
}

async function startProxiedPath(): Promise<ProxiedPath> {
  const ca = createCertificateAuthority('Okta org simulator test run CA');
  const addresses = new Map<string, string>();
  for (const name of ORG_NAMES)
    for (const environment of ['preview', 'production'] as const)
      addresses.set(hostNameOf({ name, environment }), randomLoopbackAddress());
  const squid = await startSquid({ hosts: Object.fromEntries(addresses) });
  const live = new Set<string>();
  const hostsServed: string[] = [];
  const silent: NetworkLog = { info: () => undefined, warn: () => undefined };
  return {
    squid,
    caCertPem: ca.certPem,
    hostsServed,
    addressOf: (hostName) => addresses.get(hostName),
    network(settings = {}, log = silent) {
      const http: Partial<Record<HttpSetting, unknown>> = { proxy: squid.url, ...settings };
      return { ...networkOptionsFrom((name) => http[name], {}, log), extraCaCertificates: [ca.certPem] };
    },
    async startSimulator(options) {
      const [seed] = options.orgs;
      const hostName = hostNameOf(seed);
      const address = addresses.get(hostName);
      if (!address)
        throw new Error(
          `proxiedPath: squid knows no ${hostName}; an org on this path is named ${ORG_NAMES.join(' or ')}`,
        );
      if (live.has(hostName))
        throw new Error(`proxiedPath: ${hostName} is already served by a live world; close it first (one per name)`);
      live.add(hostName);
      try {
        const sim = await startTlsSimulator({ ...options, ca, orgs: [{ ...seed, address }] });
        hostsServed.push(hostName);
        const close = sim.close.bind(sim);
        return Object.assign(sim, { close: () => close().finally(() => live.delete(hostName)) });
      } catch (e) {
        live.delete(hostName);
        throw e;
      }
    },
  };
}

let shared: Promise<ProxiedPath> | undefined;

/** The run's proxied path, started on first use (a failure, e.g. port 443 refused, is kept and told to every caller). */
export function proxiedPath(): Promise<ProxiedPath> {
  shared ??= startProxiedPath();
  return shared;
}

/**
 * A describe block run once per path (title suffixed with the path), `body` called with the path and mocha's suite
 * as `this`. On the proxied path a last test checks the block's requests really went through squid: a CONNECT
 * tunnel to every org host it served, each to the address squid's hosts file gives that name.
 */
export function describeOnPaths(
  title: string,
  body: (this: Mocha.Suite, path: OrgPath) => void,
  paths: readonly OrgPath[] = ORG_PATHS,
): void {
  for (const path of paths) {
    describe(`${title} ${pathTitle(path)}`, function () {
      body.call(this, path);
      if (path === 'proxied') proofOfProxy();
    });
  }
}

function proofOfProxy(): void {
  let hostsFrom = 0;
  let logFrom = 0;
  before(async () => {
    const p = await proxiedPath();
    hostsFrom = p.hostsServed.length;
    logFrom = p.squid.accessLog().length;
  });
  it('went through squid: a CONNECT tunnel to each org host, to the address squid maps it to', async () => {
    const p = await proxiedPath();
    const hosts = new Set(p.hostsServed.slice(hostsFrom));
    assert.ok(hosts.size > 0, 'the block started an org on the proxied path');
    const tunnelsTo = (host: string) =>
      p.squid
        .accessLog()
        .slice(logFrom)
        .filter((e) => e.method === 'CONNECT' && e.target === `${host}:443` && e.result === 'TCP_TUNNEL');
    for (const host of hosts) {
      // A tunnel is logged when it closes: the worlds are closed by now, their lines arrive within moments.
      await waitFor(() => tunnelsTo(host).length > 0, `squid's access log to show a tunnel to ${host}`);
      for (const t of tunnelsTo(host)) assert.equal(t.hierarchy, `HIER_DIRECT/${p.addressOf(host)}`, JSON.stringify(t));
    }
  });
}
