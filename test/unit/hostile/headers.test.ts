// Every header a hostile org sends is read defensively: out-of-range, negative, garbage, duplicated or missing
// values each have a defined behaviour, and where one ends the operation it is an OktaError naming the org and
// the operation (never a bare RangeError). The org is hostileOrg.ts's raw loopback server, so it can send what a
// well-behaved server would not; the sentinel must receive nothing.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { rejection } from '../okta/fixture.ts';
import { APP_ID, hostileWorld, json, secret, SECRET_ID, workflowsApp, type RawAnswer } from './hostileOrg.ts';

const RATE_BODY = { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit', errorId: 'oaeRate' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A 429 with these header lines (and a Date of now unless one is given). */
function tooMany(headers: ReadonlyArray<readonly [string, string]>): RawAnswer {
  const date: ReadonlyArray<readonly [string, string]> = headers.some(([n]) => n === 'date')
    ? []
    : [['date', new Date().toUTCString()]];
  return json(RATE_BODY, 429, [...date, ...headers]);
}

describe('hostile org: X-Rate-Limit-Reset and Date on a 429', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  // [what, the 429's headers, expected: the wait in ms (then success), or 'refused' (rateLimited at once)]
  // The headers are made when the case runs: a reset is relative to that moment.
  type Headers = () => ReadonlyArray<readonly [string, string]>;
  const cases: Array<[string, Headers, { waitMs: [number, number] } | 'refused']> = [
    ['13 digits (milliseconds, not seconds)', () => [['x-rate-limit-reset', String(Date.now())]], 'refused'],
    ['20 digits', () => [['x-rate-limit-reset', '9'.repeat(20)]], 'refused'],
    ['400 digits', () => [['x-rate-limit-reset', '9'.repeat(400)]], 'refused'],
    ['two hours ahead', () => [['x-rate-limit-reset', String(nowSeconds() + 7200)]], 'refused'],
    ['negative', () => [['x-rate-limit-reset', '-5']], { waitMs: [1000, 1000] }],
    ['garbage', () => [['x-rate-limit-reset', 'soon']], { waitMs: [1000, 1000] }],
    ['a float', () => [['x-rate-limit-reset', '1.7e9']], { waitMs: [1000, 1000] }],
    ['empty', () => [['x-rate-limit-reset', '']], { waitMs: [1000, 1000] }],
    ['missing (a concurrency 429)', () => [], { waitMs: [1000, 1000] }],
    ['in the past', () => [['x-rate-limit-reset', String(nowSeconds() - 3600)]], { waitMs: [1000, 1000] }],
    ['ten seconds ahead', () => [['x-rate-limit-reset', String(nowSeconds() + 10)]], { waitMs: [9000, 11_000] }],
    [
      'ten seconds ahead of a garbage Date (measured on our clock)',
      () => [
        ['date', 'yesterday, probably'],
        ['x-rate-limit-reset', String(nowSeconds() + 10)],
      ],
      { waitMs: [9000, 11_500] },
    ],
    [
      "ten seconds after a Date a year behind (Okta's clock counts)",
      () => [
        ['date', new Date(Date.now() - 365 * 86_400_000).toUTCString()],
        ['x-rate-limit-reset', String(nowSeconds() - 365 * 86_400 + 10)],
      ],
      { waitMs: [9000, 11_500] },
    ],
    [
      'given twice, the absurd one first',
      () => [
        ['x-rate-limit-reset', '9'.repeat(16)],
        ['x-rate-limit-reset', String(nowSeconds() + 5)],
      ],
      'refused',
    ],
  ];

  for (const [what, headers, expected] of cases) {
    it(`${what}: ${expected === 'refused' ? 'rateLimited at once, naming org and operation' : 'a defined wait, then the call goes on'}`, async () => {
      const { org, client } = world();
      const { client: c, waits } = client({ maxRateLimitWaitMs: 60_000, operation: { deadlineMs: 60_000 } });
      org.script = (_req, n) => (n === 1 ? tooMany(headers()) : json([secret()]));
      if (expected === 'refused') {
        const e = await rejection(c.listSecrets(APP_ID));
        assert.equal(e.kind, 'rateLimited');
        assert.match(e.message, /^127\.0\.0\.1:\d+ is rate limiting the extension \(429, E0000047\)/);
        assert.match(e.operation, /^Listing client secrets of app \S+$/);
        assert.match(e.message, /X-Rate-Limit-Reset is not a believable time/);
        assert.equal(e.retryAt, undefined);
        assert.deepEqual(waits.ms, []);
      } else {
        assert.equal((await c.listSecrets(APP_ID)).length, 1);
        assert.equal(waits.ms.length, 1);
        assert.ok(waits.ms[0]! >= expected.waitMs[0] && waits.ms[0]! <= expected.waitMs[1], `waited ${waits.ms[0]}`);
      }
    });
  }

  it('13 digits on a write: rateLimited naming the write, sent once, never "Invalid time value"', async () => {
    const { org, client } = world();
    const { client: c } = client({ maxRateLimitWaitMs: 60_000 });
    org.script = () => tooMany([['x-rate-limit-reset', String(Date.now())]]);
    const e = await rejection(c.createSecret(APP_ID, undefined, { listedBefore: [{ id: SECRET_ID }] }));
    assert.equal(e.kind, 'rateLimited');
    assert.match(e.message, /^127\.0\.0\.1:\d+ is rate limiting the extension \(429, E0000047\)/);
    assert.match(e.operation, /^Creating a client secret for app \S+$/);
    assert.equal(org.seen.length, 1);
  });

  it('13 digits during a tree load: an error that names the org and what was being found', async () => {
    const { org, client } = world();
    const { client: c } = client({ maxRateLimitWaitMs: 60_000 });
    org.script = () => tooMany([['x-rate-limit-reset', '1' + '0'.repeat(12)]]);
    const e = await rejection(c.findWorkflowsApp());
    assert.equal(e.kind, 'rateLimited');
    assert.match(e.message, /^127\.0\.0\.1:\d+ is rate limiting the extension/);
    assert.match(e.operation, /^Listing apps matching name eq "flow"$/);
  });
});

