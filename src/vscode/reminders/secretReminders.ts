// Due-date reminders: a status bar item ("Workflows secrets: 2 due") while any org has an ACTIVE secret within
// `reminderDays` of `maxSecretAgeDays` or past it, and one notification per newly due secret (Rotate, Snooze).
// What they know of each org is the window's org state (orgs/orgState.ts): they listen to its changes, and a light
// periodic check refreshes, through the same refresher, the orgs not listed within `reminderCheckIntervalHours`.
// Their own notes (which due secrets were notified, which snoozed until when) are kept in globalState (ids and
// dates, never a value). Their rules and notes are loaded for the first update, after activation (reminderParts.ts).
import * as vscode from 'vscode';
import type { KnownOrg } from '../../fleet/knownOrgs.ts';
import type { DueSecret } from '../../fleet/reminders/dueSecrets.ts';
import type { ReminderState, StateMemento } from '../../fleet/reminders/reminderState.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { orgRef } from '../orgs/orgRef.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { OrgState } from '../orgs/orgState.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type * as ReminderRules from './reminderParts.ts';

type Rules = typeof ReminderRules;

const HOUR_MS = 60 * 60 * 1000;
const SNOOZE_DAYS = 7;
/** More newly due secrets than this at once get one notification for all, not one each. */
const MAX_SINGLE_NOTIFICATIONS = 3;
/** The first periodic check waits this long after activation: the tree's own load usually makes it unneeded. */
const FIRST_CHECK_DELAY_MS = 60_000;
/** The org state's changes are gathered this long: two hundred orgs refreshing make one recomputation, not fifty. */
const UPDATE_DELAY_MS = 1000;

export interface ReminderParts {
  log: Log;
  settings: OrgSettings;
  credentials: OrgCredentialStore;
  orgState: OrgState;
}

export class SecretReminders extends Disposable {
  private readonly memento: StateMemento;
  private readonly parts: ReminderParts;
  private readonly item: vscode.StatusBarItem;
  private due: DueSecret[] = [];
  private checking = false;
  /** When this window last tried each org: a failing org is tried again only after the interval, like the others. */
  private readonly tried = new Map<string, number>();
  /** Aborts the periodic check's refreshes when the window closes. */
  private readonly stopped = new AbortController();
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private loaded: Promise<Rules> | undefined;

  constructor(memento: StateMemento, parts: ReminderParts) {
    super();
    this.memento = memento;
    this.parts = parts;
    this.item = this.register(
      vscode.window.createStatusBarItem('oktaWorkflows.dueSecrets', vscode.StatusBarAlignment.Left),
    );
    this.item.name = 'Okta Workflows: secrets due';
    this.item.command = 'oktaWorkflows.showDueSecrets';
    this.register(parts.settings.onDidChange(() => this.update()));
    this.register(parts.orgState.onDidChange(() => this.updateSoon()));
    // Nothing at activation itself: the last-known state is shown a moment later, the first check after a minute.
    // The timers never keep a process alive on their own.
    const shown = setTimeout(() => this.update(), 0).unref();
    const first = setTimeout(() => this.tick(), FIRST_CHECK_DELAY_MS).unref();
    const every = setInterval(() => this.tick(), HOUR_MS).unref();
    this.register({ dispose: () => [shown, first, every].forEach(clearTimeout) });
    this.register({ dispose: () => this.stopped.abort() });
    this.register({ dispose: () => clearTimeout(this.updateTimer) });
  }

  /** The due secrets as last computed, most overdue first. */
  dueNow(): readonly DueSecret[] {
    return this.due;
  }

  async snooze(due: readonly DueSecret[]): Promise<void> {
    const rules = await this.rules();
    const until = new Date(Date.now() + SNOOZE_DAYS * 24 * HOUR_MS).toISOString();
    const state = this.state(rules);
    for (const d of due) {
      // Notified again when the snooze ends, as a newly due secret.
      state.snoozedUntil[rules.dueKey(d.orgKey, d.secretId)] = until;
      delete state.notified[rules.dueKey(d.orgKey, d.secretId)];
    }
    await rules.writeReminderState(this.memento, state);
    this.update(state);
  }

  private rules(): Promise<Rules> {
    this.loaded ??= import('./reminderParts.ts');
    return this.loaded;
  }

  /** The periodic check: refreshes every org not listed within the interval, through the org state's refresher. */
  async check(): Promise<void> {
    const hours = this.parts.settings.number('reminderCheckIntervalHours', 24, { allowZero: true });
    if (hours === 0 || this.checking || this.isDisposed) return;
    this.checking = true;
    try {
      const staleBefore = Date.now() - hours * HOUR_MS;
      const stale: OrgConfig[] = [];
      for (const org of this.parts.settings.read().orgs) {
        const listedAt = this.parts.orgState.known.get(org.key)?.listedAt;
        if (listedAt !== undefined && Date.parse(listedAt) > staleBefore) continue;
        if ((this.tried.get(org.key) ?? 0) > staleBefore) continue;
        if (this.parts.orgState.status(org.key).state === 'refreshing') continue; // its refresh tells us soon
        if (await this.parts.credentials.has(org.key)) stale.push(org);
      }
      for (const org of stale) this.tried.set(org.key, Date.now());
      if (stale.length === 0) return;
      this.parts.log.info(`Reminders: checking the secrets of ${stale.map((o) => o.key).join(', ')}`);
      // With a signal of its own: a long wait of this background check opens no notification.
      await this.parts.orgState.refresh(stale, this.stopped.signal);
    } finally {
      this.checking = false;
    }
  }

  private tick(): void {
    this.parts.log.background('Reminders: the periodic check', this.check());
  }

  private updateSoon(): void {
    this.updateTimer ??= setTimeout(() => {
      this.updateTimer = undefined;
      this.update();
    }, UPDATE_DELAY_MS).unref();
  }

  private state(rules: Rules): ReminderState {
    return rules.readReminderState(this.memento, (m) => this.parts.log.warn(m));
  }

  /**
   * Recomputes what is due from the orgs as last known and the settings, shows the item, notifies the newly due
   * secrets, and saves the notes (`current`, default: as stored) that still concern a configured org's secret.
   */
  private update(current?: ReminderState): void {
    this.parts.log.background(
      'Reminders: updating',
      this.rules().then((rules) => this.updateBy(rules, current ?? this.state(rules))),
    );
  }

  private updateBy(rules: Rules, current: ReminderState): void {
    if (this.isDisposed) return;
    const { describeDueSecret, dueKey, dueSecrets, statusBarText, differsFromStored, keptNotes } = rules;
    const { orgs } = this.parts.settings.read();
    const known = new Map<string, KnownOrg | undefined>(orgs.map((o) => [o.key, this.parts.orgState.known.get(o.key)]));
    const state = keptNotes(current, known);
    const maxAgeDays = this.parts.settings.number('maxSecretAgeDays', 90);
    const listed = new Map([...known].flatMap(([key, org]) => (org ? [[key, org] as const] : [])));
    this.due = dueSecrets(listed, {
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
    if (differsFromStored(this.memento, state))
      this.parts.log.background('Reminders: saving', rules.writeReminderState(this.memento, state));
    if (fresh.length > 0)
      this.parts.log.background('Reminders: notifying', this.notify(rules, fresh, label, maxAgeDays));
  }

  private async notify(
    { describeDueSecret }: Rules,
    fresh: DueSecret[],
    label: (key: string) => string,
    maxAgeDays: number,
  ): Promise<void> {
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
