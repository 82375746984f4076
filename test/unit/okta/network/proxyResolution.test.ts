// Which proxy carries a request, from VS Code's http.* settings and the environment, as VS Code reads them: a table
// of settings, environment and target, and the route expected. Pure: no network.
import assert from 'node:assert/strict';
import { matchesNoProxy, resolveProxy, type ProxySettings } from '../../../../src/okta/network/proxyResolution.ts';
import { describeRoute } from '../../../../src/okta/network/networkOptions.ts';
import { redact } from '../../../../src/redact.ts';

const ACME = 'https://acme.okta.com';
const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

interface Row {
  name: string;
  target?: string;
  settings: ProxySettings;
  /** 'direct: <why>', 'proxy: <proxy> <source>', 'invalid: <source>' */
  expect: string;
  authorization?: string;
}

const ROWS: Row[] = [
  { name: 'nothing set: direct', settings: { env: {} }, expect: 'direct: no proxy set' },
  {
    name: 'http.proxy',
    settings: { proxy: 'http://proxy.corp:3128', env: {} },
    expect: 'proxy: http://proxy.corp:3128 http.proxy',
  },
  {
    name: 'http.proxy wins over the environment',
    settings: { proxy: 'http://proxy.corp:3128', env: { HTTPS_PROXY: 'http://other:8080' } },
    expect: 'proxy: http://proxy.corp:3128 http.proxy',
  },
  {
    name: 'empty http.proxy: HTTPS_PROXY',
    settings: { proxy: '', env: { HTTPS_PROXY: 'http://envproxy:8080' } },
    expect: 'proxy: http://envproxy:8080 HTTPS_PROXY',
  },
  {
    name: 'lower case https_proxy wins over HTTPS_PROXY (VS Code order)',
    settings: { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } },
    expect: 'proxy: http://lower:1 https_proxy',
  },
  {
    name: 'HTTP_PROXY serves https targets when no HTTPS_PROXY is set',
    settings: { env: { HTTP_PROXY: 'http://plain:3128' } },
    expect: 'proxy: http://plain:3128 HTTP_PROXY',
  },
  {
    name: 'http_proxy before HTTP_PROXY',
    settings: { env: { http_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2' } },
    expect: 'proxy: http://a:1 http_proxy',
  },
  {
    name: 'HTTPS_PROXY does not serve an http target',
    target: 'http://intranet.corp',
    settings: { env: { HTTPS_PROXY: 'http://envproxy:8080' } },
    expect: 'direct: no proxy set',
  },
  {
    name: 'a value without a scheme is an http proxy (as curl reads it)',
    settings: { env: { HTTPS_PROXY: 'proxy.corp:3128' } },
    expect: 'proxy: http://proxy.corp:3128 HTTPS_PROXY',
  },
  {
    name: 'default ports: 80 for http://, 443 for https:// proxies',
    settings: { proxy: 'https://secure-proxy.corp', env: {} },
    expect: 'proxy: https://secure-proxy.corp:443 http.proxy',
  },
  {
    name: 'http.proxySupport off: direct whatever is set',
    settings: { proxy: 'http://proxy.corp:3128', proxySupport: 'off', env: { HTTPS_PROXY: 'http://e:1' } },
    expect: 'direct: proxySupport off',
  },
  {
    name: 'http.proxySupport fallback and on use the proxy',
    settings: { proxy: 'http://proxy.corp:3128', proxySupport: 'fallback', env: {} },
    expect: 'proxy: http://proxy.corp:3128 http.proxy',
  },
  {
    name: 'loopback is never proxied',
    target: 'http://127.0.0.1:8080',
    settings: { proxy: 'http://proxy.corp:3128', env: {} },
    expect: 'direct: loopback',
  },
  {
    name: 'localhost is never proxied',
    target: 'https://localhost',
    settings: { env: { HTTPS_PROXY: 'http://p:1' } },
    expect: 'direct: loopback',
  },
  {
    name: 'http.noProxy: the exact host',
    settings: { proxy: 'http://p:1', noProxy: ['acme.okta.com'], env: {} },
    expect: 'direct: noProxy',
  },
  {
    name: 'http.noProxy: a parent domain covers its subdomains',
    settings: { proxy: 'http://p:1', noProxy: ['okta.com'], env: {} },
    expect: 'direct: noProxy',
  },
  {
    name: 'NO_PROXY with a leading dot, among others',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost, .okta.com,10.0.0.0/8' } },
    expect: 'direct: noProxy',
  },
  {
    name: 'no_proxy (lower case) and *.domain',
    settings: { env: { HTTPS_PROXY: 'http://p:1', no_proxy: '*.okta.com' } },
    expect: 'direct: noProxy',
  },
  {
    name: 'NO_PROXY for another domain: proxied',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'oktapreview.com,corp.example' } },
    expect: 'proxy: http://p:1 HTTPS_PROXY',
  },
  {
    name: 'NO_PROXY suffix without a dot boundary does not match (notokta.com)',
    target: 'https://notokta.com',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'okta.com' } },
    expect: 'proxy: http://p:1 HTTPS_PROXY',
  },
  {
    name: 'NO_PROXY *: everything direct',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' } },
    expect: 'direct: noProxy',
  },
  {
    name: 'NO_PROXY with a port matches only that port',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'acme.okta.com:8443' } },
    expect: 'proxy: http://p:1 HTTPS_PROXY',
  },
  {
    name: 'NO_PROXY with the default port matches',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'acme.okta.com:443' } },
    expect: 'direct: noProxy',
  },
  {
    name: 'NO_PROXY CIDR matches an IP target',
    target: 'https://10.1.2.3',
    settings: { env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/8' } },
    expect: 'direct: noProxy',
  },
  {
    name: 'credentials in the URL become a Basic Proxy-Authorization, and leave the shown URL',
    settings: { proxy: 'http://alice:s%40cret@proxy.corp:3128', env: {} },
    expect: 'proxy: http://proxy.corp:3128 http.proxy',
    authorization: basic('alice:s@cret'),
  },
  {
    name: 'http.proxyAuthorization wins over credentials in the URL',
    settings: { proxy: 'http://alice:pw@proxy.corp:3128', proxyAuthorization: 'Negotiate abc', env: {} },
    expect: 'proxy: http://proxy.corp:3128 http.proxy',
    authorization: 'Negotiate abc',
  },
  {
    name: 'credentials in HTTPS_PROXY',
    settings: { env: { HTTPS_PROXY: 'http://bob:pw@envproxy:8080' } },
    expect: 'proxy: http://envproxy:8080 HTTPS_PROXY',
    authorization: basic('bob:pw'),
  },
  { name: 'a socks proxy is refused', settings: { proxy: 'socks5://s:1080', env: {} }, expect: 'invalid: http.proxy' },
  {
    name: 'an unparsable proxy is refused',
    settings: { env: { HTTPS_PROXY: 'http://[bad' } },
    expect: 'invalid: HTTPS_PROXY',
  },
];

