// redact()'s two rules as properties (fast-check generates the values, names, framings and surrounding prose):
// a registered value never survives, however it is spelled or wherever it sits; an unregistered credential never
// survives in any framing people and tools write; readable text (our own advice included) comes through untouched;
// and redacting twice changes nothing more. A failing run prints the smallest text that breaks a rule.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OktaError, type OktaErrorKind } from '../../src/okta/errors.ts';
import { SERVICE_APP_ADVICE } from '../../src/okta/oauth/tokenAnswer.ts';
import { clearRegisteredSecrets, redact, registerSecret } from '../../src/redact.ts';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** A value of `alphabet`, 14 to 100 characters (Okta's rule for a client secret), at least 4 different characters. */
const valueOf = (alphabet: string) =>
  fc
    .string({ unit: chars(alphabet), minLength: 14, maxLength: 100 })
    .filter((v) => new Set(v).size >= 4 && v.trim() === v);

/** The 8-character pieces of `spelled` that `out` still holds and the text around it did not already hold. */
function survivors(out: string, spelled: string, around: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i + 8 <= spelled.length; i++) {
    const piece = spelled.slice(i, i + 8);
    if (out.includes(piece) && !around.includes(piece)) pieces.push(piece);
  }
  return pieces;
}

const prose = fc.constantFrom(
  'Listing apps failed:',
  'the config was',
  '2026-01-01T00:00:00Z level=info',
  'curl said',
  '',
  'Support asked for',
);

