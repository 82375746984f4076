// The webview host of one rotation's checklist. It posts the page a view of the engine's snapshot (words for
// people: src/presentation/checklist/view.ts) and turns the page's requests into engine actions; confirmations of
// risky actions and the two secret-handling requests (copy the new secret, identify the secret in use) run here in
// the host, so no secret ever reaches the page. While an action runs, the view says so (with Cancel and any wait
// Okta asked for), so a page hidden and shown again mid-step still offers Cancel.
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../rotation/engine.ts';
import type { NextAction, RotationAction } from '../../rotation/model/actions.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import { actionInWords } from '../../presentation/actions.ts';
import { checklistView, type ViewContext } from '../../presentation/checklist/view.ts';
import type { PageRequest } from '../../presentation/checklist/viewModel.ts';
import { progressTitle, riskyConfirmation } from '../../presentation/confirmations.ts';
import { notificationText, oktaErrorIdPhrase, rotationTextContext } from '../../presentation/errorText.ts';
import { redact } from '../../redact.ts';
import { sanitizeText } from '../../okta/oktaText.ts';
import { ClientWait } from '../../presentation/checklist/clientWait.ts';
import type { WaitReason } from '../../okta/http/listeners.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { isCancellation, UserCancelled } from '../platform/cancellation.ts';
import { webviewHtml, newNonce } from '../platform/webviewHtml.ts';
import { keyboardBackTo } from '../platform/keyboardBack.ts';
import { parsePageMessage, type HostMessage } from './checklistProtocol.ts';

/** What the panel needs from a running rotation: the engine, plus the two host-side secret operations. */
export interface RotationBinding {
  readonly rotationId: string;
  readonly orgLabel: string;
  /** Another org (a paired preview org) as the person named it. */
  labelOf(host: string): string;
  snapshot(): RotationSnapshot;
  onDidChange(listener: () => void): () => void;
  perform(action: RotationAction, signal?: AbortSignal): Promise<ActionOutcome>;
  /** The new secret's value from SecretStorage, or undefined when it is gone. */
  newSecretValue(): Promise<string | undefined>;
  /** Copies a secret to the clipboard for a minute. */
  copySecret(value: string): Promise<void>;
  /** Runs `work` under the org's cancellable progress notification (withOktaProgress), also aborted by `alsoAbortedBy`. */
  withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>, alsoAbortedBy: AbortSignal): Thenable<T>;
  /**
   * Calls `listener` before each wait of the org's client (a 429's wait, a retry's backoff, a slow answer; an
   * answer's wait of 0 is its end). Returns the unsubscribe.
   */
  onWait(listener: (reason: WaitReason, ms: number) => void): () => void;
}

/** An action the engine did not carry out: its outcome's error kind picks the notification's buttons. */
class ActionFailed extends Error {
  readonly kind: string;

  constructor(kind: string, message: string) {
    super(redact(sanitizeText(message, 2000)));
    this.name = 'ActionFailed';
    this.kind = kind;
  }
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
    ],
    // The page keeps its own small state (getState/setState) and re-renders from the view the host posts.
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

