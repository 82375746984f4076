// What Export Rotation History asks: which orgs, which period, which format, and where to write. Each question is
// a quick pick (or an input box for a custom range); Escape cancels the whole export.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { HistoryRecord } from '../../history/record.ts';
import { dayOf, parseDay, type ExportSelection } from '../../history/selection.ts';
import { required, UserCancelled } from '../platform/cancellation.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const ALL: ExportSelection['org'] = 'all';

export type ExportFormat = 'csv' | 'json' | 'md';
const FORMAT_NAMES: Record<ExportFormat, string> = { csv: 'CSV', json: 'JSON', md: 'Markdown' };

/** All orgs, or one org of the history (an org no longer configured is still offered: its records remain). */
export async function pickOrg(records: readonly HistoryRecord[]): Promise<ExportSelection['org']> {
  const orgs = new Map<string, { label: string; environment: string; practice: boolean; count: number }>();
  for (const r of records) {
    const seen = orgs.get(r.org.host);
    orgs.set(r.org.host, {
      label: r.org.label,
      environment: r.org.environment,
      practice: r.org.practice,
      count: (seen?.count ?? 0) + 1,
    });
  }
  if (orgs.size <= 1) return 'all';
  const plural = (n: number) => `${n} rotation${n === 1 ? '' : 's'}`;
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'All orgs', description: plural(records.length), org: ALL },
      ...[...orgs].map(([host, o]) => ({
        label: o.label,
        description: `${host} · ${o.environment}${o.practice ? ' · practice' : ''}`,
        detail: plural(o.count),
        org: { host, label: o.label },
      })),
    ],
    { title: 'Export Rotation History (1/3)', placeHolder: 'The rotations of which orgs?', ignoreFocusOut: true },
  );
  return required(pick).org;
}

/** A period of rotation start days (UTC): a recent span, this year, everything, or a custom range. */
export async function pickPeriod(now: Date): Promise<Pick<ExportSelection, 'from' | 'to'>> {
  const today = dayOf(now.getTime());
  const since = (days: number) => ({ from: dayOf(now.getTime() - (days - 1) * DAY_MS), to: today });
  const choices = [
    { label: 'All dates', range: {} },
    { label: 'Last 30 days', description: `${since(30).from} to ${today}`, range: since(30) },
    { label: 'Last 90 days', description: `${since(90).from} to ${today}`, range: since(90) },
    { label: 'Last 12 months', description: `${since(365).from} to ${today}`, range: since(365) },
    {
      label: 'This year',
      description: `${today.slice(0, 4)}-01-01 to ${today}`,
      range: { from: `${today.slice(0, 4)}-01-01`, to: today },
    },
    { label: 'Custom range…', description: 'From and to days (UTC)', range: undefined },
  ];
  const pick = required(
    await vscode.window.showQuickPick(choices, {
      title: 'Export Rotation History (2/3)',
      placeHolder: 'Rotations started when? (days in UTC)',
      ignoreFocusOut: true,
    }),
  );
  if (pick.range) return pick.range;
  const from = await askDay('From which day (YYYY-MM-DD, UTC)?', dayOf(now.getTime() - 89 * DAY_MS));
  const to = await askDay('To which day, included (YYYY-MM-DD, UTC)?', today, from);
  return { from, to };
}

async function askDay(prompt: string, value: string, notBefore?: string): Promise<string> {
  const day = await vscode.window.showInputBox({
    title: 'Export Rotation History: custom range',
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (parseDay(text) === undefined) return 'A day as YYYY-MM-DD, e.g. 2026-01-31.';
      if (notBefore !== undefined && text.trim() < notBefore) return `Not before the first day, ${notBefore}.`;
      return undefined;
    },
  });
  return required(day).trim();
}

const FORMAT_CHOICES: Array<{ label: string; description: string; formats: ExportFormat[] }> = [
  { label: 'CSV', description: 'one row per rotation, for a spreadsheet', formats: ['csv'] },
  { label: 'Markdown report', description: 'a summary, then each rotation in full', formats: ['md'] },
  { label: 'JSON', description: 'every record whole, for tools', formats: ['json'] },
  {
    label: 'All three',
    description: 'CSV, Markdown and JSON side by side in a folder',
    formats: ['csv', 'md', 'json'],
  },
];

export async function pickFormats(): Promise<ExportFormat[]> {
  const pick = await vscode.window.showQuickPick(FORMAT_CHOICES, {
    title: 'Export Rotation History (3/3)',
    placeHolder: 'Which format?',
    ignoreFocusOut: true,
  });
  return required(pick).formats;
}

/** Where to write: a save dialog for one file, a folder for all three (the same name, one extension each). */
export async function pickDestination(
  formats: readonly ExportFormat[],
  baseName: string,
): Promise<Array<{ format: ExportFormat; uri: vscode.Uri }>> {
  const start = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const [only] = formats;
  if (formats.length === 1 && only) {
    const uri = await vscode.window.showSaveDialog({
      title: 'Export Rotation History',
      defaultUri: vscode.Uri.joinPath(start, `${baseName}.${only}`),
      filters: { [FORMAT_NAMES[only]]: [only] },
      saveLabel: 'Export',
    });
    return [{ format: only, uri: required(uri) }];
  }
  const folders = await vscode.window.showOpenDialog({
    title: 'Export Rotation History: the folder for the three files',
    defaultUri: start,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Export Here',
  });
  const folder = required(folders?.[0]);
  const targets = formats.map((format) => ({ format, uri: vscode.Uri.joinPath(folder, `${baseName}.${format}`) }));
  const existing = [];
  for (const { uri } of targets) if (await exists(uri)) existing.push(uri);
  if (existing.length > 0) {
    const replace = 'Replace';
    const choice = await vscode.window.showWarningMessage(
      `${existing.map((u) => u.path.split('/').pop()).join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${folder.fsPath}. Replace?`,
      { modal: true },
      replace,
    );
    if (choice !== replace) throw new UserCancelled();
  }
  return targets;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    // Not there (or not readable: then the write says why, with its own error).
    return false;
  }
}
