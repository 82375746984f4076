// The one redaction function. Every log line, error message and anything else that leaves the extension host
// as text passes through it. Two rules: every credential and secret value the extension has seen this session is
// registered (registerSecret) and removed wherever and however it appears (as is, URL-encoded, JSON-escaped once
// or twice, inside base64); and what was never registered is caught by its shape, in the framings people and
// tools write (JSON, JSON inside a JSON string, logfmt, shell and environment variables, form bodies and query
// strings, HTML inputs, headers, a private JWK, a bare API token or client secret in prose). Callers must still
// never put a secret into text on purpose: redaction is the net, not the plan. Over-redacting a harmless word is
// accepted; letting a credential through is not.
/** A registered value shorter than this is ignored: it could match ordinary words. */
const MIN_KNOWN = 8;
/** The most values remembered; the oldest goes first (a hostile org could hand out new values without end). */
const MAX_KNOWN = 10_000;

const registry = new Map<string, readonly string[]>();
/**
 * Spellings by their first MIN_KNOWN characters, longest first: finding them costs one lookup per character of
 * the text, however many values are registered. Kept up to date as values come and go (with a count per spelling,
 * in case two values share one).
 */
const index = new Map<string, string[]>();
const uses = new Map<string, number>();

function indexSpelling(spelling: string, delta: 1 | -1): void {
  const count = (uses.get(spelling) ?? 0) + delta;
  const key = spelling.slice(0, MIN_KNOWN);
  const bucket = index.get(key) ?? [];
  if (count <= 0) {
    uses.delete(spelling);
    const at = bucket.indexOf(spelling);
    if (at >= 0) bucket.splice(at, 1);
    if (bucket.length === 0) index.delete(key);
    return;
  }
  uses.set(spelling, count);
  if (count === 1) {
    bucket.push(spelling);
    bucket.sort((a, b) => b.length - a.length);
    index.set(key, bucket);
  }
}

/** A value that could be a credential: long enough, and not a run of a few characters ("xxxxxxxx", "--------"). */
function credentialLike(value: unknown): value is string {
  return typeof value === 'string' && value.length >= MIN_KNOWN && new Set(value).size >= 4;
}

/** Forgets every registered value. For tests only: in the extension the registry lives as long as its host. */
export function clearRegisteredSecrets(): void {
  registry.clear();
  index.clear();
  uses.clear();
}

/** Remembers a credential or secret value (an API token, an access token, a key, a listed client secret). */
export function registerSecret(value: unknown): void {
  if (!credentialLike(value) || registry.has(value)) return;
  if (registry.size >= MAX_KNOWN) {
    const [oldest, spellings] = registry.entries().next().value ?? [];
    if (oldest !== undefined) registry.delete(oldest);
    for (const s of spellings ?? []) indexSpelling(s, -1);
  }
  const spellings = knownSpellings(value);
  registry.set(value, spellings);
  for (const s of spellings) indexSpelling(s, 1);
}

