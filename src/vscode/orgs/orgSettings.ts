// Reads and writes the `oktaWorkflows.orgs` setting (user settings only: its scope is application) and the
// numeric settings, and tells listeners when they change.
import * as vscode from 'vscode';
import { orgSettingFor, parseOrgSettings, type OrgConfig, type ParsedOrgs } from '../../orgs/orgConfig.ts';
import type { OrgAddress } from '../../okta/orgInput.ts';

const SECTION = 'oktaWorkflows';

/**
 * package.json's default for maxConcurrentOrgs, for where the setting cannot be read as a number. 200: the benchmark's
 * knee for 200 orgs, and the first load of a 200-org fleet in one wave (two calls per org) instead of two.
 */
const MAX_CONCURRENT_ORGS_DEFAULT = 200;

export class OrgSettings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private parsed: { text: string; orgs: ParsedOrgs } | undefined;
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) this.changed.fire();
  });

  /** The configured orgs, parsed again only when the setting's value changed (two hundred orgs parse in tens of ms). */
  read(): ParsedOrgs {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('orgs', []);
    const text = JSON.stringify(raw) ?? '';
    if (this.parsed?.text !== text) this.parsed = { text, orgs: parseOrgSettings(raw) };
    return { orgs: [...this.parsed.orgs.orgs], problems: [...this.parsed.orgs.problems] };
  }

  find(key: string): OrgConfig | undefined {
    return this.read().orgs.find((o) => o.key === key);
  }

  async add(address: OrgAddress, label: string, environment: 'preview' | 'production'): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const current = this.rawList(config).filter((entry) => !sameHost(entry, address.host));
    current.push(orgSettingFor(address, label, environment));
    await config.update('orgs', current, vscode.ConfigurationTarget.Global);
  }

  /** Adds (or replaces, by host) several entries in one settings write: Import Orgs. */
  async addMany(
    entries: ReadonlyArray<{
      address: OrgAddress;
      label: string;
      environment: 'preview' | 'production';
      previewOrg?: string;
    }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const config = vscode.workspace.getConfiguration(SECTION);
    const hosts = new Set(entries.map((e) => e.address.host));
    const current = this.rawList(config).filter((entry) => ![...hosts].some((h) => sameHost(entry, h)));
    for (const e of entries) current.push(orgSettingFor(e.address, e.label, e.environment, e.previewOrg));
    await config.update('orgs', current, vscode.ConfigurationTarget.Global);
  }

  async remove(key: string): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update(
      'orgs',
      this.rawList(config).filter((entry) => !sameHost(entry, key)),
      vscode.ConfigurationTarget.Global,
    );
  }

  /** How many orgs are worked on at once (loads, campaigns, watches, imports, exports). */
  maxConcurrentOrgs(): number {
    return this.number('maxConcurrentOrgs', MAX_CONCURRENT_ORGS_DEFAULT);
  }

  /** A numeric setting, or `fallback` when it is not a number of at least 1 (0 too where `allowZero`). */
  number(
    name:
      | 'maxSecretAgeDays'
      | 'requestTimeoutSeconds'
      | 'previewRecencyDays'
      | 'maxConcurrentOrgs'
      | 'maxRateLimitWaitSeconds'
      | 'soakHours'
      | 'practiceOrgCount'
      | 'operationTimeoutSeconds'
      | 'reminderDays'
      | 'reminderCheckIntervalHours'
      | 'historyMaxRecords'
      | 'deactivationWatchMinutes',
    fallback: number,
    opts: { allowZero?: boolean } = {},
  ): number {
    const v = vscode.workspace.getConfiguration(SECTION).get<unknown>(name);
    return typeof v === 'number' && Number.isFinite(v) && (v > 0 || (opts.allowZero === true && v === 0))
      ? v
      : fallback;
  }

  /** The user-level list as stored, so unknown entries the person wrote by hand survive our edits. */
  private rawList(config: vscode.WorkspaceConfiguration): unknown[] {
    const v = config.inspect<unknown>('orgs')?.globalValue;
    return Array.isArray(v) ? [...v] : [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function sameHost(entry: unknown, host: string): boolean {
  const parsed = parseOrgSettings([entry]);
  return parsed.orgs[0]?.key === host;
}
