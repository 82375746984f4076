// The checklist panels of this window, one per rotation: opened for an engine, revealed when already open,
// restored by VS Code after a reload (the serializer hands back the panel). Closing a panel does not stop the step
// it started: the engine runs on, and its progress notification keeps Cancel.
import * as vscode from 'vscode';
import type { RotationEngine } from '../../rotation/engine.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { SecretClipboard } from '../platform/secretClipboard.ts';
import { CHECKLIST_VIEW_TYPE } from './checklistProtocol.ts';
import { RotationChecklistPanel, webviewOptions, type RotationBinding } from './rotationChecklistPanel.ts';

export class ChecklistPanels extends Disposable {
  private readonly panels = new Map<string, RotationChecklistPanel>();
  private readonly extensionUri: vscode.Uri;
  private readonly log: Log;
  private readonly clients: OktaClients;
  private readonly labelOf: (host: string) => string;
  private readonly clipboard: SecretClipboard;

  constructor(parts: {
    extensionUri: vscode.Uri;
    log: Log;
    clients: OktaClients;
    labelOf: (host: string) => string;
    clipboard: SecretClipboard;
  }) {
    super();
    this.clipboard = parts.clipboard;
    this.extensionUri = parts.extensionUri;
    this.log = parts.log;
    this.clients = parts.clients;
    this.labelOf = parts.labelOf;
  }

  has(rotationId: string): boolean {
    return this.panels.has(rotationId);
  }

  /** Brings the rotation's checklist to the front; false when none is open. */
  reveal(rotationId: string): boolean {
    const panel = this.panels.get(rotationId);
    panel?.reveal();
    return panel !== undefined;
  }

  close(rotationId: string): void {
    const panel = this.panels.get(rotationId);
    this.panels.delete(rotationId);
    panel?.dispose();
  }

  /** Opens (or reveals) the checklist of `engine`, in `restored` when VS Code hands back a panel after a reload. */
  open(engine: RotationEngine, org: OrgConfig, restored?: vscode.WebviewPanel): void {
    if (!restored && this.reveal(engine.rotationId)) return;
    const panel =
      restored ??
      vscode.window.createWebviewPanel(
        CHECKLIST_VIEW_TYPE,
        `Rotate: ${org.label}`,
        vscode.ViewColumn.Active,
        webviewOptions(this.extensionUri),
      );
    const binding: RotationBinding = {
      rotationId: engine.rotationId,
      orgLabel: org.label,
      labelOf: this.labelOf,
      snapshot: () => engine.snapshot(),
      onDidChange: (listener) => engine.onDidChange(() => listener()),
      perform: (action, signal) => engine.perform(action, signal),
      newSecretValue: () => engine.newSecretValue(),
      copySecret: (value) => this.clipboard.copy(value),
      withProgress: (title, work, alsoAbortedBy) =>
        withOktaProgress(this.clients, { title, orgs: [org], alsoAbortedBy }, work),
      onWait: (listener) => {
        const subscription = this.clients.onWait((orgKey, reason, ms) => {
          if (orgKey === org.key) listener(reason, ms);
        });
        return () => subscription.dispose();
      },
    };
    const view = new RotationChecklistPanel(panel, binding, this.extensionUri, this.log);
    this.panels.get(engine.rotationId)?.dispose();
    this.panels.set(engine.rotationId, view);
    this.register(
      view.onDidClose(() => {
        if (this.panels.get(engine.rotationId) === view) this.panels.delete(engine.rotationId);
      }),
    );
    this.register(view);
  }
}
