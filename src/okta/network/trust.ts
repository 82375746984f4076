// The certificates our TLS connections trust, as VS Code's own requests do: Node's bundled roots and
// NODE_EXTRA_CA_CERTS (Node's "default" set), plus the operating system's trust store when http.systemCertificates
// is on (where a company installs the root of its TLS-inspecting proxy), plus any the caller adds.
// One SecureContext per distinct set, built on first use: parsing a few hundred roots per connection would cost
// more than the request.
import * as tls from 'node:tls';

export interface TrustOptions {
  /** VS Code's http.systemCertificates. Default true. */
  systemCertificates?: boolean | undefined;
  /** PEM certificates trusted on top of the others (a company root that is in no store). */
  extraCaCertificates?: readonly string[] | undefined;
}

export interface TrustedContext {
  secureContext: tls.SecureContext;
  /** Said once in the log: the system store could not be read (an older Node, an unreadable store). */
  warning?: string;
}

const contexts = new Map<string, TrustedContext>();

function certificates(type: 'default' | 'system'): string[] {
  // Node before 22.15 has no getCACertificates: its defaults (bundled + NODE_EXTRA_CA_CERTS) apply regardless.
  if (typeof tls.getCACertificates !== 'function') {
    if (type === 'default') return [...tls.rootCertificates];
    throw new Error('this Node.js has no tls.getCACertificates (Node 22.15 or later reads the system store)');
  }
  return tls.getCACertificates(type);
}

/** The SecureContext trusting the set `options` describes. */
export function trustedContext(options: TrustOptions = {}): TrustedContext {
  const system = options.systemCertificates ?? true;
  const extra = [...(options.extraCaCertificates ?? [])];
  const key = JSON.stringify([system, extra]);
  const cached = contexts.get(key);
  if (cached) return cached;
  const ca = [...certificates('default')];
  let warning: string | undefined;
  if (system) {
    try {
      for (const cert of certificates('system')) ca.push(cert);
    } catch (e) {
      warning = `The operating system's certificates could not be read (${e instanceof Error ? e.message : String(e)}); Node's own and NODE_EXTRA_CA_CERTS are trusted.`;
    }
  }
  for (const cert of extra) ca.push(cert);
  const context: TrustedContext = { secureContext: tls.createSecureContext({ ca: [...new Set(ca)] }) };
  if (warning) context.warning = warning;
  contexts.set(key, context);
  return context;
}
