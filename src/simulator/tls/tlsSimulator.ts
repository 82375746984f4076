// The simulator's orgs over TLS, as real ones look: https://acme.okta.com (production) or
// https://acme-preview.oktapreview.com (preview) on port 443, with a certificate for that name issued by a CA made
// for the run. Each org listens on its own random address in 127.0.0.0/8 (several simulators may run at once on one
// machine), which only a proxy mapping the name there can reach: no client resolves these names by itself.
// For the CLI's --tls and the tests only (see certificates.ts).
import { randomInt } from 'node:crypto';
import { startSimulator, type OrgSeed, type Simulator, type SimulatorOptions } from '../index.ts';
import { DEFAULT_ORGS } from '../seed.ts';
import {
  createCertificateAuthority,
  leafFor,
  type CertificateAuthority,
  type Leaf,
  type LeafVariant,
} from './certificates.ts';

export interface TlsOrgSeed extends OrgSeed {
  /** The certificate the org serves. Default 'valid' (from the run's CA, for the org's name). */
  certificate?: LeafVariant;
  /** Default: <name>.okta.com (production) or <name>.oktapreview.com (preview). */
  hostName?: string;
  /** The loopback address to listen on, when a proxy's hosts file already names it. Default: a random one. */
  address?: string;
}

export interface TlsSimulatorOptions extends Omit<SimulatorOptions, 'host' | 'port' | 'tls' | 'orgs'> {
  orgs?: readonly TlsOrgSeed[];
  /** The CA issuing the certificates; default one made for this simulator. A test run shares one across simulators. */
  ca?: CertificateAuthority;
}

// A CA shared by many simulators (a test run's) issues each certificate once: its RSA key takes ~100 ms to make.
const issued = new WeakMap<CertificateAuthority, Map<string, Leaf>>();

function leafOnce(variant: LeafVariant, hostName: string, ca: CertificateAuthority): Leaf {
  let leaves = issued.get(ca);
  if (!leaves) issued.set(ca, (leaves = new Map()));
  const key = `${variant} ${hostName}`;
  let leaf = leaves.get(key);
  if (!leaf) leaves.set(key, (leaf = leafFor(variant, hostName, ca)));
  return leaf;
}

export interface TlsSimulator extends Simulator {
  /** The run's CA (PEM): trusting it makes the 'valid' orgs' certificates trusted. */
  readonly caCertPem: string;
}

/** acme.okta.com, acme-preview.oktapreview.com: where an org of that name and environment lives at Okta. */
function publicHostName(name: string, environment: 'preview' | 'production'): string {
  return `${name.toLowerCase()}.${environment === 'preview' ? 'oktapreview' : 'okta'}.com`;
}

/** 127.a.b.c with random a, b, c (127.0.0.1 excluded): unlikely to be taken by another run. */
export function randomLoopbackAddress(): string {
  for (;;) {
    const address = `127.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    if (address !== '127.0.0.1') return address;
  }
}

const PORT_443_HELP = [
  'The TLS orgs listen on port 443, as Okta does, which needs root or a lowered unprivileged port range. As a',
  'non-root developer, either run `sudo sysctl -w net.ipv4.ip_unprivileged_port_start=443` once, or run the',
  "tests in a network namespace of your own: `unshare -rn sh -c 'ip link set lo up && npm run test:unit'`",
  '(README, "Tests over TLS and a proxy").',
].join(' ');

export async function startTlsSimulator(options: TlsSimulatorOptions = {}): Promise<TlsSimulator> {
  const { orgs, ca: sharedCa, ...simulatorOptions } = options;
  const seeds: readonly TlsOrgSeed[] = orgs ?? DEFAULT_ORGS;
  const ca = sharedCa ?? createCertificateAuthority('Okta org simulator run CA');
  const byName = new Map(seeds.map((s) => [s.name, s]));
  let sim: Simulator;
  try {
    sim = await startSimulator({
      ...simulatorOptions,
      orgs: seeds.map(({ certificate: _certificate, hostName: _hostName, address: _address, ...seed }) => seed),
      tls: (seed) => {
        const tlsSeed: TlsOrgSeed = byName.get(seed.name) ?? seed;
        const hostName = tlsSeed.hostName ?? publicHostName(seed.name, seed.environment);
        const leaf = leafOnce(tlsSeed.certificate ?? 'valid', hostName, ca);
        const fixed = tlsSeed.address;
        const address = fixed ? () => fixed : randomLoopbackAddress;
        return { hostName, key: leaf.keyPem, cert: leaf.certPem, address, port: 443 };
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EACCES') {
      throw new Error(`The simulated orgs cannot listen on port 443 (EACCES). ${PORT_443_HELP}`, { cause: e });
    }
    throw e;
  }
  return Object.assign(sim, { caCertPem: ca.certPem });
}
