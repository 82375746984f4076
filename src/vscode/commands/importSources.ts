// Where Import Orgs reads from: a JSON or CSV file the person chooses, an okta.yaml where Okta's SDKs look for one
// (~/.okta/okta.yaml, ./okta.yaml in each workspace folder), or the environment's OKTA_CLIENT_* (or Terraform's)
// variables. Files are read into memory and never copied; nothing read is logged.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { rowsFromEnvironment } from '../../fleet/import/oktaConfig.ts';
import { rowsFromCsv, rowsFromJson, type RawOrgRow } from '../../fleet/import/orgRows.ts';
import { required, UserCancelled } from '../platform/cancellation.ts';
import type { Services } from '../platform/services.ts';

const MAX_FILE_BYTES = 1024 * 1024;

export interface ImportSource {
  /** 'file': a list, whose rows must say their environment; 'okta': one org, whose environment may be asked. */
  kind: 'file' | 'okta';
  read(): Promise<RawOrgRow[]>;
}

export async function pickImportSource(s: Services): Promise<ImportSource> {
  const yamls = await existingOktaYamls((m) => s.log.warn(m));
  const env = rowsFromEnvironment(process.env);
  const items = [
    {
      label: '$(file) From a file (JSON or CSV)…',
      detail: 'label, domain, environment, preview org, and optionally apiToken or apiTokenEnv (a variable holding it)',
      source: fileSource(s),
    },
    ...yamls.map(({ uri, shown }) => ({
      label: `$(gear) From ${shown}`,
      detail: "Okta's SDK configuration: okta.client.orgUrl with its token or service app",
      source: yamlSource(uri, shown),
    })),
    ...env.map((row) => ({
      label: `$(terminal) From the ${row.where}`,
      detail: row.domain ?? '',
      source: { kind: 'okta' as const, read: async () => [row] },
    })),
  ];
  const pick = required(
    await vscode.window.showQuickPick(items, { title: 'Import Orgs: from where?', ignoreFocusOut: true }),
  );
  return pick.source;
}

function fileSource(s: Services): ImportSource {
  return {
    kind: 'file',
    read: async () => {
      const uri = (
        await vscode.window.showOpenDialog({
          canSelectMany: false,
          openLabel: 'Import These Orgs',
          title: 'Import Orgs: a JSON or CSV list of orgs',
          filters: { 'Org lists': ['json', 'csv'] },
        })
      )?.[0];
      if (!uri) throw new UserCancelled();
      const text = await readSmall(uri);
      s.log.info(`Import Orgs: reading ${uri.path.split('/').pop() ?? 'the file'} (its content is not logged)`);
      return /\.json$/i.test(uri.path) || /^\s*[[{]/.test(text) ? rowsFromJson(text) : rowsFromCsv(text);
    },
  };
}

function yamlSource(uri: vscode.Uri, shown: string): ImportSource {
  return {
    kind: 'okta',
    read: async () => {
      // Loaded only here: the YAML parser is its own file (dist/okta-yaml.js), no part of activation.
      const { readOktaYaml } = await import('../../fleet/import/oktaYamlFile.ts');
      const row = readOktaYaml(shown, await readSmall(uri));
      if (!row) throw new Error(`${shown} names no org (okta.client.orgUrl is missing).`);
      return [row];
    },
  };
}

async function readSmall(uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) throw new Error(`The file is ${stat.size} bytes; an org list is at most 1 MiB.`);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The okta.yaml files where Okta's SDKs look for one, that exist here. */
async function existingOktaYamls(warn: (message: string) => void): Promise<Array<{ uri: vscode.Uri; shown: string }>> {
  const places = [
    { uri: vscode.Uri.file(`${homedir()}/.okta/okta.yaml`), shown: '~/.okta/okta.yaml' },
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => ({
      uri: vscode.Uri.joinPath(f.uri, 'okta.yaml'),
      shown: `okta.yaml in ${f.name}`,
    })),
  ];
  const found: Array<{ uri: vscode.Uri; shown: string }> = [];
  for (const p of places) {
    try {
      await vscode.workspace.fs.stat(p.uri);
      found.push(p);
    } catch (e) {
      // Not there: not offered. Anything else (no permission) is said in the log.
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound'))
        warn(`Import Orgs: ${p.shown} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return found;
}
