// What signs the extension in to one org, as kept in SecretStorage: an API token, or an OAuth service app (the
// least-privilege way: client credentials with a private key, scopes okta.apps.read and okta.apps.manage). Stored
// as tagged JSON; entries written before service apps existed are the bare token and still read as one.
// Pure: no `vscode` import, tested in Node.
import * as z from 'zod/mini';

export type OrgCredential =
  { type: 'apiToken'; token: string } | { type: 'serviceApp'; clientId: string; keyId?: string; privateKey: string };

export type CredentialType = OrgCredential['type'];

// z.lazy: built on the first read, not at module load (activation time).
const StoredCredentialSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('apiToken'), token: z.string().check(z.minLength(8), z.maxLength(1000)) }),
    z.strictObject({
      type: z.literal('serviceApp'),
      clientId: z.string().check(z.regex(/^[A-Za-z0-9_-]{6,100}$/)),
      keyId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      privateKey: z.string().check(z.minLength(20), z.maxLength(20_000)),
    }),
  ]),
);

export type StoredCredential = { ok: true; credential: OrgCredential } | { ok: false; reason: string };

/** Reads a stored value: tagged JSON, or (older entries) the bare API token. Never puts the value in `reason`. */
export function parseStoredCredential(raw: string): StoredCredential {
  const text = raw.trim();
  if (!text.startsWith('{')) {
    // An API token is one printable word; anything else was not written by us.
    return /^[\x21-\x7e]{8,1000}$/.test(text)
      ? { ok: true, credential: { type: 'apiToken', token: text } }
      : { ok: false, reason: 'the stored value is neither an API token nor a credential record' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the stored credential record is not valid JSON' };
  }
  const parsed = StoredCredentialSchema.safeParse(json);
  if (!parsed.success) {
    // Paths only: the issues never carry the values.
    return {
      ok: false,
      reason: `the stored credential record is malformed (${parsed.error.issues
        .slice(0, 3)
        .map((i) => i.path.join('.') || 'record')
        .join(', ')})`,
    };
  }
  const c = parsed.data;
  return {
    ok: true,
    credential:
      c.type === 'apiToken'
        ? { type: 'apiToken', token: c.token }
        : {
            type: 'serviceApp',
            clientId: c.clientId,
            privateKey: c.privateKey,
            ...(c.keyId ? { keyId: c.keyId } : {}),
          },
  };
}

export function serializeCredential(c: OrgCredential): string {
  return JSON.stringify(
    c.type === 'apiToken'
      ? { type: c.type, token: c.token }
      : { type: c.type, clientId: c.clientId, ...(c.keyId ? { keyId: c.keyId } : {}), privateKey: c.privateKey },
  );
}

/** The values the log must mask wherever they appear. */
export function secretValuesOf(c: OrgCredential): string[] {
  return c.type === 'apiToken' ? [c.token] : [c.privateKey];
}

/** "API token" / "OAuth service app 0oa…": for messages and tooltips (never a secret). */
export function describeCredential(c: Pick<OrgCredential, 'type'> & { clientId?: string }): string {
  return c.type === 'apiToken' ? 'API token' : `OAuth service app${c.clientId ? ` ${c.clientId}` : ''}`;
}

/** The command that sets (or replaces) a credential of this type. */
export function setCommandFor(type: CredentialType): {
  command: 'oktaWorkflows.setApiToken' | 'oktaWorkflows.setServiceApp';
  title: 'Set API Token' | 'Set OAuth Service App';
} {
  return type === 'serviceApp'
    ? { command: 'oktaWorkflows.setServiceApp', title: 'Set OAuth Service App' }
    : { command: 'oktaWorkflows.setApiToken', title: 'Set API Token' };
}
