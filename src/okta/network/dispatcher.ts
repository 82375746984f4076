// The undici dispatcher of one org's transport: a Pool straight to the org, or undici's ProxyAgent tunnelling to it
// through the proxy the settings name, both trusting the certificates of trust.ts.
// Loaded by the transport on its first request, with undici and everything else that only matters once a request
// is made (the proxy rules, the certificate store, the words for a failed connection): esbuild.mjs emits this file
// as dist/undici-pool.js, so activation parses none of it.
import type { SecureContext } from 'node:tls';
import { Pool, ProxyAgent, type RequestPool } from '../undiciPool.ts';
import { describeRoute, warnInsecureOnce, type NetworkOptions } from './networkOptions.ts';
import { resolveProxy, type ProxyRoute } from './proxyResolution.ts';
import { trustedContext } from './trust.ts';

export { describeConnectionFailure, errorCodes } from './connectionFailures.ts';

export interface DispatcherOptions {
  origin: string;
  org: string;
  connections: number;
  timeoutMs: number;
  network: NetworkOptions;
}

export type UsableRoute = Exclude<ProxyRoute, { kind: 'invalid' }>;

/** The route to the org; throws (in words, without credentials) when the proxy setting cannot be used. */
export function routeTo(origin: string, network: NetworkOptions): UsableRoute {
  const route = resolveProxy(new URL(origin), network.proxy ?? {});
  if (route.kind === 'invalid') {
    const e = new Error(`the proxy in ${route.source} ${route.problem}`);
    // Told apart by name: the transport cannot import this (lazily loaded) module for an instanceof.
    e.name = 'ProxySettingError';
    throw e;
  }
  return route;
}

export function openDispatcher(opts: DispatcherOptions, route: UsableRoute): RequestPool {
  const { network } = opts;
  const timeout = Math.min(opts.timeoutMs, 15_000);
  // Plain http is for the loopback simulator only (the client refuses it elsewhere): no certificates to check.
  let tls: { timeout: number; secureContext?: SecureContext; rejectUnauthorized?: boolean } = { timeout };
  if (opts.origin.startsWith('https:')) {
    const strict = network.strictSSL ?? true;
    const trust = trustedContext(network);
    if (trust.warning) network.log?.warn(trust.warning);
    if (!strict) warnInsecureOnce(network.log);
    tls = { timeout, secureContext: trust.secureContext, rejectUnauthorized: strict };
  }
  const common = {
    connections: opts.connections,
    keepAliveTimeout: 10_000,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  };
  network.log?.info(`Connecting to ${opts.org} ${describeRoute(route)}.`);
  if (route.kind === 'direct') return new Pool(opts.origin, { ...common, connect: tls });
  return new ProxyAgent({
    ...common,
    uri: route.proxy,
    ...(route.authorization ? { token: route.authorization } : {}),
    // The org's TLS, inside the tunnel; and the proxy's own when it is an https:// proxy.
    requestTls: tls,
    proxyTls: tls,
  });
}
