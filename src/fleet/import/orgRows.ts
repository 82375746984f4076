// The rows of an org list to import (JSON or CSV, see README "Rotating many orgs"): label, domain, environment,
// preview org, and optionally the org's API token or the name of an environment variable holding it. Column and
// key names are matched loosely ("Preview Org", "preview_org", "previewOrg"). Nothing read here is logged, and a
// problem never quotes a value: any cell may be a token.
import { readCsv } from './csv.ts';

/** One org as the source describes it, before any check. `where` names it for the person: "row 3", "okta.yaml". */
export interface RawOrgRow {
  where: string;
  label?: string;
  domain?: string;
  environment?: string;
  previewOrg?: string;
  apiToken?: string;
  apiTokenEnv?: string;
  /** An OAuth service app (okta.yaml or OKTA_CLIENT_* in PrivateKey mode). */
  serviceApp?: { clientId?: string; privateKey?: string; keyId?: string; scopes?: string };
}

type Field = 'label' | 'domain' | 'environment' | 'previewOrg' | 'apiToken' | 'apiTokenEnv';

const FIELDS: Readonly<Record<string, Field>> = {
  label: 'label',
  name: 'label',
  domain: 'domain',
  orgurl: 'domain',
  url: 'domain',
  environment: 'environment',
  env: 'environment',
  previeworg: 'previewOrg',
  preview: 'previewOrg',
  apitoken: 'apiToken',
  token: 'apiToken',
  apitokenenv: 'apiTokenEnv',
  tokenenv: 'apiTokenEnv',
  apitokenenvironmentvariable: 'apiTokenEnv',
};

const MAX_ROWS = 1000;

function fieldOf(name: string): Field | undefined {
  return FIELDS[name.toLowerCase().replace(/[\s_-]/g, '')];
}

function rowFrom(where: string, entries: Iterable<[string, unknown]>): RawOrgRow {
  const row: RawOrgRow = { where };
  for (const [name, value] of entries) {
    const field = fieldOf(name);
    if (field && typeof value === 'string' && value.trim() !== '') row[field] = value.trim();
  }
  return row;
}

/** `[{label, domain, …}]` or `{"orgs": [...]}`. Throws (without quoting the text) when it is neither. */
export function rowsFromJson(text: string): RawOrgRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('the file is not valid JSON');
  }
  const list = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null && 'orgs' in data && Array.isArray(data.orgs)
      ? data.orgs
      : undefined;
  if (!list) throw new Error('the JSON is neither a list of orgs nor {"orgs": [...]}');
  if (list.length > MAX_ROWS) throw new Error(`the file lists ${list.length} orgs; at most ${MAX_ROWS} at a time`);
  return list.map((entry: unknown, i: number) =>
    typeof entry === 'object' && entry !== null && !Array.isArray(entry)
      ? rowFrom(`entry ${i + 1}`, Object.entries(entry))
      : { where: `entry ${i + 1}` },
  );
}

/** A header row naming the columns, then one org per row. */
export function rowsFromCsv(text: string): RawOrgRow[] {
  const [header, ...rows] = readCsv(text.replace(/^\uFEFF/, ''));
  if (!header || !header.some((h) => fieldOf(h.trim()) === 'domain'))
    throw new Error('the first row must name the columns, a "domain" column among them');
  if (rows.length > MAX_ROWS) throw new Error(`the file lists ${rows.length} orgs; at most ${MAX_ROWS} at a time`);
  const names = header.map((h) => h.trim());
  // Row numbers as a spreadsheet shows them: the header is row 1.
  return rows.map((cells, i) =>
    rowFrom(
      `row ${i + 2}`,
      cells.map((c, j): [string, unknown] => [names[j] ?? '', c]),
    ),
  );
}