describe('network: proxy resolution (settings + environment + noProxy -> route)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const route = resolveProxy(new URL(row.target ?? ACME), row.settings);
      const got =
        route.kind === 'direct'
          ? `direct: ${route.why}`
          : route.kind === 'proxy'
            ? `proxy: ${route.proxy} ${route.source}`
            : `invalid: ${route.source}`;
      assert.equal(got, row.expect);
      if (route.kind === 'proxy') assert.equal(route.authorization, row.authorization);
      // What the log says names no credential.
      assert.doesNotMatch(describeRoute(route), /alice|s%40cret|s@cret|bob:|pw@/);
    });
  }

  it("the proxy's password and Proxy-Authorization value are registered secrets: removed from any text after", () => {
    resolveProxy(new URL(ACME), { proxy: 'http://carol:Pr0xyPassw0rd9@proxy.corp:3128', env: {} });
    resolveProxy(new URL(ACME), {
      proxy: 'http://proxy.corp:3128',
      proxyAuthorization: 'Negotiate YIIBkgYGKwYBBQUC',
      env: {},
    });
    const text = redact('carol used Pr0xyPassw0rd9 and then YIIBkgYGKwYBBQUC in a message');
    assert.ok(!text.includes('Pr0xyPassw0rd9') && !text.includes('YIIBkgYGKwYBBQUC'), text);
  });

  it('matchesNoProxy ignores empty entries and IPv6 brackets', () => {
    assert.equal(matchesNoProxy(new URL('https://[::1]:8443'), ['', '[::1]:8443']), true);
    assert.equal(matchesNoProxy(new URL('https://acme.okta.com'), ['', ' ']), false);
    assert.equal(
      matchesNoProxy(new URL('https://10.1.2.3'), ['10.0.0.0/99']),
      false,
      'an invalid prefix matches nothing',
    );
  });
});
