// The one redaction function. Every log line, error message and anything else that leaves the extension host
// as text passes through it. It removes what looks like a credential; callers must still never put a known
// secret into text on purpose: redaction is the net, not the plan.

const RULES: ReadonlyArray<[RegExp, string]> = [
  // Authorization header values: SSWS api tokens, Bearer/DPoP access tokens, Basic client credentials.
  [/\b(SSWS|Bearer|DPoP|Basic)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi, '$1$2[REDACTED]'],
  // client_secret / api token / private key fields in JSON, form bodies or key=value text.
  [
    /("?(?:client_secret|clientSecret|api_?token|apiToken|readOnlyToken|access_token|refresh_token|id_token|private_?key|privateKeyPem|client_assertion|password|secret)"?\s*[:=]\s*"?)([^"&,\s}]{4,})/gi,
    '$1[REDACTED]',
  ],
  // PEM blocks.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[REDACTED PRIVATE KEY]'],
  // JWTs (three base64url parts, the first starting with eyJ).
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
];

/** Returns `text` with credentials masked. Also masks any of `known` (exact values the caller holds). */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  for (const value of known) {
    if (value.length >= 8) out = out.split(value).join('[REDACTED]');
  }
  return out;
}

/** A secret shown to a person: never more than its last four characters. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? '••••' : `••••${value.slice(-4)}`;
}
