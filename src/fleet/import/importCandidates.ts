// Each row to import, checked on its own: a label, a domain that is an Okta org (or the simulator on loopback), an
// environment, and a credential when one is given (a token in the row, or the environment variable it names).
// A bad row becomes a problem said in its place ("Acme (row 4, acme.okta.com): the environment is missing", see
// importOutcome.ts) and never stops the others. No problem quotes a value: the row's label and the org's host once
// it parsed name the row apart from it, and a misplaced token must not reach a message.
import { parseOrgInput, type OrgAddress } from '../../okta/orgInput.ts';
import type { RawOrgRow } from './orgRows.ts';

type ImportCredential =
  { type: 'apiToken'; token: string } | { type: 'serviceApp'; clientId: string; privateKey: string; keyId?: string };

export interface ImportCandidate {
  where: string;
  address: OrgAddress;
  label: string;
  /** Undefined when the source cannot say (okta.yaml, the environment, a custom domain): asked of the person. */
  environment: 'preview' | 'production' | undefined;
  previewOrg?: string;
  credential?: ImportCredential;
  /** The environment variable the API token was read from: its value goes to this org only once the person agreed. */
  tokenVariable?: string;
}

export type CheckedRow =
  | { ok: true; candidate: ImportCandidate }
  | { ok: false; where: string; label?: string; host?: string; problem: string };

const TOKEN = /^[\x21-\x7e]{10,1000}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function checkRows(
  rows: readonly RawOrgRow[],
  env: Readonly<Record<string, string | undefined>>,
  opts: { environmentRequired: boolean },
): CheckedRow[] {
  const seen = new Map<string, string>();
  return rows.map((row): CheckedRow => {
    const named = { where: row.where, ...(row.label ? { label: row.label.slice(0, 200) } : {}) };
    const bad = (problem: string, host?: string): CheckedRow => ({
      ok: false,
      ...named,
      ...(host ? { host } : {}),
      problem,
    });
    if (!row.domain) return bad('the domain is missing');
    let address: OrgAddress;
    try {
      address = parseOrgInput(row.domain, { allowLoopback: true });
    } catch {
      return bad('the domain is not an Okta org domain (acme.okta.com, or http://127.0.0.1:PORT for the simulator)');
    }
    const host = address.host;
    const first = seen.get(host);
    if (first) return bad(`already listed in ${first}`, host);
    seen.set(host, row.where);
    const environment = environmentOf(row.environment, address);
    if (environment === 'invalid') return bad('the environment must be "preview" or "production"', host);
    if (environment === undefined && opts.environmentRequired)
      return bad('the environment ("preview" or "production") is missing', host);
    const label = named.label ?? host.split('.')[0] ?? host;
    const credential = credentialOf(row, env);
    if (typeof credential === 'string') return bad(credential, host);
    return {
      ok: true,
      candidate: {
        where: row.where,
        address,
        label,
        environment,
        ...(row.previewOrg ? { previewOrg: row.previewOrg.slice(0, 200) } : {}),
        ...(credential ? { credential } : {}),
        ...(credential && row.apiTokenEnv !== undefined ? { tokenVariable: row.apiTokenEnv } : {}),
      },
    };
  });
}

/**
 * What the person agrees to before any variable's value leaves this machine: each environment variable named by the
 * rows, and the org it would be sent to ("OKTA_TOKEN_PROD → acme.okta.com"). Empty when no row names one.
 */
export function variablesToSend(candidates: readonly ImportCandidate[]): string[] {
  return candidates.flatMap((c) => (c.tokenVariable ? [`${c.tokenVariable} → ${c.address.host}`] : []));
}

function environmentOf(
  given: string | undefined,
  address: OrgAddress,
): 'preview' | 'production' | 'invalid' | undefined {
  if (given === undefined)
    return address.isPreview === undefined ? undefined : address.isPreview ? 'preview' : 'production';
  const v = given.toLowerCase();
  if (v === 'preview' || v === 'sandbox') return 'preview';
  if (v === 'production' || v === 'prod') return 'production';
  return 'invalid';
}

/** The row's credential, none, or why it cannot be used (never quoting it). */
function credentialOf(
  row: RawOrgRow,
  env: Readonly<Record<string, string | undefined>>,
): ImportCredential | string | undefined {
  if (row.serviceApp) {
    const { clientId, privateKey, keyId } = row.serviceApp;
    if (!clientId || !privateKey) return 'the service app needs both clientId and privateKey';
    return { type: 'serviceApp', clientId, privateKey, ...(keyId ? { keyId } : {}) };
  }
  if (row.apiToken !== undefined && row.apiTokenEnv !== undefined)
    return 'give the API token or the name of the variable holding it, not both';
  if (row.apiTokenEnv !== undefined) {
    if (!ENV_NAME.test(row.apiTokenEnv)) return 'the API token variable is not a variable name';
    // The name is not quoted either: a token pasted in the wrong column would look like one.
    const value = env[row.apiTokenEnv]?.trim();
    if (!value) return "the environment variable it names is not set in VS Code's environment";
    return TOKEN.test(value)
      ? { type: 'apiToken', token: value }
      : 'the environment variable it names does not hold an API token';
  }
  if (row.apiToken !== undefined)
    return TOKEN.test(row.apiToken)
      ? { type: 'apiToken', token: row.apiToken }
      : 'the API token is not one word of 10 or more printable characters';
  return undefined;
}
