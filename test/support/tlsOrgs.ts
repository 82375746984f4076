// Real-looking orgs for any suite, in one call: the simulator over TLS (https://acme.okta.com on port 443 of a
// random loopback address, certificates from a CA made for the run) and squid, the only way to those names.
//
//   const world = await startTlsOrgs();                 // default orgs: acme-preview (preview), acme (production)
//   const org = world.org('acme');                       // the simulator's handle: info.baseUrl = https://acme.okta.com
//   const client = new OktaClient({ baseUrl: org.info.baseUrl, auth, network: world.network() });
//   ... await client.close();
//   assert.ok((await world.squid.connectsTo('acme.okta.com')).length > 0);
//   await world.close();
//
// network() is what the extension builds from VS Code's http.* settings: the proxy (squid's open port by default),
// and trust of the run's CA (in-process: NODE_EXTRA_CA_CERTS only works for a process started with it; for a child
// process or code-server, write caCertPem to a file and set NODE_EXTRA_CA_CERTS, see caFile()).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkOptions } from '../../src/okta/network/networkOptions.ts';
import type { SimulatedOrg } from '../../src/simulator/index.ts';
import {
  startTlsSimulator,
  type TlsOrgSeed,
  type TlsSimulator,
  type TlsSimulatorOptions,
} from '../../src/simulator/tls/tlsSimulator.ts';
import { startSquid, type Squid } from './squid.ts';

export interface TlsOrgsOptions extends TlsSimulatorOptions {
  /** Default: the simulator's default orgs (acme-preview.oktapreview.com, acme.okta.com), valid certificates. */
  orgs?: readonly TlsOrgSeed[];
}

export interface TlsOrgs {
  readonly sim: TlsSimulator;
  readonly squid: Squid;
  /** The run's CA: trust it and the orgs with a 'valid' certificate are trusted. */
  readonly caCertPem: string;
  /** The simulator's handle of an org (info.baseUrl is https://<public name>, info.listen its address). */
  org(name: string): SimulatedOrg;
  /** The host name of an org's baseUrl: 'acme.okta.com'. */
  host(name: string): string;
  /**
   * The network options of a client behind the proxy: squid's open port (as if http.proxy named it), no
   * environment, the run's CA trusted. `overrides` replace fields; `proxy` fields merge into the proxy settings.
   */
  network(overrides?: Omit<NetworkOptions, 'proxy'> & { proxy?: NonNullable<NetworkOptions['proxy']> }): NetworkOptions;
  /** caCertPem written to a file in squid's folder, for NODE_EXTRA_CA_CERTS of a child process. */
  caFile(): string;
  close(): Promise<void>;
}

export async function startTlsOrgs(options: TlsOrgsOptions = {}): Promise<TlsOrgs> {
  const sim = await startTlsSimulator(options);
  let squid: Squid;
  try {
    const hosts: Record<string, string> = {};
    for (const o of sim.orgs) {
      if (!o.listen) throw new Error(`tlsOrgs: org ${o.name} is not served over TLS`);
      hosts[new URL(o.baseUrl).hostname] = o.listen.replace(/:\d+$/, '');
    }
    squid = await startSquid({ hosts });
  } catch (e) {
    await sim.close();
    throw e;
  }
  return {
    sim,
    squid,
    caCertPem: sim.caCertPem,
    org: (name) => sim.org(name),
    host: (name) => new URL(sim.org(name).info.baseUrl).hostname,
    network(overrides = {}) {
      const { proxy, ...rest } = overrides;
      return {
        extraCaCertificates: [sim.caCertPem],
        ...rest,
        proxy: { proxy: squid.url, env: {}, ...proxy },
      };
    },
    caFile() {
      const file = join(squid.dir, 'simulator-ca.pem');
      writeFileSync(file, sim.caCertPem);
      return file;
    },
    async close() {
      await Promise.all([sim.close(), squid.stop()]);
    },
  };
}
