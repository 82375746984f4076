// Due-date reminders: a status bar item ("Workflows secrets: 2 due") while any org has an ACTIVE secret within
// `reminderDays` of `maxSecretAgeDays` or past it, and one notification per newly due secret (Rotate, Snooze).
// What it knows comes from the tree's loads and from a light periodic check: at most one list of secrets per org
// not loaded within `reminderCheckIntervalHours`, `maxConcurrentOrgs` at a time. What was listed, notified and
// snoozed is kept in globalState (ids, dates, masked values: never a value).
import * as vscode from 'vscode';
import type { ClientSecret, WorkflowsApp } from '../../okta/schemas.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { orgRef } from '../orgs/orgRef.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import { listedSecretOf } from '../../fleet/listedSecret.ts';
import {
  describeDueSecret,
  dueKey,
  dueSecrets,
  statusBarText,
  type DueSecret,
} from '../../fleet/reminders/dueSecrets.ts';
import {
  onlyOrgs,
  readReminderState,
  withOrgSeen,
  writeReminderState,
  type ReminderState,
} from '../../fleet/reminders/reminderState.ts';

const HOUR_MS = 60 * 60 * 1000;
const SNOOZE_DAYS = 7;
/** More newly due secrets than this at once get one notification for all, not one each. */
const MAX_SINGLE_NOTIFICATIONS = 3;
/** The first periodic check waits this long after activation: the tree's own load usually makes it unneeded. */
const FIRST_CHECK_DELAY_MS = 60_000;

export interface ReminderParts {
  log: Log;
  settings: OrgSettings;
  credentials: OrgCredentialStore;
  clients: OktaClients;
}

export class SecretReminders extends Disposable {
  private readonly memento: vscode.Memento;
  private readonly parts: ReminderParts;
  private readonly item: vscode.StatusBarItem;
  private due: DueSecret[] = [];
  private checking = false;
  /** When this window last tried each org: a failing org is tried again only after the interval, like the others. */
  private readonly tried = new Map<string, number>();

  constructor(memento: vscode.Memento, parts: ReminderParts) {
    super();
    this.memento = memento;
    this.parts = parts;
    this.item = this.register(
      vscode.window.createStatusBarItem('oktaWorkflows.dueSecrets', vscode.StatusBarAlignment.Left),
    );
    this.item.name = 'Okta Workflows: secrets due';
    this.item.command = 'oktaWorkflows.showDueSecrets';
    this.register(parts.settings.onDidChange(() => this.update()));
    // Nothing at activation itself: the last-known state is shown a moment later, the first check after a minute.
    // The timers never keep a process alive on their own.
    const shown = setTimeout(() => this.update(), 0).unref();
    const first = setTimeout(() => this.tick(), FIRST_CHECK_DELAY_MS).unref();
    const every = setInterval(() => this.tick(), HOUR_MS).unref();
    this.register({ dispose: () => [shown, first, every].forEach(clearTimeout) });
  }

  /** The due secrets as last computed, most overdue first. */
  dueNow(): readonly DueSecret[] {
    return this.due;
  }

  /** An org's app and secrets as just listed (the tree's load, or the check): values are dropped here. */
  seen(org: Pick<OrgConfig, 'key'>, app: Pick<WorkflowsApp, 'id' | 'label'>, secrets: readonly ClientSecret[]): void {
    const views = secrets.map(listedSecretOf);
    const seen = { appId: app.id, appLabel: app.label, seenAt: new Date().toISOString(), secrets: views };
    this.update(withOrgSeen(this.state(), org.key, seen));
  }

  async snooze(due: readonly DueSecret[]): Promise<void> {
    const until = new Date(Date.now() + SNOOZE_DAYS * 24 * HOUR_MS).toISOString();
    const state = this.state();
    for (const d of due) {
      // Notified again when the snooze ends, as a newly due secret.
      state.snoozedUntil[dueKey(d.orgKey, d.secretId)] = until;
      delete state.notified[dueKey(d.orgKey, d.secretId)];
    }
    await writeReminderState(this.memento, state);
    this.update(state);
  }

