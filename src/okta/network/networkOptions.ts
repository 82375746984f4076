// How a client reaches its org: the proxy settings (VS Code's http.* and the environment) and the certificates it
// trusts. Plain data handed to the client; the transport resolves the route on its first request.
import type { ProxyRoute, ProxySettings } from './proxyResolution.ts';
import type { TrustOptions } from './trust.ts';

export interface NetworkLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface NetworkOptions extends TrustOptions {
  proxy?: ProxySettings | undefined;
  /** VS Code's http.proxyStrictSSL. Default true; false accepts any certificate (and the log says so once). */
  strictSSL?: boolean | undefined;
  /** Where the route of each client and the warnings go. Never given a credential. */
  log?: NetworkLog | undefined;
}

// Per log (one per session in the extension): certificate checks being off is said once, not per client.
const toldInsecure = new WeakSet<NetworkLog>();

export function warnInsecureOnce(log: NetworkLog | undefined): void {
  if (!log || toldInsecure.has(log)) return;
  toldInsecure.add(log);
  log.warn(
    'Certificate checks are off (http.proxyStrictSSL is false): any certificate is accepted, so a machine in the middle could read your API token. Set http.proxyStrictSSL back to true once the company root certificate is trusted.',
  );
}

/** "directly (NO_PROXY)", "through the proxy proxy.corp:3128 (http.proxy)": the route in the log's words. */
export function describeRoute(route: ProxyRoute): string {
  switch (route.kind) {
    case 'direct':
      return {
        'proxySupport off': 'directly (http.proxySupport is off)',
        'no proxy set': 'directly (no proxy set)',
        loopback: 'directly (loopback)',
        noProxy: 'directly (listed in http.noProxy or NO_PROXY)',
      }[route.why];
    case 'proxy':
      return `through the proxy ${route.host} (${route.source}${route.authorization ? ', with credentials' : ''})`;
    case 'invalid':
      return `nowhere: the proxy in ${route.source} ${route.problem}`;
  }
}
