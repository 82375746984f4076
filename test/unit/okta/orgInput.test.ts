// The org-input table: what a person may type or paste, and what we make of it. Each bad row names a fragment
// of the message the person sees, so a refusal is never silent or vague.
import assert from 'node:assert/strict';
import { parseOrgInput, type OrgAddress, type ParseOrgInputOptions } from '../../../src/okta/orgInput.ts';
import { isOktaError } from '../../../src/okta/errors.ts';

const APP = '0oa1abcdEFGH2345ijkl';
type Row = [input: string, expected: Partial<OrgAddress> | string, opts?: ParseOrgInputOptions];

const ROWS: Row[] = [
  // Good: Okta domains in their many spellings.
  ['acme.okta.com', { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com', isLoopback: false, isPreview: false }],
  ['https://acme.okta.com/', { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' }],
  ['https://acme.okta.com', { host: 'acme.okta.com' }],
  ['ACME.OKTA.COM ', { host: 'acme.okta.com' }],
  ['  acme.okta.com\n', { host: 'acme.okta.com' }],
  ['HTTPS://Acme.Okta.com/', { host: 'acme.okta.com' }],
  ['https://acme.okta.com:443/', { host: 'acme.okta.com' }],
  ['acme.oktapreview.com', { host: 'acme.oktapreview.com', isPreview: true }],
  ['acme-admin.oktapreview.com', { host: 'acme.oktapreview.com', isPreview: true }],
  ['acme.okta-emea.com', { host: 'acme.okta-emea.com', isPreview: false }],
  ['acme.okta-gov.com', { host: 'acme.okta-gov.com' }],
  ['acme.okta.mil', { host: 'acme.okta.mil' }],
  ['acme-admin.okta.com', { host: 'acme.okta.com' }],
  ['https://acme.workflows.okta.com/', { host: 'acme.okta.com' }],
  ['dev-12345678.okta.com', { host: 'dev-12345678.okta.com' }],
  ['https://acme.okta.com/#anything', { host: 'acme.okta.com' }],
  // Good: Admin Console URLs of the app give the app id too.
  [`https://acme-admin.okta.com/admin/app/flow/instance/${APP}/#tab-general`, { host: 'acme.okta.com', appId: APP }],
  [`https://acme-admin.okta.com/admin/app/flow/instance/${APP}`, { host: 'acme.okta.com', appId: APP }],
  [
    `acme-admin.oktapreview.com/admin/app/oidc_client/instance/${APP}/`,
    { host: 'acme.oktapreview.com', appId: APP, isPreview: true },
  ],
  [`https://acme.okta.com/admin/app/flow/instance/${APP}/`, { host: 'acme.okta.com', appId: APP }],
  // Good: loopback (the simulator), http allowed.
  ['http://127.0.0.1:8443', { host: '127.0.0.1:8443', baseUrl: 'http://127.0.0.1:8443', isLoopback: true }],
  ['127.0.0.1:9000', { host: '127.0.0.1:9000', baseUrl: 'http://127.0.0.1:9000', isLoopback: true }],
  ['http://localhost:3000/', { host: 'localhost:3000', baseUrl: 'http://localhost:3000', isLoopback: true }],
  ['http://[::1]:4000', { host: '[::1]:4000', baseUrl: 'http://[::1]:4000', isLoopback: true }],
  [`http://127.0.0.1:8443/admin/app/flow/instance/${APP}/`, { host: '127.0.0.1:8443', appId: APP, isLoopback: true }],
  // Good: custom domains only when allowed.
  [
    'https://login.acme.example',
    { host: 'login.acme.example', baseUrl: 'https://login.acme.example', isLoopback: false },
    { allowCustomDomain: true },
  ],
  ['sso.example.org', { host: 'sso.example.org' }, { allowCustomDomain: true }],

  // Bad: empty, spaces, schemes.
  ['', 'nothing was entered'],
  ['   ', 'nothing was entered'],
  ['acme .okta.com', 'contains spaces'],
  ['https://acme.okta.com/ x', 'contains spaces'],
  ['ftp://acme.okta.com', 'scheme "ftp:"'],
  ['javascript:alert(1)', 'scheme "javascript:"'],
  ['file:///etc/passwd', 'scheme "file:"'],
  ['http://acme.okta.com', 'http is not accepted'],
  // Bad: userinfo, query and path tricks.
  ['https://user@acme.okta.com', 'user name'],
  ['https://acme.okta.com@evil.com', 'user name'],
  ['https://user:pass@acme.okta.com/', 'user name'],
  ['https://acme.okta.com/?redirect=https://evil.com', 'query'],
  ['https://acme.okta.com?', 'query'],
  ['https://acme.okta.com/api/v1/apps', 'not an Admin Console app page'],
  ['https://acme.okta.com/admin/dashboard', 'not an Admin Console app page'],
  [`https://acme-admin.okta.com/admin/app/flow/instance/${APP}/../../../api`, 'not an Admin Console app page'],
  ['https://acme-admin.okta.com/admin/app/flow/instance/0oa123/', 'not an Okta app id'],
  ['https://acme-admin.okta.com/admin/app/flow/instance/0oa1abcdEFGH2345ijk%2F/', 'not an Okta app id'],
  ['https://acme-admin.okta.com/admin/app/flow/instance/ocs1abcdEFGH2345ijkl/', 'not an Okta app id'],
  ['https://evil.com\\@acme.okta.com', 'characters an org address never has'],
  // Bad: ports and addresses.
  ['https://acme.okta.com:8443', 'port 8443'],
  ['acme.okta.com:444', 'port 444'],
  ['https://10.0.0.1', 'IP address'],
  ['http://127.0.0.1:8443', 'local addresses are not accepted', { allowLoopback: false }],
  ['http://127.0.0.2:8443', 'http is not accepted'],
  // Bad: look-alike hosts.
  ['okta.com', 'no org name'],
  ['https://okta.com/', 'no org name'],
  ['okta.com.evil.com', 'not an Okta domain'],
  ['acme.okta.com.evil.com', 'not an Okta domain'],
  ['okta.com.evil.com', 'imitates an Okta domain', { allowCustomDomain: true }],
  ['evilokta.com', 'not an Okta domain'],
  ['acme.okta.co', 'not an Okta domain'],
  ['acme.okta.com.', 'ends with a dot'],
  ['a.b.okta.com', 'not an org domain of okta.com'],
  ['acme.oktа.com', 'non-ASCII'], // Cyrillic "а"
  ['https://xn--cme-5cd.okta.com', 'punycode'], // "аcme" with a Cyrillic а
  ['acme.xn--okt-8cd.com', 'punycode', { allowCustomDomain: true }], // "oktа" with a Cyrillic а
  ['-acme.okta.com', 'not a valid domain'],
  ['acme..okta.com', 'not a valid domain'],
  ['sso.example.org', 'not an Okta domain'],
  ['localhost', 'local addresses are not accepted', { allowLoopback: false, allowCustomDomain: true }],
  ['intranet', 'not a full domain name', { allowCustomDomain: true }],
];

describe('parseOrgInput (table)', () => {
  it('has at least 40 rows, good and bad', () => {
    assert.ok(ROWS.length >= 40, `${ROWS.length} rows`);
    assert.ok(ROWS.filter((r) => typeof r[1] === 'string').length >= 20);
    assert.ok(ROWS.filter((r) => typeof r[1] !== 'string').length >= 20);
  });

  for (const [input, expected, opts] of ROWS) {
    const label = `${JSON.stringify(input)}${opts ? ` ${JSON.stringify(opts)}` : ''}`;
    if (typeof expected === 'string') {
      it(`refuses ${label}: ${expected}`, () => {
        assert.throws(
          () => parseOrgInput(input, opts),
          (e: unknown) => {
            assert.ok(isOktaError(e, 'input'), `expected an input OktaError, got ${String(e)}`);
            assert.ok(e.message.includes(expected), `message "${e.message}" lacks "${expected}"`);
            assert.ok(e.message.startsWith('Reading the org address failed'), e.message);
            return true;
          },
        );
      });
    } else {
      it(`accepts ${label}`, () => {
        const got = parseOrgInput(input, opts);
        for (const [k, v] of Object.entries(expected))
          assert.deepEqual(got[k as keyof OrgAddress], v, `${k} of ${label}`);
        if (expected.appId === undefined) assert.equal(got.appId, undefined);
        assert.ok(!got.baseUrl.endsWith('/'));
      });
    }
  }

  it('never echoes more than the host of a refused input', () => {
    try {
      parseOrgInput('https://acme.okta.com/?client_secret=abcdefghijklmnop');
      assert.fail('should refuse');
    } catch (e) {
      assert.ok(isOktaError(e, 'input'));
      assert.ok(!e.message.includes('abcdefghijklmnop'), e.message);
    }
  });
});
