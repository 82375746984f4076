// Credentials where Okta's own tools keep them: okta.yaml as Okta's SDKs read it (`okta.client.orgUrl`, `token`, or
// `authorizationMode: PrivateKey` with `clientId`, `scopes`, `privateKey`, `keyId`), the same keys as OKTA_CLIENT_*
// environment variables, and Okta's Terraform provider's OKTA_ORG_NAME + OKTA_BASE_URL + OKTA_API_TOKEN. Each
// describes one org. Pure: the YAML text is parsed elsewhere (oktaYamlFile.ts, loaded only when needed).
import type { RawOrgRow } from './orgRows.ts';

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

function member(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.entries(v).find(([k]) => k === key)?.[1]
    : undefined;
}

interface ClientConfig {
  orgUrl?: string;
  token?: string;
  authorizationMode?: string;
  clientId?: string;
  scopes?: string;
  privateKey?: string;
  keyId?: string;
}

function rowOf(where: string, c: ClientConfig): RawOrgRow | undefined {
  if (!c.orgUrl) return undefined;
  const privateKeyMode = (c.authorizationMode ?? '').toLowerCase() === 'privatekey';
  return {
    where,
    domain: c.orgUrl,
    ...(privateKeyMode
      ? {
          serviceApp: {
            ...(c.clientId ? { clientId: c.clientId } : {}),
            ...(c.privateKey ? { privateKey: c.privateKey } : {}),
            ...(c.keyId ? { keyId: c.keyId } : {}),
            ...(c.scopes ? { scopes: c.scopes } : {}),
          },
        }
      : c.token
        ? { apiToken: c.token }
        : {}),
  };
}

/** The org an okta.yaml describes (its parsed content), or undefined when it names no orgUrl. */
export function rowFromOktaYaml(where: string, parsed: unknown): RawOrgRow | undefined {
  const client = member(member(parsed, 'okta'), 'client');
  const scopes = member(client, 'scopes');
  return rowOf(where, {
    orgUrl: text(member(client, 'orgUrl')),
    token: text(member(client, 'token')),
    authorizationMode: text(member(client, 'authorizationMode')),
    clientId: text(member(client, 'clientId')),
    scopes: Array.isArray(scopes) ? scopes.filter((s) => typeof s === 'string').join(' ') : text(scopes),
    privateKey: text(member(client, 'privateKey')),
    keyId: text(member(client, 'keyId')),
  });
}

/** The orgs the environment describes: OKTA_CLIENT_* (Okta's SDKs), and OKTA_ORG_NAME/OKTA_BASE_URL (Terraform). */
export function rowsFromEnvironment(env: Readonly<Record<string, string | undefined>>): RawOrgRow[] {
  const rows: RawOrgRow[] = [];
  const sdk = rowOf('OKTA_CLIENT_* environment variables', {
    orgUrl: text(env.OKTA_CLIENT_ORGURL),
    token: text(env.OKTA_CLIENT_TOKEN),
    authorizationMode: text(env.OKTA_CLIENT_AUTHORIZATIONMODE),
    clientId: text(env.OKTA_CLIENT_CLIENTID),
    scopes: text(env.OKTA_CLIENT_SCOPES),
    privateKey: text(env.OKTA_CLIENT_PRIVATEKEY),
    keyId: text(env.OKTA_CLIENT_KEYID),
  });
  if (sdk) rows.push(sdk);
  const orgName = text(env.OKTA_ORG_NAME);
  if (orgName) {
    const base = text(env.OKTA_BASE_URL) ?? 'okta.com';
    const terraform = rowOf('OKTA_ORG_NAME / OKTA_API_TOKEN environment variables', {
      orgUrl: `${orgName}.${base}`,
      token: text(env.OKTA_API_TOKEN),
    });
    if (terraform) rows.push(terraform);
  }
  return rows;
}
