// VS Code's http.* settings and the environment, as the Okta client takes them: what is read, what a wrong value
// becomes, and that only the proxy variables of the environment are kept (the options are compared to decide
// whether a client is current, and must not carry the whole environment).
import assert from 'node:assert/strict';
import { networkOptionsFrom } from '../../../src/vscode/connection/networkOptionsFrom.ts';

const log = { info: () => undefined, warn: () => undefined };

describe('vscode: network options from http.* settings and the environment', () => {
  it('defaults: no proxy, proxySupport override, certificates checked, system certificates trusted', () => {
    const o = networkOptionsFrom(() => undefined, {}, log);
    assert.deepEqual(o.proxy, {
      proxy: undefined,
      noProxy: [],
      proxyAuthorization: undefined,
      proxySupport: 'override',
      env: {},
    });
    assert.equal(o.strictSSL, true);
    assert.equal(o.systemCertificates, true);
    assert.equal(o.log, log);
  });

  it('reads every setting', () => {
    const values: Record<string, unknown> = {
      proxy: ' http://proxy.corp:3128 ',
      noProxy: ['intranet.corp', 42],
      proxyAuthorization: 'Basic abc',
      proxySupport: 'off',
      proxyStrictSSL: false,
      systemCertificates: false,
    };
    const o = networkOptionsFrom((name) => values[name], {}, log);
    assert.deepEqual(o.proxy, {
      proxy: 'http://proxy.corp:3128',
      noProxy: ['intranet.corp'],
      proxyAuthorization: 'Basic abc',
      proxySupport: 'off',
      env: {},
    });
    assert.equal(o.strictSSL, false);
    assert.equal(o.systemCertificates, false);
  });

  it('a value of the wrong type is ignored, as VS Code ignores it', () => {
    const values: Record<string, unknown> = {
      proxy: 12,
      proxySupport: 'sometimes',
      proxyStrictSSL: 'no',
      noProxy: 'x',
    };
    const o = networkOptionsFrom((name) => values[name], {}, log);
    assert.equal(o.proxy?.proxy, undefined);
    assert.equal(o.proxy?.proxySupport, 'override');
    assert.equal(o.strictSSL, true);
    assert.deepEqual(o.proxy?.noProxy, []);
  });

  it('keeps only the proxy variables of the environment, in either case', () => {
    const env = {
      HTTPS_PROXY: 'http://p:1',
      no_proxy: '.corp',
      PATH: '/usr/bin',
      AWS_SECRET_ACCESS_KEY: 'x',
      http_proxy: '',
    };
    const o = networkOptionsFrom(() => undefined, env, log);
    assert.deepEqual(o.proxy?.env, { HTTPS_PROXY: 'http://p:1', no_proxy: '.corp' });
  });
});