describe('redact: a registered value never survives, however it is spelled', () => {
  // The generated values are forgotten afterwards: fast-check favours words such as "constructor".
  after(() => clearRegisteredSecrets());
  const spellings: Array<[string, (v: string) => string]> = [
    ['as is', (v) => v],
    ['URL-encoded', (v) => encodeURIComponent(v)],
    ['URL-encoded in lower case', (v) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded', (v) => new URLSearchParams({ v }).toString().slice(2)],
    ['JSON-escaped', (v) => JSON.stringify(v).slice(1, -1)],
    ['JSON-escaped twice', (v) => JSON.stringify(JSON.stringify(v)).slice(1, -1)],
  ];
  for (const [how, spell] of spellings) {
    it(`${how}, inside any prose`, () => {
      fc.assert(
        fc.property(valueOf(PRINTABLE), prose, prose, (value, before, after) => {
          registerSecret(value);
          const spelled = spell(value);
          const text = `${before} ${spelled} ${after}`;
          const out = redact(text);
          assert.deepEqual(survivors(out, spelled, `${before} ${after}`), [], out);
        }),
      );
    });
  }

  for (const alphabet of ['base64', 'base64url'] as const) {
    it(`inside ${alphabet}, at any byte alignment (HTTP Basic "client:secret", a token's payload)`, () => {
      fc.assert(
        fc.property(
          valueOf(PRINTABLE),
          fc.uint8Array({ maxLength: 7 }),
          fc.uint8Array({ maxLength: 7 }),
          (value, prefix, suffix) => {
            registerSecret(value);
            const bytes = Buffer.concat([Buffer.from(prefix), Buffer.from(value), Buffer.from(suffix)]);
            const encoded = bytes.toString(alphabet);
            const p = prefix.length;
            // The characters that carry nothing but the value's bits.
            const core = encoded.slice(Math.ceil((8 * p) / 6), Math.floor((8 * (p + Buffer.byteLength(value))) / 6));
            const out = redact(`blob ${encoded}.`);
            assert.deepEqual(survivors(out, core, 'blob .'), [], out);
          },
        ),
      );
    });
  }
});

// Names a credential goes by, in the spellings people and tools use.
const NAMES = [
  'client_secret',
  'clientSecret',
  'client-secret',
  'CLIENT_SECRET',
  'OKTA_CLIENT_SECRET',
  'OKTA_API_TOKEN',
  'OKTA_CLIENT_TOKEN',
  'OKTA_CLIENT_PRIVATEKEY',
  'apiToken',
  'api_token',
  'access_token',
  'accessToken',
  'refresh_token',
  'id_token',
  'password',
  'private_key',
  'client%5Fsecret',
  'client%5fsecret',
  'client\\u005fsecret',
  'secret',
  'token',
];

type Framing = (name: string, value: string) => { text: string; spelled: string };
const quoteEscaped = (v: string) => v.replace(/["\\]/g, (c) => `\\${c}`);
const htmlEscaped = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const FRAMINGS: Array<[string, string, Framing]> = [
  [
    'JSON',
    PRINTABLE,
    (n, v) => ({ text: JSON.stringify({ id: 'ocs1', [n]: v }), spelled: JSON.stringify(v).slice(1, -1) }),
  ],
  [
    'JSON inside a JSON string',
    PRINTABLE,
    (n, v) => ({
      text: JSON.stringify(JSON.stringify({ [n]: v })),
      spelled: JSON.stringify(JSON.stringify(v)).slice(2, -2),
    }),
  ],
  [
    'JSON inside JSON inside JSON',
    TOKEN_ALPHABET,
    (n, v) => ({ text: JSON.stringify(JSON.stringify(JSON.stringify({ [n]: v }))), spelled: v }),
  ],
  ['logfmt', PRINTABLE, (n, v) => ({ text: `level=info ${n}="${quoteEscaped(v)}" msg=ok`, spelled: quoteEscaped(v) })],
  ['shell, single quotes', PRINTABLE.replace("'", ''), (n, v) => ({ text: `export ${n}='${v}'`, spelled: v })],
  [
    'shell, double quotes',
    PRINTABLE,
    (n, v) => ({ text: `${n}="${quoteEscaped(v)}" ./run`, spelled: quoteEscaped(v) }),
  ],
  ['an environment variable', TOKEN_ALPHABET, (n, v) => ({ text: `${n}=${v}\nOTHER=1`, spelled: v })],
  ['YAML', TOKEN_ALPHABET, (n, v) => ({ text: `okta:\n  ${n}: ${v}\n  orgUrl: x`, spelled: v })],
  [
    'a JS object literal',
    PRINTABLE,
    (n, v) => ({ text: `{ ${n}: "${quoteEscaped(v)}", id: 1 }`, spelled: quoteEscaped(v) }),
  ],
  [
    'a form body',
    PRINTABLE,
    (n, v) => ({
      text: `grant_type=client_credentials&${n}=${encodeURIComponent(v)}&scope=x`,
      spelled: encodeURIComponent(v),
    }),
  ],
  [
    'a query string',
    PRINTABLE,
    (n, v) => ({ text: `/cb?state=1&${n}=${encodeURIComponent(v)}`, spelled: encodeURIComponent(v) }),
  ],
  [
    'an HTML input, name first',
    PRINTABLE,
    (n, v) => ({ text: `<input type="hidden" name="${n}" value="${htmlEscaped(v)}">`, spelled: htmlEscaped(v) }),
  ],
  [
    'an HTML input, value first',
    PRINTABLE,
    (n, v) => ({ text: `<input value="${htmlEscaped(v)}" id="${n}" />`, spelled: htmlEscaped(v) }),
  ],
];

describe('redact: an unregistered credential never survives, in any framing', () => {
  for (const [framing, alphabet, frame] of FRAMINGS) {
    it(`named like a credential, in ${framing}`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...NAMES), valueOf(alphabet), prose, (name, value, before) => {
          const { text, spelled } = frame(name, value);
          const out = redact(`${before} ${text}`);
          assert.deepEqual(survivors(out, spelled, `${before} ${text.replace(spelled, '')}`), [], out);
        }),
      );
    });
  }

  const SCHEMES: Array<[string, (v: string) => string]> = [
    ['SSWS', (v) => `Authorization: SSWS ${v}`],
    ['SSWS%20', (v) => `curl -H "Authorization:SSWS%20${v}"`],
    ['SSWS+', (v) => `header=SSWS+${v}`],
    ['Bearer in prose', (v) => `sent Bearer ${v} to the API`],
    ['DPoP in a JSON header object', (v) => JSON.stringify({ headers: { Authorization: `DPoP ${v}` } })],
  ];
  for (const [scheme, frame] of SCHEMES) {
    it(`after ${scheme}`, () => {
      fc.assert(
        fc.property(
          valueOf(TOKEN_ALPHABET).filter((v) => v.length >= 20),
          (value) => {
            const text = frame(value);
            const out = redact(text);
            assert.deepEqual(survivors(out, value, text.replace(value, '')), [], out);
          },
        ),
      );
    });
  }

  it("a private JWK's private members (d, p, q, dp, dq, qi)", () => {
    const b64url = fc.string({ unit: chars(TOKEN_ALPHABET), minLength: 16, maxLength: 342 });
    fc.assert(
      fc.property(fc.record({ d: b64url, p: b64url, q: b64url, dp: b64url, dq: b64url, qi: b64url }), (members) => {
        const text = JSON.stringify({ kty: 'RSA', n: 'AQAB-modulus', e: 'AQAB', kid: 'k1', ...members });
        const out = redact(text);
        for (const v of Object.values(members))
          assert.deepEqual(survivors(out, v, 'AQAB-modulus kid k1 kty RSA'), [], out);
      }),
    );
  });

  const mixed = fc
    .string({ unit: chars(TOKEN_ALPHABET), minLength: 64, maxLength: 64 })
    .filter((v) => /[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v));
  it('a bare API token in prose ("00" and 40 more)', () => {
    const token = fc.string({ unit: chars(TOKEN_ALPHABET), minLength: 40, maxLength: 40 }).map((t) => `00${t}`);
    fc.assert(
      fc.property(token, prose, (t, before) => {
        const out = redact(`${before} the token ${t} was revoked.`);
        assert.deepEqual(survivors(out, t, `${before} the token  was revoked.`), [], out);
      }),
    );
  });
  it('a bare 64-character client secret in prose', () => {
    fc.assert(
      fc.property(mixed, prose, (s, before) => {
        const out = redact(`${before} secret ${s}.`);
        assert.deepEqual(survivors(out, s, `${before} secret .`), [], out);
      }),
    );
  });
});

