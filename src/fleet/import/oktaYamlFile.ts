// Reading an okta.yaml (YAML, as Okta's SDKs write it) into the org it describes. Its own file, bundled on its own
// (dist/okta-yaml.js) and loaded only by Import Orgs: the YAML parser is no part of activation.
import { parse } from 'yaml';
import { rowFromOktaYaml } from './oktaConfig.ts';
import type { RawOrgRow } from './orgRows.ts';

/** The org in the file, undefined when it names none. Throws (without quoting the text) when it is not YAML. */
export function readOktaYaml(where: string, content: string): RawOrgRow | undefined {
  let parsed: unknown;
  try {
    parsed = parse(content, { maxAliasCount: 10 });
  } catch {
    throw new Error(`${where} is not valid YAML`);
  }
  return rowFromOktaYaml(where, parsed);
}
