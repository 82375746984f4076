// The practice orgs: the bundled Okta simulator, started in this extension host on free 127.0.0.1 ports, and its
// Preview and Production org in the settings (flagged `practice`), their API tokens in SecretStorage like any
// other org's. The simulator lives as long as this extension host: after a window reload its entries remain and
// the tree shows them as stopped, with Start Practice Orgs as the fix (see README, "Practice orgs").
import * as vscode from 'vscode';
import type { Simulator } from '../../simulator/index.ts';
import type { Log } from '../platform/log.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { RunningRotations } from '../rotations/runningRotations.ts';
import {
  practiceKeys,
  practiceOrgsFrom,
  practiceSeeds,
  withoutPracticeOrgs,
  withPracticeOrgs,
  type PracticeOrg,
} from '../../orgs/practiceOrgEntries.ts';

const SECTION = 'oktaWorkflows';
/** `npm run demo` sets it: the practice orgs start with the extension. */
const STARTUP_SETTING = 'startPracticeOrgsOnStartup';

export interface PracticeDeps {
  log: Log;
  credentials: OrgCredentialStore;
  clients: OktaClients;
  rotations: RunningRotations;
}

export class PracticeOrgs implements vscode.Disposable {
  private simulator: Simulator | undefined;
  private orgs: PracticeOrg[] = [];
  /** Start and Stop run one at a time: a second click waits for the first instead of racing it. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly deps: PracticeDeps;

  constructor(deps: PracticeDeps) {
    this.deps = deps;
  }

  /** True while this extension host serves the practice orgs. */
  get running(): boolean {
    return this.simulator !== undefined;
  }

  /** The practice orgs this extension host serves (none after a reload until Start). */
  get served(): readonly PracticeOrg[] {
    return this.orgs;
  }

  /** Starts the simulator (unless running) and writes its orgs and tokens; earlier practice entries are replaced. */
  start(): Promise<readonly PracticeOrg[]> {
    return this.serialized(async () => {
      if (this.simulator) return this.orgs;
      const stale = this.rawList();
      await this.forget(practiceKeys(stale), 'replaced by new practice orgs');
      // Loaded on demand: the simulator is its own file (dist/simulator.js), not part of activation.
      const { startSimulator } = await import('../../simulator/index.ts');
      const count = this.config().get<unknown>('practiceOrgCount');
      const seeds = practiceSeeds(new Date(), typeof count === 'number' && Number.isInteger(count) ? count : 2);
      const sim = await startSimulator({ host: '127.0.0.1', port: 0, orgs: seeds });
      try {
        const orgs = practiceOrgsFrom(sim.orgs);
        // Tokens first: when the settings change, the tree finds every practice org with its token already.
        for (const o of orgs) {
          this.deps.log.addKnownSecret(o.apiToken);
          await this.deps.credentials.store(o.key, { type: 'apiToken', token: o.apiToken });
        }
        await this.config().update('orgs', withPracticeOrgs(this.rawList(), orgs), vscode.ConfigurationTarget.Global);
        this.simulator = sim;
        this.orgs = orgs;
        this.deps.log.info(
          `Practice orgs started (bundled simulator, this window only): ${orgs.map((o) => `${o.setting.label} at ${o.setting.domain}`).join(', ')}`,
        );
        return orgs;
      } catch (e) {
        await sim.close();
        throw e;
      }
    });
  }

  /** At activation: starts them when the setting asks for it. Failures go to the log and a message, never throw. */
  startIfConfigured(): void {
    if (this.config().get<unknown>(STARTUP_SETTING) !== true) return;
    const log = this.deps.log;
    this.start().then(
      (orgs) =>
        log.info(
          `Practice orgs started at startup (setting oktaWorkflows.${STARTUP_SETTING}): ${orgs.map((o) => o.key).join(', ')}`,
        ),
      (e: unknown) => {
        log.error(`Starting the practice orgs at startup (setting oktaWorkflows.${STARTUP_SETTING})`, e);
        void vscode.window
          .showErrorMessage(
            `The practice orgs could not be started: ${e instanceof Error ? e.message : String(e)}`,
            'Show Log',
          )
          .then((c) => {
            if (c === 'Show Log') log.show();
          });
      },
    );
  }

  /** Stops the simulator and removes every practice org from the settings, with its token and its rotations. */
  stop(): Promise<{ removed: string[] }> {
    return this.serialized(async () => {
      const keys = [...new Set([...practiceKeys(this.rawList()), ...this.orgs.map((o) => o.key)])];
      await this.forget(keys, 'the practice orgs were stopped');
      const sim = this.simulator;
      this.simulator = undefined;
      this.orgs = [];
      await sim?.close();
      await this.config().update('orgs', withoutPracticeOrgs(this.rawList()), vscode.ConfigurationTarget.Global);
      this.deps.log.info(
        keys.length > 0
          ? `Practice orgs stopped and removed: ${keys.join(', ')}`
          : 'Stop Practice Orgs: there were no practice orgs.',
      );
      return { removed: keys };
    });
  }

  /** Tokens, clients and rotation journals of practice orgs that are going away. */
  private async forget(keys: readonly string[], why: string): Promise<void> {
    for (const key of keys) {
      this.deps.clients.forget(key);
      await this.deps.credentials.delete(key);
      const journals = await this.deps.rotations.forgetOrg(key);
      const unfinished = journals.filter((j) => j.outcome === 'inProgress');
      if (journals.length > 0) {
        this.deps.log.info(
          `Forgot ${journals.length} rotation journal(s) of practice org ${key} (${why})` +
            (unfinished.length > 0
              ? `, ${unfinished.length} unfinished: ${unfinished.map((j) => j.rotationId).join(', ')}; they cannot be resumed: the practice org they rotated no longer exists.`
              : '.'),
        );
      }
    }
  }

  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  /** The user-level list as stored (the orgs setting has application scope: user settings only). */
  private rawList(): unknown[] {
    const v = this.config().inspect<unknown>('orgs')?.globalValue;
    return Array.isArray(v) ? [...v] : [];
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The extension host is going away: close the servers. The settings entries stay (shown as stopped later). */
  dispose(): void {
    const sim = this.simulator;
    this.simulator = undefined;
    this.orgs = [];
    if (sim) this.deps.log.background('Stopping the practice orgs', sim.close());
  }
}
