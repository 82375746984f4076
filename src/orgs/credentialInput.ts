// The pure parts of asking for a credential: the two sign-in methods Add Org offers, and the checks of what a
// person types or picks for a service app (client id, private key as PEM or JWK, key id). No `vscode` import:
// tested in Node. Messages never repeat what was typed (it may be a key).
import type { CredentialType } from './orgCredential.ts';

export interface CredentialMethod {
  label: string;
  description: string;
  detail: string;
  type: CredentialType;
}

/** What Add Org offers, the least-privilege method second so the familiar one stays the default. */
export const CREDENTIAL_METHODS: readonly CredentialMethod[] = [
  {
    label: 'API token',
    description: 'SSWS token of an admin',
    detail: "Carries its admin's rights. Create it in Security → API → Tokens as an admin who can manage apps.",
    type: 'apiToken',
  },
  {
    label: 'OAuth service app (least privilege)',
    description: 'client id + private key',
    detail:
      "An API Services app granted only okta.apps.read and okta.apps.manage, signing in with its private key (Okta's recommendation).",
    type: 'serviceApp',
  },
];

/** The method an org starts with in the pick: the one it already has, else the API token. */
export function defaultMethod(current: CredentialType | undefined): CredentialType {
  return current ?? 'apiToken';
}

export function validateClientId(v: string): string | undefined {
  return /^[A-Za-z0-9_-]{6,100}$/.test(v.trim())
    ? undefined
    : 'A client id is one word of 6 to 100 letters, digits, - or _ (Applications → the app → General → Client Credentials).';
}

export function validateKeyId(v: string): string | undefined {
  const t = v.trim();
  return t === '' || /^[\x21-\x7e]{1,200}$/.test(t)
    ? undefined
    : 'A key id is one word (the "kid" shown beside the public key in the app), or leave it empty.';
}

export type PrivateKeyInput =
  { ok: true; privateKey: string; format: 'pem' | 'jwk'; keyId?: string } | { ok: false; message: string };

const PEM_PRIVATE =
  /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/**
 * A private key as pasted or read from a file: a PEM, a private JWK (JSON with "d"), or a JWK set holding exactly
 * one private key. The key id comes from the JWK's "kid" when there is one. The key itself is checked for real by
 * the Okta layer (ServiceAppAuth) before anything is stored.
 */
export function readPrivateKey(text: string): PrivateKeyInput {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'Paste the private key (PEM or JWK), or choose its file.' };
  if (t.startsWith('-----BEGIN')) {
    if (/-----BEGIN (?:RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(t))
      return {
        ok: false,
        message: 'This is a public key or a certificate: the extension needs the private key of the pair.',
      };
    if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(t))
      return {
        ok: false,
        message: 'This private key is encrypted with a passphrase: export it unencrypted (PKCS#8) for the extension.',
      };
    const m = PEM_PRIVATE.exec(t);
    return m
      ? { ok: true, privateKey: rearmorPem(m[0]), format: 'pem' }
      : { ok: false, message: 'The PEM is incomplete: copy it from the BEGIN line to the END line, dashes included.' };
  }
  if (t.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(t);
    } catch {
      return { ok: false, message: 'This looks like JSON but does not parse: paste the whole JWK, braces included.' };
    }
    let jwk = json as Record<string, unknown>;
    if (Array.isArray(jwk.keys)) {
      const privateKeys = (jwk.keys as unknown[]).filter(
        (k): k is Record<string, unknown> =>
          typeof k === 'object' && k !== null && typeof (k as { d?: unknown }).d === 'string',
      );
      if (privateKeys.length !== 1)
        return {
          ok: false,
          message: `This JWK set holds ${privateKeys.length} private keys; paste the one whose public key is registered with the app.`,
        };
      jwk = privateKeys[0]!;
    }
    if (typeof jwk.kty !== 'string') return { ok: false, message: 'This JSON is not a JWK (it has no "kty").' };
    if (typeof jwk.d !== 'string')
      return {
        ok: false,
        message: 'This JWK is a public key (no "d"): the extension needs the private key of the pair.',
      };
    const kid = typeof jwk.kid === 'string' && jwk.kid.trim() !== '' ? jwk.kid.trim() : undefined;
    return { ok: true, privateKey: JSON.stringify(jwk), format: 'jwk', ...(kid ? { keyId: kid } : {}) };
  }
  return {
    ok: false,
    message:
      'Paste the private key as a PEM (the text from BEGIN PRIVATE KEY to END PRIVATE KEY, dashes included) or as a JWK (JSON with "d"), or choose its file.',
  };
}

/**
 * A PEM with its line breaks restored. VS Code's input box is an HTML input, which drops line breaks on paste, and
 * Node refuses a one-line PEM; so the base64 body is taken whatever its white space and wrapped at 64 columns.
 */
function rearmorPem(pem: string): string {
  const m = /^-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----$/.exec(pem.trim());
  if (!m) return pem;
  const body = m[2]!.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${m[1]}-----`, ...lines, `-----END ${m[1]}-----`, ''].join('\n');
}

/** The file dialog's filter for a key file. */
export const KEY_FILE_FILTERS: Record<string, string[]> = { 'Private key (PEM, JWK)': ['pem', 'key', 'json', 'jwk'] };

/** A key file larger than this is not a key. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;
