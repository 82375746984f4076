// Import Orgs…: many orgs at once, from a JSON or CSV list, an okta.yaml (Okta's SDKs' file), or the OKTA_CLIENT_*
// (or Terraform's) environment variables. Each row is checked on its own (fleet/import/importCandidates.ts); each
// credential is checked against its org (its Workflows app must be found with it) before it goes to SecretStorage;
// only label, domain, environment and pairing go to the settings. The file is read into memory once: never copied,
// never logged, and every token in it is a known secret of the log before anything else happens.
import * as vscode from 'vscode';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import {
  checkRows,
  variablesToSend,
  type CheckedRow,
  type ImportCandidate,
} from '../../fleet/import/importCandidates.ts';
import { outcomeLine, rowName, withoutLeadingHost, type ImportOutcome } from '../../fleet/import/importOutcome.ts';
import { knownOrgOf } from '../../fleet/knownOrgs.ts';
import { redact } from '../../redact.ts';
import { required } from '../platform/cancellation.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { Services } from '../platform/services.ts';
import { secretValuesOf } from '../../orgs/orgCredential.ts';
import { pickImportSource } from './importSources.ts';

export async function importOrgs(s: Services): Promise<void> {
  const source = await pickImportSource(s);
  const rows = await source.read();
  const checked = checkRows(rows, process.env, { environmentRequired: source.kind === 'file' });
  for (const c of checked)
    if (c.ok && c.candidate.credential) for (const v of secretValuesOf(c.candidate.credential)) s.log.addKnownSecret(v);
  const completedRows: ImportCandidate[] = [];
  for (const c of checked) if (c.ok) completedRows.push(await completed(c.candidate, source.kind !== 'file'));
  // A variable's value leaves this machine only for the org the person saw it paired with.
  const candidates = (await agreedToSend(completedRows))
    ? completedRows
    : completedRows.filter((c) => !c.tokenVariable);
  const withheld = completedRows.filter((c) => !candidates.includes(c));
  const outcomes: ImportOutcome[] = [
    ...checked.flatMap((c) =>
      c.ok
        ? []
        : [{ where: c.where, label: c.label, host: c.host, imported: false, text: `not imported: ${c.problem}` }],
    ),
    ...withheld.map((c) => ({
      ...rowOf(c),
      imported: false,
      text: `not imported: you did not let ${c.tokenVariable ?? 'the variable'}'s value be sent to it`,
    })),
  ];
  const imported: ImportCandidate[] = [];
  if (candidates.length > 0) {
    await withOktaProgress(
      s.clients,
      { title: `Import Orgs: checking ${candidates.length} org${candidates.length === 1 ? '' : 's'}…`, orgs: [] },
      (signal) =>
        forEachBounded(
          candidates,
          s.settings.maxConcurrentOrgs(),
          async (c) => {
            const outcome = await checkAndKeep(s, c, signal);
            outcomes.push(outcome);
            if (outcome.imported) imported.push(c);
          },
          (c, e) => outcomes.push({ ...rowOf(c), imported: false, text: `not imported: ${messageOf(e, c)}` }),
          signal,
        ),
    );
  }
  await s.settings.addMany(
    imported.map((c) => ({
      address: c.address,
      label: c.label,
      environment: c.environment ?? 'production',
      ...(c.previewOrg ? { previewOrg: c.previewOrg } : {}),
    })),
  );
  for (const o of outcomes) (o.imported ? s.log.info : s.log.warn).call(s.log, `Import Orgs: ${outcomeLine(o)}`);
  await showOutcomes(outcomes, checked);
}

/** Asks before the values of the environment variables the rows name are sent, each to its org; true when agreed. */
async function agreedToSend(candidates: readonly ImportCandidate[]): Promise<boolean> {
  const lines = variablesToSend(candidates);
  if (lines.length === 0) return true;
  const send = 'Send and Check';
  const choice = await vscode.window.showWarningMessage(
    `Import Orgs: send the API tokens held in ${lines.length === 1 ? 'this environment variable' : 'these environment variables'} to the org beside each?`,
    {
      modal: true,
      detail: `${lines.join('\n')}\n\nEach value is sent only to its org, to check it finds the Okta Workflows OAuth app, then kept in VS Code's secret storage.`,
    },
    send,
  );
  return choice === send;
}