describe('redact: readable text stays readable', () => {
  const kinds: OktaErrorKind[] = [
    'invalidToken',
    'forbidden',
    'notFound',
    'secretLimitReached',
    'onlyActiveSecret',
    'deleteActiveSecret',
    'validation',
    'rateLimited',
    'serverError',
    'protocol',
    'network',
    'timeout',
    'cancelled',
    'outcomeUnknown',
    'input',
  ];
  const advice = [
    ...kinds.map((kind) => new OktaError({ kind, operation: 'x' }).advice),
    ...Object.values(SERVICE_APP_ADVICE),
  ];

  it('every advice an error gives, alone and in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...advice), { minLength: 1, maxLength: 4 }), (sentences) => {
        const text = sentences.join(' ');
        assert.equal(redact(text), text);
      }),
    );
  });

  it('prose about secrets, tokens and keys that holds none', () => {
    const words = fc.constantFrom(
      'the client secret',
      'an API token',
      'the access token expired',
      'DPoP proofs',
      'Bearer tokens',
      'Basic authentication',
      'client_secret_basic',
      'token_endpoint_auth_method',
      'secret_hash yk4SVx4sUWVJVbHt6M-UPA',
      'app 0oa1abcdEFGH2345ijkl',
      'secret ocs1abcdEFGH2345ijkl',
      'errorId oaeAbC123dEf456gHi789jKl0',
      'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'private key',
      'password manager',
    );
    const punctuation = fc.constantFrom(' ', ', ', '. ', '; ', ' (', ') ');
    fc.assert(
      fc.property(fc.array(fc.tuple(words, punctuation), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([w, p]) => w + p).join('');
        assert.equal(redact(text), text);
      }),
    );
  });
});

describe('redact: once is enough', () => {
  it('redacting a redacted text changes nothing, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const once = redact(text);
        assert.equal(redact(once), once);
      }),
    );
  });

  it('the same for any framed credential', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FRAMINGS),
        fc.constantFrom(...NAMES),
        valueOf(TOKEN_ALPHABET),
        ([, , frame], name, v) => {
          const once = redact(frame(name, v).text);
          assert.equal(redact(once), once);
        },
      ),
    );
  });
});
