// Which org addresses a credential may be sent to: https, or http to this machine only (the simulator), and an
// origin alone. One rule for every place that takes an org's base URL, so what parseOrgInput hands out is exactly
// what the client and the service-app authenticator accept.
import { OktaError } from './errors.ts';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A host name (as URL.hostname spells it) that names this machine: the only hosts reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * The org's base URL as a URL, or OktaError 'input' (naming `operation`) when a token or key sent to it could leak:
 * not a URL, plain http to a remote host, or more than an origin (a path, query or user name).
 */
export function checkOrgOrigin(baseUrl: string, operation: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new OktaError({ kind: 'input', operation, detail: 'the org address is not a URL' });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    // The credential would travel in clear text.
    throw new OktaError({ kind: 'input', operation, detail: 'the org address must use https' });
  }
  if (url.username || url.password || url.search || (url.pathname !== '/' && url.pathname !== '')) {
    throw new OktaError({
      kind: 'input',
      operation,
      detail: 'the org address must be an origin only (no path, query or user name)',
    });
  }
  return url;
}