export class RotationChecklistPanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly binding: RotationBinding;
  private readonly log: Log;
  private ready = false;
  private readonly outbox: HostMessage[] = [];
  private running: AbortController | undefined;
  /** The action under way (its words and what was offered when it started), for the view. */
  private performing: ViewContext['performing'];
  private readonly wait = new ClientWait(() => this.pushView());
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(panel: vscode.WebviewPanel, binding: RotationBinding, extensionUri: vscode.Uri, log: Log) {
    super();
    this.panel = panel;
    this.binding = binding;
    this.log = log;
    this.register(this.closed);
    panel.webview.options = webviewOptions(extensionUri);
    const media = (...p: string[]) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...p)).toString();
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'checklist.js'));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.title = `Rotate: ${binding.orgLabel}`;
    panel.webview.html = webviewHtml(
      {
        cspSource: panel.webview.cspSource,
        script: script.toString(),
        style: media('checklist.css'),
        codicons: media('codicons', 'codicon.css'),
      },
      newNonce(),
      { title: panel.title, label: 'Rotation checklist' },
    );
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    // Closing the checklist leaves a running step alone: the engine runs on, and the org's progress notification
    // keeps its Cancel. (A cancel of a write that left is read back from Okta: runStep.ts.)
    this.register(
      panel.onDidDispose(() => {
        this.wait.clear();
        this.closed.fire();
        this.dispose();
      }),
    );
    const unsubscribe = binding.onDidChange(() => this.pushView());
    this.register({ dispose: unsubscribe });
    // A wait is said only while this checklist's own action runs.
    const unsubscribeWaits = binding.onWait((reason, ms) => {
      if (this.performing) this.wait.note(reason, ms);
    });
    this.register({ dispose: unsubscribeWaits });
  }

  get rotationId(): string {
    return this.binding.rotationId;
  }

  reveal(): void {
    this.panel.reveal();
  }

  private pushView(): void {
    const wait = this.performing ? this.wait.shown() : undefined;
    const view = checklistView(this.binding.snapshot(), {
      orgLabel: this.binding.orgLabel,
      labelOf: (host) => this.binding.labelOf(host),
      now: new Date(),
      ...(this.performing ? { performing: this.performing } : {}),
      ...(wait ? { wait } : {}),
    });
    this.post({ type: 'view', view });
  }

  /** Buffers until the page said ready: messages posted before its script runs would be lost. */
  private post(message: HostMessage): void {
    if (this.isDisposed) return;
    if (!this.ready) {
      if (message.type === 'view') {
        const i = this.outbox.findIndex((m) => m.type === 'view');
        if (i >= 0) this.outbox.splice(i, 1);
      }
      this.outbox.push(message);
      return;
    }
    this.log.background(`Checklist ${this.rotationId}: posting to the page`, this.panel.webview.postMessage(message));
  }

  private async receive(data: unknown): Promise<void> {
    const parsed = parsePageMessage(data);
    if (!parsed.ok) {
      this.log.warn(`Checklist ${this.rotationId}: ignored a message from the page (${parsed.reason})`);
      return;
    }
    const m = parsed.message;
    if (m.type === 'ready') {
      this.ready = true;
      this.pushView();
      for (const queued of this.outbox.splice(0))
        if (queued.type !== 'view')
          this.log.background(
            `Checklist ${this.rotationId}: posting to the page`,
            this.panel.webview.postMessage(queued),
          );
      return;
    }
    try {
      const message = await this.handle(m.request);
      this.post({ type: 'reply', seq: m.seq, ok: true, ...(message ? { message } : {}) });
    } catch (e) {
      if (isCancellation(e)) {
        this.post({ type: 'reply', seq: m.seq, ok: false, message: 'Cancelled.' });
        return;
      }
      const text = this.forPerson(e);
      this.log.error(`Checklist ${this.rotationId}: ${m.request.kind}`, e);
      this.post({ type: 'reply', seq: m.seq, ok: false, message: text });
      const choice = await vscode.window.showErrorMessage(text, 'Show Log');
      if (choice === 'Show Log') this.log.show();
    }
  }

  private async handle(req: PageRequest): Promise<string | undefined> {
    const snap = this.binding.snapshot();
    switch (req.kind) {
      case 'action':
        await this.confirmIfRisky(req.action, snap);
        return this.perform(req.action, snap);
      case 'identifyInUse': {
        const value = await keyboardBackTo(this.panel, () =>
          vscode.window.showInputBox({
            title: `Which secret does the Workflows connection of ${this.binding.orgLabel} use?`,
            prompt:
              'Two secrets are active. Paste the value the Workflows connection uses (from your records or the Admin Console); it is compared with the listed secrets and not stored.',
            password: true,
            ignoreFocusOut: true,
          }),
        );
        if (!value) throw new UserCancelled();
        return this.perform({ type: 'identifyInUse', value }, snap);
      }
      case 'copyNewSecret': {
        const value = await this.binding.newSecretValue();
        if (value === undefined)
          throw new Error(
            `The new secret's value of the rotation in ${this.binding.orgLabel} (${snap.org.host}) is no longer stored (the rotation finished, or it was lost). Check the secrets in the Admin Console.`,
          );
        await this.binding.copySecret(value);
        return `Copied the new secret ${snap.manual.newSecretMasked ?? ''} to the clipboard for a minute: paste it in the Workflows console now.`;
      }
      case 'copyText': {
        const errorId = snap.steps.find((s) => s.current || s.state === 'failed')?.error?.errorId;
        const copied = { domain: snap.manual.domain, clientId: snap.manual.clientId, errorId }[req.field];
        if (copied === undefined) return 'There is no Okta error ID to copy.';
        await vscode.env.clipboard.writeText(copied);
        return `Copied the ${{ domain: 'domain', clientId: 'client ID', errorId: 'Okta error ID' }[req.field]}.`;
      }
      case 'openConsole':
        if (!snap.manual.workflowsConsoleUrl) return 'The Workflows console address is not known for this org.';
        await vscode.env.openExternal(vscode.Uri.parse(snap.manual.workflowsConsoleUrl, true));
        return undefined;
      case 'cancel':
        this.running?.abort();
        return 'Cancelling…';
    }
  }

  /** API steps run under a cancellable progress notification; the page's Cancel aborts the same signal. */
  private async perform(action: RotationAction, snap: RotationSnapshot): Promise<string | undefined> {
    const label = actionInWords(action, snap.journal);
    const controller = new AbortController();
    this.running = controller;
    this.setPerforming({ label, cancellable: true, offered: snap.nextActions });
    try {
      const outcome = await this.binding.withProgress(
        progressTitle(this.binding.orgLabel, action, snap),
        (signal) => this.binding.perform(action, signal),
        controller.signal,
      );
      if (outcome.ok) return `${label}: done.`;
      if (outcome.cancelled) throw new UserCancelled();
      // A refusal or a failed step: the step shows its error in the page; the error also goes to the log and a
      // notification through receive().
      throw new ActionFailed(
        outcome.error.kind,
        outcome.error.message +
          (outcome.error.errorId && !outcome.error.message.includes(outcome.error.errorId)
            ? ` ${oktaErrorIdPhrase(outcome.error.errorId)}.`
            : ''),
      );
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        this.setPerforming(undefined);
      }
    }
  }

  private setPerforming(performing: { label: string; cancellable: boolean; offered: NextAction[] } | undefined): void {
    this.performing = performing;
    if (!performing) this.wait.clear();
    this.pushView();
  }

  /** An error as the person reads it: the org by its label, no engine lead, masked secrets, Okta's error id. */
  private forPerson(e: unknown): string {
    const message = redact(e instanceof Error ? e.message : String(e));
    const context = rotationTextContext(this.binding.snapshot(), this.binding.orgLabel, (h) => this.binding.labelOf(h));
    return notificationText(message, context);
  }

  /** Risky actions (see riskyConfirmation: the old secret's deactivation in production and its deletion included) ask first in a modal. */
  private async confirmIfRisky(action: RotationAction, snap: RotationSnapshot): Promise<void> {
    const c = riskyConfirmation(action, snap, this.binding.orgLabel, new Date(), (host) => this.binding.labelOf(host));
    if (!c) return;
    const choice = await keyboardBackTo(this.panel, () =>
      vscode.window.showWarningMessage(c.title, { modal: true, detail: c.detail }, c.button),
    );
    if (choice !== c.button) throw new UserCancelled();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    this.panel.dispose();
  }
}
