// Export Rotation History: all orgs or one, a period, CSV / Markdown / JSON (or all three), written where the
// person chooses and opened. Okta's System Log is read for each rotation's window where the credential may (one
// org after another within the org, maxConcurrentOrgs orgs at once, stopping at an org's first refusal), and kept
// in the history once it can no longer change.
import * as vscode from 'vscode';
import { osUserName } from '../../history/actor.ts';
import { toCsv } from '../../history/csv.ts';
import { toJson } from '../../history/json.ts';
import { toMarkdown } from '../../history/markdown.ts';
import { oktaLogForOrg, type OktaLogReader, type OktaLogSection } from '../../history/oktaLog.ts';
import type { HistoryRecord } from '../../history/record.ts';
import { dayOf, selectRecords, type ExportDocument, type ExportSelection } from '../../history/selection.ts';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { Services } from '../platform/services.ts';
import { pickDestination, pickFormats, pickOrg, pickPeriod, type ExportFormat } from './exportChoices.ts';

const RENDER: Record<ExportFormat, (doc: ExportDocument) => string> = { csv: toCsv, json: toJson, md: toMarkdown };

export async function exportRotationHistory(s: Services): Promise<void> {
  const all = await s.history.records(await s.rotations.listJournals());
  if (all.length === 0) {
    void vscode.window.showInformationMessage(
      'No rotation is recorded yet: the history starts with the first rotation (Rotate Workflows Secret).',
    );
    return;
  }
  const now = new Date();
  const selection: ExportSelection = { org: await pickOrg(all), ...(await pickPeriod(now)) };
  const records = selectRecords(all, selection);
  const formats = await pickFormats();
  const orgPart = selection.org === 'all' ? 'all-orgs' : selection.org.host.replace(/[^A-Za-z0-9.-]/g, '-');
  const targets = await pickDestination(formats, `okta-workflows-rotations-${orgPart}-${dayOf(now.getTime())}`);

  const okta = await oktaSections(s, records, now);
  const doc: ExportDocument = {
    exportedAt: now.toISOString(),
    exportedBy: osUserName(),
    selection,
    rotations: records.map((record) => ({
      record,
      okta: okta.get(record.rotationId) ?? {
        status: 'notQueried',
        detail: "Okta's System Log was not read: cancelled, or it failed (see Okta Workflows: Show Log).",
      },
    })),
  };
  for (const { format, uri } of targets) {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(RENDER[format](doc), 'utf8'));
  }
  const where = targets.map((t) => t.uri.fsPath).join(', ');
  s.log.info(`Exported ${records.length} rotation(s) to ${where}`);
  const opened = targets.find((t) => t.format === 'md') ?? targets[0];
  if (opened) await vscode.window.showTextDocument(opened.uri, { preview: false });
  void vscode.window.showInformationMessage(
    `Exported ${records.length} rotation${records.length === 1 ? '' : 's'} to ${where}.`,
  );
}

/** The System Log section of each record, read org by org under one cancellable progress notification. */
async function oktaSections(s: Services, records: HistoryRecord[], now: Date): Promise<Map<string, OktaLogSection>> {
  const byOrg = new Map<string, HistoryRecord[]>();
  for (const r of records) byOrg.set(r.org.host, [...(byOrg.get(r.org.host) ?? []), r]);
  const out = new Map<string, OktaLogSection>();
  const configured = s.settings.read().orgs.filter((o) => byOrg.has(o.key));
  await withOktaProgress(
    s.clients,
    { title: "Reading Okta's System Log for the export…", orgs: configured },
    async (signal) => {
      await forEachBounded(
        [...byOrg],
        s.settings.maxConcurrentOrgs(),
        async ([host, list]) => {
          const sections = await oktaLogForOrg(list, await readerFor(s, host), {
            now,
            signal,
            keep: async (record, capture) => (await s.history.store()).put({ ...record, oktaLog: capture }),
          });
          for (const [id, section] of sections) out.set(id, section);
        },
        (entry, e) => s.log.error(`Reading the System Log of ${entry[0]}`, e),
        signal,
      );
    },
  );
  return out;
}

async function readerFor(s: Services, host: string): Promise<OktaLogReader | { unavailable: string }> {
  const org = s.settings.find(host);
  if (!org) return { unavailable: `${host} is no longer in the setting oktaWorkflows.orgs, so Okta was not asked.` };
  if (!(await s.credentials.has(host)))
    return { unavailable: `${org.label} has no credentials in VS Code, so Okta was not asked.` };
  return s.clients.get(org);
}
