// X.509 certificates for the simulator's TLS orgs: a CA made for the run, and leaves issued for an org's host
// name, good or deliberately bad (issued by a CA nobody trusts, expired, for another name). Node makes the RSA keys;
// node-forge writes the certificates (Node cannot issue X.509). Only the CLI's --tls and the tests load this file:
// the practice-orgs bundle (dist/simulator.js) never does.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface CertificateAuthority {
  /** The CA's certificate (PEM): what a client must trust. */
  certPem: string;
  readonly name: string;
  readonly key: forge.pki.rsa.PrivateKey;
  readonly cert: forge.pki.Certificate;
}

export interface Leaf {
  keyPem: string;
  certPem: string;
}

/** What is wrong with a leaf: nothing, its issuer (unknown to clients), its dates, or its host name. */
export type LeafVariant = 'valid' | 'unknownCa' | 'expired' | 'wrongHost';

const DAY_MS = 24 * 3600 * 1000;

function rsaKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function serialNumber(): string {
  // Positive (a leading 0 bit) and unique: 16 random bytes.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** A CA certificate valid from yesterday for ten years. */
export function createCertificateAuthority(name: string): CertificateAuthority {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 3650 * DAY_MS);
  const subject = [
    { name: 'commonName', value: name },
    { name: 'organizationName', value: 'Okta org simulator' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), name, key: keys.privateKey, cert };
}

interface LeafOptions {
  /** The DNS names the certificate is for. */
  hostNames: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
}

/** A server certificate issued by `ca`, with its own key. */
function issueLeaf(ca: CertificateAuthority, options: LeafOptions): Leaf {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 90 * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: options.hostNames[0] ?? 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: options.hostNames.map((value) => ({ type: 2, value })) },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { keyPem: forge.pki.privateKeyToPem(keys.privateKey), certPem: forge.pki.certificateToPem(cert) };
}

/**
 * The leaf an org serves for `hostName`: from the run's CA, or broken as `variant` says. `unknownCa` is issued by a
 * CA made on the spot and thrown away, as a TLS-inspecting proxy's certificates look to a client lacking its root.
 */
export function leafFor(variant: LeafVariant, hostName: string, ca: CertificateAuthority): Leaf {
  switch (variant) {
    case 'valid':
      return issueLeaf(ca, { hostNames: [hostName] });
    case 'unknownCa':
      return issueLeaf(createCertificateAuthority('Unknown Inspection CA'), { hostNames: [hostName] });
    case 'expired':
      return issueLeaf(ca, {
        hostNames: [hostName],
        notBefore: new Date(Date.now() - 120 * DAY_MS),
        notAfter: new Date(Date.now() - 30 * DAY_MS),
      });
    case 'wrongHost':
      return issueLeaf(ca, { hostNames: [`other-${hostName}`] });
  }
}