describe('hostile org: the other headers', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  const snapshotCases: Array<[string, ReadonlyArray<readonly [string, string]>, boolean]> = [
    ['a negative limit', [['x-rate-limit-limit', '-1']], false],
    ['a remaining of 30 digits', [['x-rate-limit-remaining', '9'.repeat(30)]], false],
    ['a limit with letters', [['x-rate-limit-limit', '10abc']], false],
    ['a reset 13 digits long', [['x-rate-limit-reset', String(Date.now())]], false],
    ['well-formed headers', [], true],
  ];
  for (const [what, override, kept] of snapshotCases) {
    it(`rate-limit headers on a 200 with ${what}: ${kept ? 'kept' : 'ignored'}, and the call succeeds`, async () => {
      const { org, client } = world();
      const { client: c } = client();
      const base: Record<string, string> = {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '99',
        'x-rate-limit-reset': String(nowSeconds() + 30),
      };
      for (const [n, v] of override) base[n] = v;
      org.script = () => json([secret()], 200, [['date', new Date().toUTCString()], ...Object.entries(base)]);
      assert.equal((await c.listSecrets(APP_ID)).length, 1);
      assert.equal(c.rateLimit() !== undefined, kept);
    });
  }

  const requestIds: Array<[string, string, boolean]> = [
    ['with spaces', 'req 1 2', false],
    ['1000 characters long', 'r'.repeat(1000), false],
    ['holding HTML', '<script>alert(1)</script>', false],
    ['holding a colon and a quote', 'a":b', false],
    ['well-formed', 'reqAbC123-_.', true],
  ];
  for (const [what, id, echoed] of requestIds) {
    it(`an X-Okta-Request-Id ${what} is ${echoed ? '' : 'not '}sent back as X-Okta-Retry-For`, async () => {
      const { org, client } = world();
      const { client: c } = client({ maxRateLimitWaitMs: 60_000, operation: { deadlineMs: 60_000 } });
      org.script = (_req, n) =>
        n === 1
          ? tooMany([
              ['x-okta-request-id', id],
              ['x-rate-limit-reset', String(nowSeconds())],
            ])
          : json([secret()]);
      assert.equal((await c.listSecrets(APP_ID)).length, 1);
      assert.equal(org.seen[1]!.headers['x-okta-retry-for'], echoed ? id : undefined);
      assert.equal(org.seen[1]!.headers['x-okta-retry-count'], '1');
    });
  }

  const contentTypes: Array<[string, RawAnswer, RegExp]> = [
    [
      'a C1 escape (CSI, 0x9b) and bidi bytes in the content type',
      { status: 200, headers: [['content-type', '\u009b31mtext/html\u00e2\u0080\u00ae']], body: '[]' },
      /not JSON \(content type \\x9b31mtext\/html\u00e2\\x80\u00ae\)/,
    ],
    ['no content type', { status: 200, headers: [], body: '[]' }, /not JSON \(content type none\)/],
    [
      'a 10 KB content type',
      { status: 200, headers: [['content-type', `text/${'x'.repeat(10_000)}`]], body: '[]' },
      /not JSON \(content type text\/x{50,58}…\)/,
    ],
    [
      'JSON in UTF-16',
      {
        status: 200,
        headers: [['content-type', 'application/json; charset=utf-16le']],
        body: Buffer.from('[]', 'utf16le'),
      },
      /not valid JSON/,
    ],
    [
      'gzip the client never asked for (no decompression: no bomb)',
      {
        status: 200,
        headers: [
          ['content-type', 'application/json'],
          ['content-encoding', 'gzip'],
        ],
        body: gzipSync('[]'),
      },
      /not valid JSON/,
    ],
  ];
  for (const [what, answer, expected] of contentTypes) {
    it(`${what}: a protocol error, the type shown safely`, async () => {
      const { org, client } = world();
      const { client: c } = client();
      org.script = () => answer;
      const e = await rejection(c.listSecrets(APP_ID));
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, expected);
      assert.ok(!/[\p{Cc}\p{Cf}]/u.test(e.message), e.message);
    });
  }

  const framing: Array<[string, RawAnswer, string[]]> = [
    [
      'an ESC in a header value (the HTTP parser refuses it)',
      { status: 200, headers: [['content-type', '\u001b[31mapplication/json']], body: '[]' },
      ['network'],
    ],
    ['status 600', json([secret()], 600), ['protocol']],
    ['status 999', json([secret()], 999), ['protocol']],
    [
      'a Content-Length longer than the body, then the connection closes',
      {
        status: 200,
        headers: [
          ['content-type', 'application/json'],
          ['content-length', '5000'],
        ],
        body: '[]',
        noLength: true,
      },
      ['network'],
    ],
    [
      'a Content-Length shorter than the body',
      {
        status: 200,
        headers: [
          ['content-type', 'application/json'],
          ['content-length', '1'],
        ],
        body: '[{}]',
        noLength: true,
      },
      ['protocol', 'network'],
    ],
    [
      'both Content-Length and Transfer-Encoding (a smuggling attempt)',
      {
        status: 200,
        headers: [
          ['content-type', 'application/json'],
          ['content-length', '2'],
          ['transfer-encoding', 'chunked'],
        ],
        body: '2\r\n[]\r\n0\r\n\r\n',
        noLength: true,
      },
      ['network'],
    ],
    [
      'a malformed chunk',
      {
        status: 200,
        headers: [
          ['content-type', 'application/json'],
          ['transfer-encoding', 'chunked'],
        ],
        body: 'zz\r\n[]\r\n',
        noLength: true,
      },
      ['network'],
    ],
    [
      '20 KiB of headers',
      {
        ...json([secret()]),
        headers: [
          ['content-type', 'application/json'],
          ['x-padding', 'p'.repeat(20_480)],
        ],
      },
      ['network'],
    ],
  ];
  for (const [what, answer, kinds] of framing) {
    it(`${what}: ${kinds.join(' or ')}, naming the org`, async () => {
      const { org, client } = world();
      const { client: c } = client();
      org.script = () => answer;
      const e = await rejection(c.listSecrets(APP_ID));
      assert.ok(kinds.includes(e.kind), `${e.kind}: ${e.message}`);
      assert.ok(e.message.includes(`127.0.0.1:${org.port}`), e.message);
    });
  }

  it('an 8 KB Set-Cookie and a status 299 carrying the list: ignored and accepted', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json([secret()], 299, [['set-cookie', `sid=${'c'.repeat(8000)}`]]);
    assert.equal((await c.listSecrets(APP_ID)).length, 1);
  });

  it('a 401 with a huge WWW-Authenticate and a DPoP-Nonce that is not one: a clear invalidToken', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () =>
      json({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorId: 'oae401' }, 401, [
        ['www-authenticate', `SSWS realm="${'r'.repeat(8000)}"`],
        ['dpop-nonce', 'not a nonce "at all"'],
      ]);
    const e = await rejection(c.getApp(APP_ID));
    assert.equal(e.kind, 'invalidToken');
    assert.match(e.message, /^127\.0\.0\.1:\d+ refused the API token \(401, E0000011\): Invalid token provided/);
    assert.match(e.operation, /^Reading app \S+$/);
  });

  it('a Link header of 8 KB of garbage: no next page, the list ends', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json([workflowsApp()], 200, [['link', `<${'x'.repeat(4000)}; rel=${'"'.repeat(4000)}`]]);
    assert.equal((await c.listApps()).length, 1);
    assert.equal(org.seen.length, 1);
  });
});
