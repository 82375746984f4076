// What is remembered of each org (fleet/knownOrgs.ts: its Workflows app, its secrets as last listed, masked) in
// globalState, so the tree shows it at once after a reload and a refresh needs no discovery. Writes are gathered:
// two hundred orgs loading at once make one write, not two hundred.
import type * as vscode from 'vscode';
import type { WorkflowsApp } from '../../okta/schemas.ts';
import { parseKnownOrgs, type KnownOrg } from '../../fleet/knownOrgs.ts';

const KEY = 'oktaWorkflows.knownOrgs';
const WRITE_DELAY_MS = 500;

export class KnownOrgStore implements vscode.Disposable {
  private readonly state: vscode.Memento;
  private readonly onProblem: (message: string) => void;
  private orgs: Map<string, KnownOrg> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(state: vscode.Memento, onProblem: (message: string) => void) {
    this.state = state;
    this.onProblem = onProblem;
  }

  get(key: string): KnownOrg | undefined {
    return this.all().get(key);
  }

  /** The remembered app of the org, when it is the one its setting names (or the setting names none). */
  app(key: string, settingAppId?: string): WorkflowsApp | undefined {
    const app = this.get(key)?.app;
    return app && (settingAppId === undefined || settingAppId === app.id) ? app : undefined;
  }

  set(key: string, org: KnownOrg): void {
    this.all().set(key, org);
    this.scheduleWrite();
  }

  /** Forgets every org but `keep` (orgs removed from the settings, stopped practice orgs). */
  keepOnly(keep: ReadonlySet<string>): void {
    const all = this.all();
    let changed = false;
    for (const key of [...all.keys()])
      if (!keep.has(key)) {
        all.delete(key);
        changed = true;
      }
    if (changed) this.scheduleWrite();
  }

  private all(): Map<string, KnownOrg> {
    if (!this.orgs) {
      const { orgs, problems } = parseKnownOrgs(this.state.get<unknown>(KEY));
      for (const p of problems) this.onProblem(p);
      this.orgs = orgs;
    }
    return this.orgs;
  }

  private scheduleWrite(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  /** Writes now what is pending (also on dispose, so a reload right after a refresh keeps it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.orgs) return;
    Promise.resolve(this.state.update(KEY, Object.fromEntries(this.orgs))).catch((e: unknown) =>
      this.onProblem(`Remembering the orgs' state failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  dispose(): void {
    if (this.timer) this.flush();
  }
}