/** The environment (and for one org from okta.yaml or the environment, its label), asked when the source cannot say. */
async function completed(c: ImportCandidate, askLabel: boolean): Promise<ImportCandidate> {
  let { environment, label } = c;
  if (environment === undefined) {
    const pick = required(
      await vscode.window.showQuickPick(
        [
          { label: 'Preview', value: 'preview' as const },
          { label: 'Production', value: 'production' as const },
        ],
        { title: `Import Orgs: is ${c.address.host} a preview or a production org?`, ignoreFocusOut: true },
      ),
    );
    environment = pick.value;
  }
  if (askLabel) {
    label = required(
      await vscode.window.showInputBox({
        title: `Import Orgs: a name for ${c.address.host} in the tree`,
        value: label,
        ignoreFocusOut: true,
        validateInput: (v) =>
          v.trim().length > 0 && v.length <= 200 ? undefined : 'Enter a name (up to 200 characters).',
      }),
    ).trim();
  }
  return { ...c, environment, label };
}

/** Checks the row's credential against its org and stores it (with what was found of the org); no credential: kept as is. */
async function checkAndKeep(s: Services, c: ImportCandidate, signal: AbortSignal): Promise<ImportOutcome> {
  const base = rowOf(c);
  if (!c.credential)
    return { ...base, imported: true, text: 'imported without credentials: set an API token or service app later' };
  const client = await s.clients.withCredential({ key: c.address.host, address: c.address }, c.credential);
  // Each org's check is an operation of its own within the import's (its deadline): one org's retries and waits
  // never use up another's.
  const operation = s.clients.operation(signal);
  try {
    const app = await client.findWorkflowsApp(c.address.appId ? { appId: c.address.appId } : {}, operation.signal);
    const secrets = await client.listSecrets(app.id, operation.signal);
    await s.credentials.store(c.address.host, c.credential);
    s.orgState.known.set(c.address.host, knownOrgOf(app, secrets, new Date()));
    const what = c.credential.type === 'apiToken' ? 'API token' : 'service app';
    return {
      ...base,
      imported: true,
      text: `imported; its ${what} was checked: found ${app.label} (client id ${app.clientId})`,
    };
  } catch (e) {
    return { ...base, imported: false, text: `not imported: ${messageOf(e, c)}` };
  } finally {
    operation.dispose();
    await client.close();
  }
}

function rowOf(c: ImportCandidate): Pick<ImportOutcome, 'where' | 'label' | 'host'> {
  return { where: c.where, label: c.label, host: c.address.host };
}

/** The error in words, without the org's host it may start with: the row names the org already. */
function messageOf(e: unknown, c: ImportCandidate): string {
  return withoutLeadingHost(redact(e instanceof Error ? e.message : String(e)), c.address.host);
}

/** Every row in its place: imported, or why not. A pick that only shows (choosing a row does nothing more). */
async function showOutcomes(outcomes: ImportOutcome[], checked: CheckedRow[]): Promise<void> {
  const order = new Map(checked.map((c, i) => [c.ok ? c.candidate.where : c.where, i]));
  const sorted = [...outcomes].sort((a, b) => (order.get(a.where) ?? 0) - (order.get(b.where) ?? 0));
  const ok = sorted.filter((o) => o.imported).length;
  await vscode.window.showQuickPick(
    sorted.map((o) => ({ label: `${o.imported ? '$(pass)' : '$(error)'} ${rowName(o)}`, detail: o.text })),
    {
      title: `Import Orgs: ${ok} imported, ${sorted.length - ok} not imported`,
      placeHolder: 'Each row of the source and what happened to it',
      ignoreFocusOut: true,
    },
  );
}
