// Which proxy, if any, carries a request to a URL: VS Code's http.* proxy settings first, then the environment,
// in the order VS Code itself reads them (http.proxy, then https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY;
// http.noProxy and NO_PROXY exempt hosts). Pure: settings and environment in, a route out.
import { registerSecret } from '../../redact.ts';
import { BlockList, isIP } from 'node:net';

/** VS Code's http.proxySupport: 'off' connects directly; the other values use the proxy. */
export type ProxySupport = 'off' | 'on' | 'fallback' | 'override';

export interface ProxySettings {
  /** http.proxy: 'http://[user:password@]host:port'. Empty: the environment's proxy, if any. */
  proxy?: string | undefined;
  /** http.noProxy: hosts reached without the proxy. */
  noProxy?: readonly string[] | undefined;
  /** http.proxyAuthorization: the Proxy-Authorization header value; wins over credentials in the proxy URL. */
  proxyAuthorization?: string | null | undefined;
  /** http.proxySupport. Default 'override'. */
  proxySupport?: ProxySupport | undefined;
  /** The environment: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, in lower or upper case. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Where the proxy came from, for the log and messages. */
type ProxySource = 'http.proxy' | 'https_proxy' | 'HTTPS_PROXY' | 'http_proxy' | 'HTTP_PROXY';

export type ProxyRoute =
  | { kind: 'direct'; why: 'proxySupport off' | 'no proxy set' | 'loopback' | 'noProxy' }
  | {
      kind: 'proxy';
      source: ProxySource;
      /** scheme://host:port of the proxy, without credentials: safe to show. */
      proxy: string;
      /** host:port of the proxy, for messages. */
      host: string;
      /** The Proxy-Authorization header value, from http.proxyAuthorization or the URL's user and password. */
      authorization?: string;
    }
  | { kind: 'invalid'; source: ProxySource; problem: string };

const ENV_ORDER_HTTPS: readonly ProxySource[] = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const ENV_ORDER_HTTP: readonly ProxySource[] = ['http_proxy', 'HTTP_PROXY'];

/** The route of a request to `target`: direct, through a proxy, or a proxy setting that cannot be used. */
export function resolveProxy(target: URL, settings: ProxySettings): ProxyRoute {
  if (settings.proxySupport === 'off') return { kind: 'direct', why: 'proxySupport off' };
  // As Chromium (and so VS Code) does: loopback is never sent to a proxy, which could not reach this machine's.
  if (isLoopback(target.hostname)) return { kind: 'direct', why: 'loopback' };
  const env = settings.env ?? {};
  const chosen = pickProxy(target, settings.proxy, env);
  if (!chosen) return { kind: 'direct', why: 'no proxy set' };
  const noProxy = [...(settings.noProxy ?? []), ...splitList(env.no_proxy ?? env.NO_PROXY ?? '')];
  if (matchesNoProxy(target, noProxy)) return { kind: 'direct', why: 'noProxy' };
  return proxyRoute(chosen.source, chosen.value, settings.proxyAuthorization);
}

function pickProxy(
  target: URL,
  configured: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { source: ProxySource; value: string } | undefined {
  if (configured?.trim()) return { source: 'http.proxy', value: configured.trim() };
  for (const name of target.protocol === 'https:' ? ENV_ORDER_HTTPS : ENV_ORDER_HTTP) {
    const value = env[name]?.trim();
    if (value) return { source: name, value };
  }
  return undefined;
}

function proxyRoute(source: ProxySource, value: string, proxyAuthorization: string | null | undefined): ProxyRoute {
  let url: URL;
  try {
    // 'proxy.corp:3128' (no scheme) is common in HTTPS_PROXY: an http proxy, as curl reads it.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return { kind: 'invalid', source, problem: 'is not a URL (expected http://host:port)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      kind: 'invalid',
      source,
      problem: `uses ${url.protocol}//, only http:// and https:// proxies are supported`,
    };
  }
  if (!url.hostname) return { kind: 'invalid', source, problem: 'has no host name (expected http://host:port)' };
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const host = `${url.hostname}:${port}`;
  const route: ProxyRoute = { kind: 'proxy', source, proxy: `${url.protocol}//${host}`, host };
  const authorization = proxyAuthorization?.trim() || basicAuthorization(url);
  // The proxy's credentials are secrets like any other: removed from every text wherever they show up.
  if (url.password) registerSecret(decodeURIComponent(url.password));
  if (authorization) {
    registerSecret(authorization);
    registerSecret(authorization.replace(/^\S+\s+/, ''));
  }
  return authorization ? { ...route, authorization } : route;
}

function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * True when the target is exempt from the proxy. Entries: '*' (every host), a host name (itself and its
 * subdomains; a leading '.' or '*.' is the same), an IP address, an IP range in CIDR notation, each optionally
 * with ':port'.
 */
export function matchesNoProxy(target: URL, entries: readonly string[]): boolean {
  const host = bareHost(target.hostname).toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const { name, entryPort } = splitPort(entry);
    if (!name || (entryPort !== undefined && entryPort !== port)) return false;
    if (name.includes('/')) return inSubnet(host, name);
    if (isIP(name)) return host === name;
    const domain = name.replace(/^\*?\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

function splitPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed)
    return bracketed[2] ? { name: bracketed[1] ?? '', entryPort: bracketed[2] } : { name: bracketed[1] ?? '' };
  const m = /^([^:]+):(\d+)$/.exec(entry);
  return m ? { name: m[1] ?? '', entryPort: m[2] ?? '' } : { name: entry };
}

function inSubnet(host: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network ?? '');
  const prefix = Number(bits);
  if (!family || !Number.isInteger(prefix) || isIP(host) !== family) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network ?? '', prefix, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    // An out-of-range prefix: an entry that matches nothing, as a typo in NO_PROXY does for curl.
    return false;
  }
  return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

function isLoopback(hostname: string): boolean {
  const host = bareHost(hostname).toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
