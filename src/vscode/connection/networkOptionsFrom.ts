// VS Code's http.* settings and the process environment, as the Okta client takes them (okta/network): the proxy
// (http.proxy, http.noProxy, http.proxyAuthorization, http.proxySupport, then HTTPS_PROXY & co.), whether
// certificates are checked (http.proxyStrictSSL) and whether the system's are trusted (http.systemCertificates).
// Pure, so it is tested without VS Code; networkSettings.ts reads the settings.
import type { NetworkLog, NetworkOptions } from '../../okta/network/networkOptions.ts';
import type { ProxySupport } from '../../okta/network/proxyResolution.ts';

/** The http.* settings read, and the ones whose change drops the clients. */
export const NETWORK_SETTINGS = [
  'proxy',
  'noProxy',
  'proxyAuthorization',
  'proxySupport',
  'proxyStrictSSL',
  'systemCertificates',
] as const;

/** Only these of the environment: the options are compared to decide whether a client is still current. */
const PROXY_ENV = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'] as const;

const SUPPORT: readonly ProxySupport[] = ['off', 'on', 'fallback', 'override'];

/**
 * `setting(name)` is the value of `http.<name>` (undefined when unset). A value of the wrong type is ignored, as
 * VS Code ignores it. `log` should be the same object for the whole session: some warnings are said once per log.
 */
export function networkOptionsFrom(
  setting: (name: (typeof NETWORK_SETTINGS)[number]) => unknown,
  env: Readonly<Record<string, string | undefined>>,
  log: NetworkLog,
): NetworkOptions {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const noProxy = setting('noProxy');
  const support = setting('proxySupport');
  const strict = setting('proxyStrictSSL');
  const system = setting('systemCertificates');
  const proxyEnv: Record<string, string> = {};
  for (const name of PROXY_ENV) {
    const value = env[name];
    if (value) proxyEnv[name] = value;
  }
  return {
    proxy: {
      proxy: text(setting('proxy')),
      noProxy: Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string') : [],
      proxyAuthorization: text(setting('proxyAuthorization')),
      proxySupport: SUPPORT.find((s) => s === support) ?? 'override',
      env: proxyEnv,
    },
    strictSSL: typeof strict === 'boolean' ? strict : true,
    systemCertificates: typeof system === 'boolean' ? system : true,
    log,
  };
}
