// The one redaction function. Every log line, error message and anything else that leaves the extension host
// as text passes through it. It removes what looks like a credential; callers must still never put a known
// secret into text on purpose: redaction is the net, not the plan. Over-redacting a harmless word is accepted;
// letting a credential through is not.

const KEYS =
  'client_secret|clientSecret|client-secret|api_?token|apiToken|api[_-]?key|readOnlyToken|customRoleToken|appAdminToken|access_token|accessToken|refresh_token|refreshToken|id_token|idToken|token|private_?key|privateKeyPem|client_assertion|assertion|password|passwd|secret|sessionToken|cookie|set-cookie';

// What follows "Bearer", "DPoP" or "Basic" is a credential only if it looks like one: 20 or more characters of
// the token alphabet (access tokens, base64 of client id and secret), or the dotted shape of a JWT. So the prose
// around these words ("DPoP proof.", "Bearer tokens expire") stays readable. "SSWS" is never prose.
const CREDENTIAL = String.raw`(?=[A-Za-z0-9._~+/=-]{20}|[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.)[A-Za-z0-9._~+/=-]+`;

const RULES: ReadonlyArray<[RegExp, string]> = [
  // PEM blocks first (they span lines); an unterminated one is cut to the end of the text.
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, '[REDACTED PRIVATE KEY]'],
  // Authorization header values: SSWS api tokens, Bearer/DPoP access tokens, Basic client credentials.
  [/\b(SSWS)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, '$1$2[REDACTED]'],
  [new RegExp(String.raw`\b(Bearer|DPoP|Basic)(\s+)${CREDENTIAL}`, 'gi'), '$1$2[REDACTED]'],
  // In an Authorization header line the value after the scheme goes whatever its length (no prose there).
  [/\b((?:proxy-)?authorization"?\s*[:=]\s*"?(?:SSWS|Bearer|DPoP|Basic)\s+)(?!\[REDACTED)[^"\s]+/gi, '$1[REDACTED]'],
  // Any other scheme in an Authorization header line: the whole value goes.
  [
    /\b((?:proxy-)?authorization"?\s*[:=]\s*"?)(?![\s"]|\[REDACTED|(?:SSWS|Bearer|DPoP|Basic)\s)[^"\r\n]+/gi,
    '$1[REDACTED]',
  ],
  // The DPoP proof header carries a JWT; covered below, but the header name makes it explicit.
  [new RegExp(String.raw`\b(DPoP"?\s*:\s*"?)(?!\[REDACTED)${CREDENTIAL}`, 'g'), '$1[REDACTED]'],
  // A credential field as a JSON string: the whole string, whatever it contains (spaces, commas, escapes).
  [new RegExp(`("(?:${KEYS})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(")`, 'gi'), '$1[REDACTED]$3'],
  // The same field in a form body, a query string or key=value / key: value text.
  [new RegExp(`(\\b(?:${KEYS})["']?\\s*[:=]\\s*'?)(?![\\s"]|\\[REDACTED)([^&'\\s,;}\\]]{4,})`, 'gi'), '$1[REDACTED]'],
  // JWTs (three base64url parts, the first starting with eyJ): access tokens, id tokens, client assertions, DPoP proofs.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
];

/** The ways a known value can appear in text: as is, form/URL-encoded, and JSON-escaped. */
function spellings(value: string): string[] {
  const out = new Set<string>([value]);
  try {
    out.add(encodeURIComponent(value));
    out.add(new URLSearchParams({ v: value }).toString().slice(2));
  } catch {
    // A lone surrogate cannot be URI-encoded; the raw spelling is still covered.
  }
  out.add(JSON.stringify(value).slice(1, -1));
  return [...out].sort((a, b) => b.length - a.length);
}

/** Returns `text` with credentials masked. Also masks any of `known` (exact values the caller holds, ≥ 8 chars). */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = String(text);
  for (const value of known) {
    if (typeof value !== 'string' || value.length < 8) continue;
    for (const spelling of spellings(value)) out = out.split(spelling).join('[REDACTED]');
  }
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  return out;
}

/** A secret shown to a person: never more than its last four characters, and none of a short value. */
export function maskSecret(value: string): string {
  return value.length < 12 ? '••••' : `••••${value.slice(-4)}`;
}