  /** The periodic check: lists the secrets of every org not seen within the interval, a bounded number at once. */
  async check(): Promise<void> {
    const hours = this.parts.settings.number('reminderCheckIntervalHours', 24, { allowZero: true });
    if (hours === 0 || this.checking || this.isDisposed) return;
    this.checking = true;
    try {
      const state = this.state();
      const staleBefore = Date.now() - hours * HOUR_MS;
      const stale: OrgConfig[] = [];
      for (const org of this.parts.settings.read().orgs) {
        const seenAt = state.orgs[org.key]?.seenAt;
        if (seenAt !== undefined && Date.parse(seenAt) > staleBefore) continue;
        if ((this.tried.get(org.key) ?? 0) > staleBefore) continue;
        if (await this.parts.credentials.has(org.key)) stale.push(org);
      }
      for (const org of stale) this.tried.set(org.key, Date.now());
      if (stale.length === 0) return;
      this.parts.log.info(`Reminders: checking the secrets of ${stale.map((o) => o.key).join(', ')}`);
      await forEachBounded(
        stale,
        this.parts.settings.number('maxConcurrentOrgs', 100),
        (org) => this.checkOrg(org, state.orgs[org.key]),
        (org, e) => this.parts.log.error(`Reminders: checking ${org.key}`, e),
      );
    } finally {
      this.checking = false;
    }
  }

  private async checkOrg(org: OrgConfig, last: ReminderState['orgs'][string] | undefined): Promise<void> {
    const client = await this.parts.clients.get(org);
    // One operation per org: finding the app and listing its secrets share one deadline and one budget.
    const operation = this.parts.clients.operation();
    try {
      // One list of secrets: the app id is known from the setting or the last listing; found only the first time.
      const knownId = org.appId || last?.appId;
      const app = knownId
        ? { id: knownId, label: last?.appLabel ?? 'Okta Workflows OAuth' }
        : await client.findWorkflowsApp({}, operation.signal);
      const secrets = await client.listSecrets(app.id, operation.signal);
      this.seen(org, app, secrets);
    } finally {
      operation.dispose();
    }
  }

  private tick(): void {
    this.parts.log.background('Reminders: the periodic check', this.check());
  }

  private state(): ReminderState {
    return readReminderState(this.memento, (m) => this.parts.log.warn(m));
  }

  /**
   * Recomputes what is due from `state` (default: as stored) and the settings, shows the item, notifies the newly
   * due secrets, and saves the state.
   */
  private update(current: ReminderState = this.state()): void {
    if (this.isDisposed) return;
    const { orgs } = this.parts.settings.read();
    const state = onlyOrgs(current, new Set(orgs.map((o) => o.key)));
    const maxAgeDays = this.parts.settings.number('maxSecretAgeDays', 90);
    this.due = dueSecrets(state.orgs, {
      maxAgeDays,
      reminderDays: this.parts.settings.number('reminderDays', 14, { allowZero: true }),
      now: new Date(),
      snoozedUntil: state.snoozedUntil,
    });
    const label = (key: string) => orgs.find((o) => o.key === key)?.label ?? key;
    if (this.due.length === 0) this.item.hide();
    else {
      this.item.text = statusBarText(this.due);
      this.item.tooltip = [
        ...this.due.map((d) => describeDueSecret(d, label(d.orgKey), maxAgeDays)),
        'Click to rotate.',
      ].join('\n');
      this.item.show();
    }
    const fresh = this.due.filter((d) => state.notified[dueKey(d.orgKey, d.secretId)] === undefined);
    const now = new Date().toISOString();
    for (const d of fresh) state.notified[dueKey(d.orgKey, d.secretId)] = now;
    if (JSON.stringify(state) !== JSON.stringify(this.state()))
      this.parts.log.background('Reminders: saving', writeReminderState(this.memento, state));
    if (fresh.length > 0) this.parts.log.background('Reminders: notifying', this.notify(fresh, label, maxAgeDays));
  }

  private async notify(fresh: DueSecret[], label: (key: string) => string, maxAgeDays: number): Promise<void> {
    if (fresh.length > MAX_SINGLE_NOTIFICATIONS) {
      const choice = await vscode.window.showWarningMessage(
        `${fresh.length} Okta Workflows secrets are due for rotation.`,
        'Show Due Secrets',
        `Snooze All ${SNOOZE_DAYS} Days`,
      );
      if (choice === 'Show Due Secrets') await vscode.commands.executeCommand('oktaWorkflows.showDueSecrets');
      else if (choice) await this.snooze(fresh);
      return;
    }
    await Promise.all(
      fresh.map(async (d) => {
        const choice = await vscode.window.showWarningMessage(
          `${describeDueSecret(d, label(d.orgKey), maxAgeDays)} Rotate it?`,
          'Rotate',
          `Snooze ${SNOOZE_DAYS} Days`,
        );
        if (choice === 'Rotate') await vscode.commands.executeCommand('oktaWorkflows.rotateSecret', orgRef(d.orgKey));
        else if (choice) await this.snooze([d]);
      }),
    );
  }
}