/** The ways a known value can appear in text. */
function knownSpellings(value: string): string[] {
  const out = new Set<string>([value]);
  try {
    const encoded = encodeURIComponent(value);
    out.add(encoded);
    out.add(encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    out.add(new URLSearchParams({ v: value }).toString().slice(2));
  } catch {
    // A lone surrogate cannot be URI-encoded; the other spellings are still covered.
  }
  const escaped = JSON.stringify(value).slice(1, -1);
  out.add(escaped);
  out.add(JSON.stringify(escaped).slice(1, -1)); // a JSON string inside a JSON string
  for (const core of base64Cores(value)) out.add(core);
  return [...out].filter((s) => s.length >= MIN_KNOWN).sort((a, b) => b.length - a.length);
}

/**
 * The part of any base64 (and base64url) text that carries `value` whole, at each of the three byte alignments it
 * can start at (inside "client:secret", after a prefix): the characters that depend on nothing but the value.
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < 12) return [];
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), Buffer.from(value, 'utf8')]).toString('base64');
    const core = b64.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes)) / 6));
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** Every registered spelling in `text` masked; overlapping ones (two values sharing characters) as one. */
function removeKnown(text: string): string {
  if (registry.size === 0 || text.length < MIN_KNOWN) return text;
  let out = '';
  let last = 0;
  let from = -1;
  let to = -1;
  for (let i = 0; i + MIN_KNOWN <= text.length; i++) {
    const hit = index.get(text.slice(i, i + MIN_KNOWN))?.find((s) => text.startsWith(s, i));
    if (hit === undefined) continue;
    if (from >= 0 && i <= to) {
      to = Math.max(to, i + hit.length);
      continue;
    }
    if (from >= 0) out += `${text.slice(last, from)}[REDACTED]`;
    last = to;
    from = i;
    to = i + hit.length;
  }
  if (from < 0) return text;
  return `${out}${text.slice(Math.max(last, 0), from)}[REDACTED]${text.slice(to)}`;
}

// A credential's name, in any case and spelling: client_secret, clientSecret, client-secret, CLIENT_SECRET (also
// after a prefix: OKTA_CLIENT_SECRET, OKTA_API_TOKEN), client%5Fsecret, client\u005fsecret.
const SEP = String.raw`(?:[_.-]|%5f|%2d|\\{1,3}u00(?:5f|2d))?`;
const WORDS = [
  'client secret',
  'client assertion',
  'api token',
  'api key',
  'access token',
  'refresh token',
  'id token',
  'session token',
  'read only token',
  'private key pem',
  'private key',
  'password',
  'passwd',
  'secret',
  'token',
  'assertion',
  'set cookie',
  'cookie',
];
const KEY = `(?:${WORDS.map((w) => w.split(' ').join(SEP)).join('|')})`;
/** The key's closing quote (also escaped, inside a JSON string), then `:` or `=` (also URL-encoded). */
const ASSIGN = String.raw`(?:\\{0,3}["'])?\s*(?:[:=]|%3[ad])\s*`;

// What follows "Bearer", "DPoP" or "Basic" is a credential only if it looks like one: 20 or more characters of
// the token alphabet (access tokens, base64 of client id and secret), or the dotted shape of a JWT. So the prose
// around these words ("DPoP proof.", "Bearer tokens expire") stays readable. "SSWS" is never prose.
const CREDENTIAL = String.raw`(?=[A-Za-z0-9._~+/=-]{20}|[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.)[A-Za-z0-9._~+/=-]+`;
/** The space after a scheme, also URL-encoded (%20) or form-encoded (+). */
const SPACE = String.raw`(?:\s+|%20|\+)`;
/**
 * A mark an earlier rule (or a registered value) left. The rules after it take it in with what follows, so a value
 * masked in part (a registered value inside a longer one) goes whole, and masking twice changes nothing.
 */
const MARK = String.raw`\[REDACTED[^\]\r\n]{0,20}\]`;
/** A value of `cls` characters at least `min` long, or one with a mark in it: what is left around the mark goes too. */
const valueOf = (cls: string, min: number): string =>
  String.raw`(?:(?=(?:${cls})*?${MARK})(?:${MARK}|${cls})+|${cls}{${min},})`;
const TOKEN_CHAR = '[A-Za-z0-9._~+/=-]';
/** Bearer/DPoP/Basic: a value that looks like a credential, or one with a mark in it. */
const SCHEME_VALUE = String.raw`(?:(?=${TOKEN_CHAR}*?${MARK})(?:${MARK}|${TOKEN_CHAR})+|${CREDENTIAL})`;

type Rule = readonly [RegExp, string | ((...groups: string[]) => string)];

const SHAPES: readonly Rule[] = [
  // PEM blocks first (they span lines); an unterminated one is cut to the end of the text.
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, '[REDACTED PRIVATE KEY]'],
  // A URL's user information (a proxy written http://user:password@host): the password always, the user name too.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:"'<>]*:[^\s/@"'<>]*@/gi, '$1[REDACTED]@'],
  // Authorization header values: SSWS api tokens, Bearer/DPoP access tokens, Basic client credentials.
  [new RegExp(String.raw`\b(SSWS)(${SPACE})${valueOf('[A-Za-z0-9._~+/=-]', 6)}`, 'gi'), '$1$2[REDACTED]'],
  [new RegExp(String.raw`\b(Bearer|DPoP|Basic)(${SPACE})${SCHEME_VALUE}`, 'gi'), '$1$2[REDACTED]'],
  // In an Authorization header line the value after the scheme goes whatever its length (no prose there).
  [/\b((?:proxy-)?authorization"?\s*[:=]\s*"?(?:SSWS|Bearer|DPoP|Basic)\s+)[^"\s]+/gi, '$1[REDACTED]'],
  // Any other scheme in an Authorization header line: the whole value goes.
  [/\b((?:proxy-)?authorization"?\s*[:=]\s*"?)(?![\s"]|(?:SSWS|Bearer|DPoP|Basic)\s)[^"\r\n]+/gi, '$1[REDACTED]'],
  // The DPoP proof header carries a JWT; covered below, but the header name makes it explicit.
  [new RegExp(String.raw`\b(DPoP"?\s*:\s*"?)${SCHEME_VALUE}`, 'g'), '$1[REDACTED]'],
  // An HTML input named like a credential: its value, whichever attribute comes first.
  [/<[^<>]*>/g, redactCredentialInput],
  // A credential's quoted value (JSON, a JSON string inside a JSON string, logfmt, shell, JS, YAML): the whole
  // string up to its own closing quote, whatever it contains (spaces, commas, escaped quotes), or to the end of
  // the line when the quote never closes (a cut text). What sticks to the closing quote goes too: in a form body
  // a quote is only a character of the value.
  [
    new RegExp(String.raw`(${KEY}${ASSIGN})(\\{0,3})(["'])[^\r\n]*?(?:(?<!\\)\2\3[^&\s,;}\]\\<>]*|(?=[\r\n])|$)`, 'gi'),
    (_m, head, esc, quote) => `${head}${esc}${quote}[REDACTED]${esc}${quote}`,
  ],
  // The same name with an unquoted value: a form body, a query string, an environment variable, key: value.
  [
    new RegExp(String.raw`(${KEY}${ASSIGN})(?![\s"'\\])${valueOf(String.raw`[^&\s,;}\]\\<>]`, 4)}`, 'gi'),
    '$1[REDACTED]',
  ],
  // The private members of a JWK (RSA d, p, q, dp, dq, qi; a symmetric k), also inside a JSON string.
  [
    new RegExp(
      String.raw`((\\{0,3})["'](?:d|p|q|dp|dq|qi|k)\2["']\s*:\s*\2["'])${valueOf('[A-Za-z0-9_\\-+/=]', 8)}`,
      'g',
    ),
    '$1[REDACTED]',
  ],
  // JWTs (three base64url parts, the first starting with eyJ): access tokens, id tokens, client assertions, DPoP proofs.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
  // A bare Okta API token ("00" and 40 more), and any long run of the token alphabet mixing upper case, lower case
  // and digits (a client secret, an access token) on its own in prose. Hex digests and words never mix all three.
  [/(?<![A-Za-z0-9_-])00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/g, '[REDACTED]'],
  [
    /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{32,}/g,
    '[REDACTED]',
  ],
];

const INPUT_NAME = new RegExp(String.raw`\b(?:name|id)\s*=\s*["']?[\w.%-]*?${KEY}["'\s/>]`, 'i');

/** An HTML tag whose name (or id) is a credential's: the value attribute goes. */
function redactCredentialInput(tag: string): string {
  if (!INPUT_NAME.test(tag)) return tag;
  return tag.replace(/(\bvalue\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s"'>]+)/gi, '$1"[REDACTED]"');
}

/**
 * Returns `text` with credentials masked: every registered value, every credential-shaped one, and any of
 * `known` (exact values the caller holds, at least 8 characters).
 */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = removeKnown(String(text));
  for (const value of known) {
    if (typeof value !== 'string' || value.length < MIN_KNOWN) continue;
    for (const spelling of knownSpellings(value)) out = out.split(spelling).join('[REDACTED]');
  }
  for (const [re, replacement] of SHAPES) {
    out = typeof replacement === 'string' ? out.replace(re, replacement) : out.replace(re, replacement);
  }
  return out;
}

/** What maskSecret makes: '••••' and at most the last four characters. Stores check masked values against it. */
export const MASKED_SECRET = /^••••[\s\S]{0,4}$/;

/** A secret shown to a person: never more than its last four characters, and none of a short value. */
export function maskSecret(value: string): string {
  return value.length < 12 ? '••••' : `••••${value.slice(-4)}`;
}
