// One rule decides where a credential may be sent (src/okta/orgOrigin.ts). Its three callers, the org-input
// parser, the client and the service-app authenticator, refuse the same bad addresses, each in its own words, and
// what the parser hands out is what the other two accept.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { isOktaError } from '../../../src/okta/errors.ts';
import { ServiceAppAuth } from '../../../src/okta/oauth/serviceAppAuth.ts';
import { parseOrgInput } from '../../../src/okta/orgInput.ts';
import { checkOrgOrigin, isLoopbackHost } from '../../../src/okta/orgOrigin.ts';

const TOKEN = '00tokenTokenTokenToken';
let privateKey: string;

type Caller = (baseUrl: string) => unknown;
const CALLERS: Record<'parseOrgInput' | 'OktaClient' | 'ServiceAppAuth', { make: Caller; operation: string }> = {
  parseOrgInput: { make: (u) => parseOrgInput(u), operation: 'Reading the org address' },
  OktaClient: {
    make: (u) => new OktaClient({ baseUrl: u, auth: new ApiTokenAuth(TOKEN) }),
    operation: 'Starting the Okta client',
  },
  ServiceAppAuth: {
    make: (u) => new ServiceAppAuth({ baseUrl: u, clientId: '0oaABCDEFGHIJKLMNOPQ', privateKey }),
    operation: 'Reading the service app credentials',
  },
};

/** A bad base URL, and the words of the parser's refusal and of the client's (the authenticator's are the client's). */
const BAD: Array<[baseUrl: string, parser: string, client: string]> = [
  ['http://acme.okta.com', 'http is not accepted', 'the org address must use https'],
  ['http://127.0.0.2:8443', 'http is not accepted', 'the org address must use https'],
  ['ftp://acme.okta.com', 'scheme "ftp:"', 'the org address must use https'],
  ['javascript:alert(1)', 'scheme "javascript:"', 'the org address must use https'],
  ['https://user@acme.okta.com', 'user name', 'must be an origin only (no path, query or user name)'],
  ['https://acme.okta.com/api/v1/apps', 'not an Admin Console app page', 'must be an origin only'],
  ['https://acme.okta.com/?redirect=https://evil.com', 'query', 'must be an origin only'],
  ['acme', 'not an Okta domain', 'the org address is not a URL'],
];

describe('the org origin rule, shared by its three callers', () => {
  before(() => {
    privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
  });

  for (const [baseUrl, parser, client] of BAD) {
    it(`all three refuse ${JSON.stringify(baseUrl)}, each in its own words`, () => {
      for (const [name, { make, operation }] of Object.entries(CALLERS)) {
        const expected = name === 'parseOrgInput' ? parser : client;
        assert.throws(
          () => make(baseUrl),
          (e: unknown) => {
            assert.ok(isOktaError(e, 'input'), `${name}: expected an input OktaError, got ${String(e)}`);
            assert.ok(e.message.startsWith(`${operation} failed`), `${name}: ${e.message}`);
            assert.ok(e.message.includes(expected), `${name}: "${e.message}" lacks "${expected}"`);
            return true;
          },
        );
      }
    });
  }

  it('what parseOrgInput hands out, the client and the authenticator accept', () => {
    const inputs = [
      'acme.okta.com',
      'https://acme-admin.oktapreview.com/admin/app/flow/instance/0oa1abcdEFGH2345ijkl/',
      'http://127.0.0.1:8443',
      'localhost:3000',
      'http://[::1]:4000/',
    ];
    for (const input of inputs) {
      const { baseUrl } = parseOrgInput(input);
      const client = CALLERS.OktaClient.make(baseUrl);
      assert.ok(client instanceof OktaClient && client.baseUrl === baseUrl, `${input} -> ${baseUrl}`);
      assert.ok(CALLERS.ServiceAppAuth.make(baseUrl) instanceof ServiceAppAuth, baseUrl);
    }
  });

  it('checkOrgOrigin returns the URL of a good origin and names the caller in a refusal', () => {
    assert.equal(checkOrgOrigin('https://acme.okta.com/', 'Testing').origin, 'https://acme.okta.com');
    assert.equal(checkOrgOrigin('http://localhost:3000', 'Testing').host, 'localhost:3000');
    assert.throws(() => checkOrgOrigin('http://acme.okta.com', 'Testing'), /^OktaError: Testing failed: /);
  });

  it('plain http goes to this machine only: 127.0.0.1, localhost and [::1]', () => {
    for (const host of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['127.0.0.2', '0.0.0.0', 'localhost.evil.com', '::1', 'acme.okta.com'])
      assert.ok(!isLoopbackHost(host), host);
  });
});
