// Hostile input the person (or a paste) can give: org addresses in the categories orgInput.test.ts (../okta)
// does not cover yet, API tokens, and app and secret ids. Each is refused with a clear message before any
// request leaves: the simulator is asserted to have received nothing.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { isOktaError } from '../../../src/okta/errors.ts';
import { parseOrgInput } from '../../../src/okta/orgInput.ts';
import type { OrgAddress, ParseOrgInputOptions } from '../../../src/okta/orgInput.ts';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { drive } from '../rotation/world.ts';
import { startWorld } from '../rotation/world.ts';

const APP = '0oa1abcdEFGH2345ijkl';
type Row = [input: string, expected: Partial<OrgAddress> | string, opts?: ParseOrgInputOptions];

// Categories missing from the existing table: control characters and invisible Unicode, full-width and other
// look-alike characters, odd ports, scheme tricks, encoded userinfo and paths, other spellings of loopback,
// loopback look-alikes, and overlong input.
const ORG_ROWS: Row[] = [
  ['acme.okta.com\tx', 'contains spaces'],
  ['acme.okta.com\r\nHost: evil.example', 'contains spaces'],
  ['acme.okta.com\u0000', 'characters an org address never has'],
  ['acme.okta.com\u200b', 'non-ASCII'], // zero-width space
  ['\u200bacme.okta.com', 'non-ASCII'],
  ['acme\u00a0.okta.com', 'contains spaces'], // no-break space
  ['acme\uff0eokta\uff0ecom', 'non-ASCII'], // full-width dots, which URL parsers turn into dots
  ['\uff41cme.okta.com', 'non-ASCII'], // full-width a
  ['https://acme.\u043ekta.com', 'non-ASCII'], // Cyrillic o in okta
  [`https://acme.okta.com/admin/app/flow/instance/0\u043ea1abcdEFGH2345ijkl/`, 'non-ASCII'], // Cyrillic o in the app id
  ['ACME.XN--OKT-8CD.COM', 'punycode', { allowCustomDomain: true }],
  ['https://acme.okta.com:0', 'port 0'],
  ['https://acme.okta.com:65536', '"65536" after the domain is not a port number'],
  ['https://acme.okta.com:443abc', '"443abc" after the domain is not a port number'],
  ['acme.okta.com:-1', '"-1" after the domain is not a port number'],
  ['acme.okta.com:abc', '"abc" after the domain is not a port number'],
  ['localhost:-1', '"-1" after the domain is not a port number'],
  ['acme.okta.com:', 'a ":" follows the domain without a port'],
  [`acme.okta.com:${'9'.repeat(300)}`, `"${'9'.repeat(79)}…" after the domain`],
  ['acme.okta.com:443:443', 'is not https'],
  ['https:acme.okta.com', 'is not https'],
  ['https:/acme.okta.com', 'is not https'],
  ['data:text/html,acme.okta.com', 'scheme "data:"'],
  ['https://acme.okta.com\\admin', 'characters an org address never has'],
  ['https://acme.okta.com%2F@evil.example', 'user name'],
  ['https://acme.okta.com%40evil.example', 'not a domain or URL'],
  ['https://@acme.okta.com', 'user name'],
  ['https://:@acme.okta.com', 'user name'],
  ['acme.okta.com@', 'not a domain or URL'],
  ['http://127.0.0.1:8443@evil.example', 'user name'],
  ['https://evil.example#@acme.okta.com', 'not an Okta domain'],
  ['https://evil.example?@acme.okta.com', 'query'],
  ['https://acme.okta.com/%2e%2e/api/v1/apps', 'not an Admin Console app page'],
  [`https://acme.okta.com/admin/app/flow/instance/${APP}%2F..%2F/`, 'not an Okta app id'],
  ['acme.oktapreview.com.evil.example', 'not an Okta domain'],
  ['acme.okta-emea.co', 'not an Okta domain'],
  ['http://localhost.evil.example:8080', 'http is not accepted'],
  ['http://127.0.0.1.nip.io:8080', 'http is not accepted'],
  ['http://[::ffff:127.0.0.1]:8080', 'http is not accepted'],
  [`${'a'.repeat(300)}.okta.com`, 'not a valid domain'],
  // Other spellings of loopback are loopback: normalised, never sent elsewhere.
  ['http://2130706433:8080', { host: '127.0.0.1:8080', baseUrl: 'http://127.0.0.1:8080', isLoopback: true }],
  ['http://0x7f.0.0.1:8080', { host: '127.0.0.1:8080', isLoopback: true }],
  ['http://127.1:8080', { host: '127.0.0.1:8080', isLoopback: true }],
  ['//acme.okta.com', { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' }],
  ['\tacme.okta.com/\n', { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' }],
];

describe('hostile org addresses (categories beyond orgInput.test.ts)', () => {
  it('quotes at most 80 characters of a long domain, scheme or port, with an ellipsis', () => {
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.com`;
    for (const [input, quoted] of [
      [long, `"${'a'.repeat(60)}.${'b'.repeat(18)}…" is not an Okta domain`],
      [`${'x'.repeat(200)}://acme.okta.com`, `the scheme "${'x'.repeat(79)}…:" is not https`],
    ] as const) {
      assert.throws(
        () => parseOrgInput(input),
        (e: unknown) => {
          assert.ok(isOktaError(e, 'input'), String(e));
          assert.ok(e.message.includes(quoted), e.message);
          assert.ok(!e.message.includes('c'.repeat(20)) && !e.message.includes('x'.repeat(81)), e.message);
          return true;
        },
      );
    }
  });

  for (const [input, expected, opts] of ORG_ROWS) {
    const label = JSON.stringify(input).slice(0, 80);
    if (typeof expected === 'string') {
      it(`refuses ${label}: ${expected}`, () => {
        assert.throws(
          () => parseOrgInput(input, opts),
          (e: unknown) => {
            assert.ok(isOktaError(e, 'input'), String(e));
            assert.ok(e.message.includes(expected), `"${e.message}" lacks "${expected}"`);
            assert.match(
              e.message,
              /^Reading the org address failed: .+\. Enter the org domain|^Reading the org address failed: .+\./,
            );
            assert.ok(
              !['\r', '\n', '\u0000', '\u200b'].some((c) => e.message.includes(c)),
              'no control or invisible character echoed',
            );
            return true;
          },
        );
      });
    } else {
      it(`normalises ${label}`, () => {
        const got = parseOrgInput(input, opts);
        for (const [k, v] of Object.entries(expected)) assert.deepEqual(got[k as keyof OrgAddress], v, k);
      });
    }
  }

  it('the client refuses a base URL that is not an origin or not https, before any request', () => {
    for (const base of [
      'https://acme.okta.com/api',
      'https://u:p@acme.okta.com',
      'http://acme.okta.com',
      'https://acme.okta.com/?x=1',
      'not a url',
    ]) {
      assert.throws(
        () => new OktaClient({ baseUrl: base, auth: new ApiTokenAuth('00abcdefghijklmnopqrstuvwxyz') }),
        (e: unknown) => isOktaError(e, 'input'),
        base,
      );
    }
  });
});

describe('hostile API tokens', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  before(async () => {
    sim = await startSimulator({ orgs: [{ name: 'acme-preview', environment: 'preview', decoyApps: 0 }] });
    org = sim.org('acme-preview');
  });
  after(async () => sim.close());
  beforeEach(() => org.clearRequests());

  const refused: Array<[string, string]> = [
    ['empty', ''],
    ['spaces only', '     '],
    ['CR LF header injection', '00abcdefghijklmnop\r\nX-Injected: 1'],
    ['LF in the middle', '00abcdefgh\nijklmnop'],
    ['a space in the middle', '00abcdefgh ijklmnop'],
    ['non-ASCII', '00abcdéfghijklmnop'],
    ['a NUL byte', '00abcdefgh\u0000ijklmnop'],
    ['too short', 'abc'],
    ['a tab in the middle', '00abcdefgh\tijklmnop'],
    ['DEL (a control character)', '00abcdefgh\u007fijklmnop'],
    ['201 characters long', `00${'B'.repeat(199)}`],
    ['10 KB long', `00${'A'.repeat(10 * 1024)}`],
  ];
  for (const [what, token] of refused) {
    it(`refuses a token that is ${what}, before anything is sent`, async () => {
      await assert.rejects(
        async () => {
          const c = new OktaClient({ baseUrl: org.info.baseUrl, auth: new ApiTokenAuth(token) });
          try {
            await c.listSecrets(org.info.workflowsAppId);
          } finally {
            await c.close();
          }
        },
        (e: unknown) => {
          assert.ok(isOktaError(e, 'input'), String(e));
          assert.match(e.message, /API token/);
          if (token.trim().length >= 8)
            assert.ok(!e.message.includes(token.trim().slice(2, 10)), 'the token is not echoed');
          return true;
        },
      );
      assert.equal(org.requests.length, 0);
    });
  }

  it('a 200-character token is still sent (the limit leaves room), refused by Okta as invalid, not echoed', async () => {
    const token = `00${'C'.repeat(198)}`;
    const c = new OktaClient({ baseUrl: org.info.baseUrl, auth: new ApiTokenAuth(token) });
    try {
      await assert.rejects(c.listSecrets(org.info.workflowsAppId), (e: unknown) => {
        assert.ok(isOktaError(e, 'invalidToken'), String(e));
        assert.ok(!e.message.includes('CCCCCCCC'), e.message.slice(0, 200));
        return true;
      });
    } finally {
      await c.close();
    }
    assert.equal(org.requests.length, 1);
  });

  it('a refusal names the org and says what to do, never the token', () => {
    const token = `00${'D'.repeat(300)}`;
    assert.throws(
      () => new ApiTokenAuth(token, { org: 'acme.okta.com' }),
      (e: unknown) => {
        assert.ok(isOktaError(e, 'input'), String(e));
        assert.match(e.message, /^Reading the API token in acme\.okta\.com failed: it is 302 characters long/);
        assert.match(e.message, /Security > API > Tokens.*set it again for acme\.okta\.com/);
        assert.ok(!e.message.includes('DDDD'), e.message);
        return true;
      },
    );
  });
});

describe('hostile app and secret ids', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  let client: OktaClient;
  before(async () => {
    sim = await startSimulator({ orgs: [{ name: 'acme-preview', environment: 'preview', decoyApps: 0 }] });
    org = sim.org('acme-preview');
    client = new OktaClient({ baseUrl: org.info.baseUrl, auth: new ApiTokenAuth(org.info.apiToken) });
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  const SECRET = 'ocs1abcdEFGH2345ijkl';
  const HOSTILE = [
    '../../users/me',
    `${APP}/../../../api/v1/users`,
    '0oa1abcdEFGH2345ijk%2F',
    `0oa1abcdEFGH2345ijk%2F`,
    `${APP}?limit=1`,
    `${APP}#frag`,
    '0oa1abcdEFGH2345ijk\u2113', // script small l
    '0oa1abcdEFGH2345ijkl\u0000',
    ` ${APP}`,
    '',
    'x'.repeat(5000),
  ];
  const operations = (appId: string, secretId: string): Array<[string, () => Promise<unknown>]> => [
    ['getApp', () => client.getApp(appId)],
    ['findWorkflowsApp', () => client.findWorkflowsApp({ appId })],
    ['listSecrets', () => client.listSecrets(appId)],
    ['createSecret', () => client.createSecret(appId)],
    ['getSecret', () => client.getSecret(appId, secretId)],
    ['activateSecret', () => client.activateSecret(appId, secretId)],
    ['deactivateSecret', () => client.deactivateSecret(appId, secretId)],
    ['deleteSecret', () => client.deleteSecret(appId, secretId)],
  ];

  for (const bad of HOSTILE) {
    it(`refuses ${JSON.stringify(bad).slice(0, 50)} as an app or a secret id before any request, without echoing it`, async () => {
      org.clearRequests();
      const calls = [
        ...operations(bad, SECRET),
        ...operations(APP, bad.replace(/^0oa/, 'ocs')).filter(([n]) => /Secret$/.test(n) && n !== 'createSecret'),
      ];
      for (const [name, call] of calls) {
        await assert.rejects(call(), (e: unknown) => {
          assert.ok(isOktaError(e, 'input'), `${name}: ${String(e)}`);
          assert.match(e.message, /is not an Okta (app|client secret) id/);
          if (bad.length >= 8 && bad.trim() !== APP)
            assert.ok(!e.message.includes(bad), `${name} echoes the input: ${e.message.slice(0, 200)}`);
          return true;
        });
      }
      assert.deepEqual(org.requests, [], 'nothing reached Okta');
    });
  }

  it('the engine refuses a retire of a secret id it did not offer (from a hostile page), with no request', async () => {
    const w = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] });
    try {
      const engine = await w.start();
      await drive(engine, { stopWhen: (s) => s.nextActions.some((a) => a.type === 'retire') });
      w.org.clearRequests();
      for (const secretId of ['../../x', `${w.org.secrets()[0]?.id ?? ''}`, 'ocs1abcdEFGH2345ijk%2F']) {
        const out = await engine.perform({ type: 'retire', secretId });
        assert.ok(!out.ok && out.error.kind === 'actionNotAvailable', JSON.stringify(out));
      }
      assert.deepEqual(w.org.requests, []);
      assert.equal(w.org.secrets().length, 2);
    } finally {
      await w.close();
    }
  });
});
