// redact() is the net under every log line and message: each credential shape we can meet must be caught, and
// ordinary text must come through readable.
import assert from 'node:assert/strict';
import { maskSecret, redact } from '../../src/redact.ts';

const TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789_-ab';
const SECRET = 'Zx9-kQ_4tPw8vR2mN6bH1cY7uJ3eL5aS0dF-gT8hW2qE';
const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwb2ExMjMiLCJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ';

function assertClean(out: string, ...values: string[]): void {
  for (const v of values) assert.ok(!out.includes(v), `leaked ${v} in: ${out}`);
  assert.ok(out.includes('[REDACTED'), `nothing marked as redacted in: ${out}`);
}

describe('redact', () => {
  const cases: Array<[name: string, text: string, leaked: string[]]> = [
    ['SSWS header', `Authorization: SSWS ${TOKEN}`, [TOKEN]],
    ['SSWS lower case', `authorization: ssws ${TOKEN}`, [TOKEN]],
    ['Bearer token', `Authorization: Bearer ${TOKEN}`, [TOKEN]],
    ['DPoP access token and proof', `Authorization: DPoP ${TOKEN}\nDPoP: ${JWT}`, [TOKEN, JWT]],
    [
      'Basic credentials',
      `Authorization: Basic ${Buffer.from(`0oa1:${SECRET}`).toString('base64')}`,
      [Buffer.from(`0oa1:${SECRET}`).toString('base64')],
    ],
    ['unknown Authorization scheme', 'Authorization: Custom k=v,sig=abcdef123456', ['k=v,sig=abcdef123456']],
    ['JSON header object', `{"authorization":"SSWS ${TOKEN}"}`, [TOKEN]],
    ['client_secret in JSON', `[{"id":"ocs1","client_secret":"${SECRET}","status":"ACTIVE"}]`, [SECRET]],
    [
      'client_secret in JSON with spaces and escapes',
      '{"client_secret": "a b\\"c, d}e&f=g h"}',
      ['a b\\"c', 'd}e&f=g h'],
    ],
    [
      'client_secret in a form body',
      `grant_type=authorization_code&client_id=0oa1&client_secret=${encodeURIComponent('p@ss w0rd&x')}`,
      ['p%40ss', 'w0rd'],
    ],
    ['client_secret in a query string', `/oauth2/v1/token?client_secret=${SECRET}&x=1`, [SECRET]],
    ['clientSecret key: value text', `clientSecret: ${SECRET}`, [SECRET]],
    ['api token in key=value text', `apiToken=${TOKEN}`, [TOKEN]],
    ['readOnlyToken in JSON', `{"readOnlyToken":"${TOKEN}"}`, [TOKEN]],
    ['the other simulator tokens in JSON', `{"customRoleToken":"${TOKEN}","appAdminToken":"${TOKEN}"}`, [TOKEN]],
    ['access_token in an OAuth answer', `{"access_token":"${TOKEN}","token_type":"DPoP"}`, [TOKEN]],
    ['password field', 'password=hunter2hunter2', ['hunter2hunter2']],
    ['non-string JSON value', '{"client_secret": 12345678901234}', ['12345678901234']],
    [
      'PEM private key',
      `key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\nafter`,
      ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
    ],
    [
      'RSA PEM',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
      ['MIIEowIBAAKCAQEA'],
    ],
    [
      'unterminated PEM',
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBn',
      ['MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBn'],
    ],
    ['bare JWT', `assertion was ${JWT} here`, [JWT]],
  ];
  for (const [name, text, leaked] of cases) {
    it(`masks ${name}`, () => assertClean(redact(text), ...leaked));
  }

  it('masks known values, also when URL-encoded or JSON-escaped', () => {
    const known = 'a/b+c "quoted" value~1';
    const text = `raw ${known} form ${encodeURIComponent(known)} plus ${new URLSearchParams({ v: known }).toString()} json ${JSON.stringify({ v: known })}`;
    const out = redact(text, [known]);
    assertClean(out, known, encodeURIComponent(known), JSON.stringify(known).slice(1, -1));
    assert.ok(!out.includes('quoted'), out);
  });

  it("a URL's user information goes (a proxy written scheme://user:password@host), the rest of the URL stays", () => {
    assert.equal(
      redact('proxy http://alice:s3cr3tPa55@proxy.corp:3128 refused (407)'),
      'proxy http://[REDACTED]@proxy.corp:3128 refused (407)',
    );
    assert.equal(redact('https://u:p@acme.okta.com/x'), 'https://[REDACTED]@acme.okta.com/x');
    assert.equal(redact('https://acme.okta.com/api/v1/apps?q=a@b'), 'https://acme.okta.com/api/v1/apps?q=a@b');
    assert.equal(redact('http://proxy.corp:3128'), 'http://proxy.corp:3128');
  });

  it('ignores known values too short to mask safely', () => {
    assert.equal(redact('status ACTIVE', ['ACTIVE']), 'status ACTIVE');
  });

  it('keeps ordinary messages readable', () => {
    const text =
      "Listing client secrets of app 0oa1abcdEFGH2345ijkl in acme.okta.com failed: 400 E0000001 Api validation failed: OAuth2ClientSecretMediated (You can't delete an active client secret.). token_endpoint_auth_method client_secret_basic; secret ocs1abcdEFGH2345ijkl secret_hash yk4SVx4sUWVJVbHt6M-UPA. Okta errorId: oaeAbc123.";
    assert.equal(redact(text), text);
  });

  it('keeps prose around DPoP, Bearer and Basic readable (only credential-like values after them go)', () => {
    for (const text of [
      'Okta refused the DPoP proof. Check the clock.',
      'The service app requires DPoP proofs; Bearer tokens are refused.',
      'Basic authentication with the client secret (client_secret_basic) is what the connection uses.',
      'DPoP: proofs carry the time, so the clock matters.',
      'Send a DPoP nonce again, i.e. retry once.',
    ]) {
      assert.equal(redact(text), text);
    }
  });

  it('still masks credential-like values after DPoP, Bearer and Basic in prose, and any value in a header line', () => {
    assertClean(redact(`retrying with DPoP ${TOKEN.slice(0, 20)} now`), TOKEN.slice(0, 20));
    assertClean(redact('sent Bearer ab.cd.ef to the API'), 'ab.cd.ef');
    assertClean(redact('Authorization: Bearer abc123'), 'abc123');
    assertClean(redact('{"Authorization":"DPoP short1"}'), 'short1');
    assertClean(redact(`DPoP: ${JWT.split('.').slice(1).join('.')}`), JWT.split('.')[1]!);
  });

  it('does not double-mark what it has already masked', () => {
    const once = redact(`Authorization: SSWS ${TOKEN}`);
    assert.equal(redact(once), once);
    assert.equal(once, 'Authorization: SSWS [REDACTED]');
  });
});

describe('maskSecret', () => {
  it('shows only the last four characters of a secret', () => {
    assert.equal(maskSecret(SECRET), `••••${SECRET.slice(-4)}`);
  });
  it('shows nothing of a short value', () => {
    assert.equal(maskSecret('abcdefgh'), '••••');
    assert.equal(maskSecret(''), '••••');
  });
});
