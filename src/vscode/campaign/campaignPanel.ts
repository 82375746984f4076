// The campaign view: one webview panel rendering the campaign's rows and history, and turning the page's requests
// into campaign actions. Every bulk action is confirmed once here (bulkConfirmation.ts) and runs under one
// cancellable progress notification; a row's action is checked against what that row offers. Copy New Secret
// runs in the host: no secret ever reaches the page.
import * as vscode from 'vscode';
import type { Campaign } from '../../fleet/campaign/campaign.ts';
import type { RotationRowAction } from '../../fleet/campaign/rowAction.ts';
import { PHASE_WORDS } from '../../presentation/campaign/phases.ts';
import type { CampaignRow } from '../../presentation/campaign/rowShape.ts';
import { bulkSummary, campaignView, type CampaignView } from '../../presentation/campaign/view.ts';
import { riskyConfirmation } from '../../presentation/confirmations.ts';
import type { Phase } from '../../rotation/model/phases.ts';
import { redact } from '../../redact.ts';
import { isCancellation, UserCancelled } from '../platform/cancellation.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { newNonce, webviewHtml } from '../platform/webviewHtml.ts';
import { confirmBulk } from './bulkConfirmation.ts';
import { keyboardBackTo } from '../platform/keyboardBack.ts';
import {
  parseCampaignMessage,
  type CampaignRequest,
  type HostMessage,
  type RowActionRequest,
} from './campaignProtocol.ts';

/** What the panel needs beyond the campaign: the host's side of a row's actions. */
export interface CampaignBinding {
  campaign: Campaign;
  openChecklist(orgKey: string, rotationId: string): Promise<void>;
  setCredential(orgKey: string): Promise<void>;
  newSecretValue(rotationId: string): Promise<string | undefined>;
  /** Copies a secret to the clipboard for a minute. */
  copySecret(value: string): Promise<void>;
  /** Runs `work` under one cancellable progress notification covering `orgKeys`. */
  withProgress<T>(title: string, orgKeys: readonly string[], work: (signal: AbortSignal) => Promise<T>): Thenable<T>;
  /** The campaign was ended from the page. */
  ended(): void;
}

export class CampaignPanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly binding: CampaignBinding;
  private readonly log: Log;
  private ready = false;
  private running: string | undefined;
  private pushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed.event;

  constructor(panel: vscode.WebviewPanel, binding: CampaignBinding, extensionUri: vscode.Uri, log: Log) {
    super();
    this.panel = panel;
    this.binding = binding;
    this.log = log;
    const media = (...p: string[]) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...p)).toString();
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'campaign.js'));
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'media'),
        vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      ],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    panel.title = 'Rotate Due Secrets';
    panel.webview.html = webviewHtml(
      {
        cspSource: panel.webview.cspSource,
        script: script.toString(),
        style: media('campaign.css'),
        codicons: media('codicons', 'codicon.css'),
      },
      newNonce(),
      { title: panel.title, label: 'Campaign' },
    );
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.register(this.closed);
    this.register(
      panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
    );
    this.register({ dispose: binding.campaign.onDidChange(() => this.pushSoon()) });
  }

  reveal(): void {
    this.panel.reveal();
  }

  private view(): CampaignView {
    const c = this.binding.campaign;
    const j = c.journal();
    return campaignView({
      campaignId: j.campaignId,
      soakHours: j.soakHours,
      rows: c.rows(),
      history: c.history(),
      ...(this.running ? { running: this.running } : {}),
      finished: c.finished,
    });
  }

  /** Gathers a burst of changes (fifty orgs moving at once) into one message to the page. */
  private pushSoon(): void {
    if (this.pushTimer || this.isDisposed) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.post({ type: 'state', view: this.view() });
    }, 50);
  }

  private post(message: HostMessage): void {
    if (this.isDisposed || !this.ready) return;
    this.log.background('Campaign: posting to the page', this.panel.webview.postMessage(message));
  }

  private async receive(data: unknown): Promise<void> {
    const parsed = parseCampaignMessage(data);
    if (!parsed.ok) {
      this.log.warn(`Campaign: ignored a message from the page (${parsed.reason})`);
      return;
    }
    const m = parsed.message;
    if (m.type === 'ready') {
      this.ready = true;
      this.post({ type: 'state', view: this.view() });
      return;
    }
    try {
      const message = await this.handle(m.request);
      this.post({ type: 'reply', seq: m.seq, ok: true, ...(message ? { message } : {}) });
    } catch (e) {
      const text = isCancellation(e) ? 'Cancelled.' : redact(e instanceof Error ? e.message : String(e));
      this.post({ type: 'reply', seq: m.seq, ok: false, message: text });
      if (isCancellation(e)) return;
      this.log.error(`Campaign: ${m.request.kind}`, e);
      const choice = await vscode.window.showErrorMessage(text, 'Show Log');
      if (choice === 'Show Log') this.log.show();
    } finally {
      this.pushSoon();
    }
  }

  private async handle(req: CampaignRequest): Promise<string | undefined> {
    const campaign = this.binding.campaign;
    switch (req.kind) {
      case 'bulk':
        return this.bulk(req.phase, req.orgs);
      case 'row':
        return this.row(req.org, req.action);
      case 'end': {
        const end = 'End Campaign';
        const choice = await vscode.window.showWarningMessage(
          'End this campaign?',
          { modal: true, detail: 'Rotations in progress stay as they are: resume each from its checklist.' },
          end,
        );
        if (choice !== end) throw new UserCancelled();
        await campaign.end();
        this.binding.ended();
        this.dispose();
        return undefined;
      }
    }
  }

  private async bulk(phase: Phase, orgs: readonly string[]): Promise<string> {
    if (this.running) throw new Error(`${this.running} is running; wait for it to end.`);
    const campaign = this.binding.campaign;
    const plan = await campaign.plan(phase, orgs);
    await keyboardBackTo(this.panel, () => confirmBulk(plan));
    const keys = plan.entries.map((e) => e.key);
    this.running = plan.title;
    this.pushSoon();
    try {
      const report = await this.binding.withProgress(`${plan.title} (${keys.length} orgs)…`, keys, (signal) =>
        campaign.run(phase, keys, signal),
      );
      for (const { key, end } of report.ends)
        this.log.info(
          `Campaign: ${plan.title}: ${key} ${end.ok ? `went through${end.at ? `, now at ${end.at}` : ''}` : `stopped (${end.error.kind})`}`,
        );
      const through = new Set(report.ends.filter((e) => e.end.ok).map((e) => e.key));
      const ran = new Set(report.ends.map((e) => e.key));
      return bulkSummary(
        plan.title,
        campaign.rows().filter((r) => ran.has(r.key)),
        through,
      );
    } finally {
      this.running = undefined;
    }
  }

  private async row(orgKey: string, action: RowActionRequest): Promise<string | undefined> {
    const row = this.binding.campaign.rows().find((r) => r.key === orgKey);
    if (!row || !offers(row, action))
      throw new Error(`${row?.label ?? orgKey}: that action is not possible now (the view may be out of date).`);
    switch (action.kind) {
      case 'run':
        return this.bulk(action.phase, [orgKey]);
      case 'copyNewSecret': {
        const value = row.rotationId ? await this.binding.newSecretValue(row.rotationId) : undefined;
        if (value === undefined) throw new Error(`${row.label}: the new secret's value is no longer stored.`);
        await this.binding.copySecret(value);
        return `Copied the new secret of ${row.label} (${row.manual?.newSecretMasked ?? ''}) to the clipboard for a minute: paste it in the Workflows console now.`;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(
          (action.field === 'domain' ? row.manual?.domain : row.manual?.clientId) ?? '',
        );
        return `Copied the ${action.field === 'domain' ? 'domain' : 'client id'} of ${row.label}.`;
      case 'setCredential':
        await this.binding.setCredential(orgKey);
        return undefined;
      case 'openChecklist':
        if (row.rotationId) await this.binding.openChecklist(orgKey, row.rotationId);
        return undefined;
      case 'acknowledge':
        await this.confirmAcknowledgement(row, action.guard);
        return this.act(row, action);
      default:
        return this.act(row, action);
    }
  }

  /** The same modal the checklist shows for the same acknowledgement. */
  private async confirmAcknowledgement(
    row: CampaignRow,
    guard: 'productionWithoutPreview' | 'previewSoak',
  ): Promise<void> {
    const snap = this.binding.campaign.snapshot(row.key);
    const labelOf = (key: string): string => this.binding.campaign.rows().find((r) => r.key === key)?.label ?? key;
    const c = snap
      ? riskyConfirmation({ type: 'acknowledge', guard }, snap, row.label, new Date(), labelOf)
      : undefined;
    if (!c) throw new Error(`${row.label}: that action is not possible now (the view may be out of date).`);
    const choice = await keyboardBackTo(this.panel, () =>
      vscode.window.showWarningMessage(c.title, { modal: true, detail: c.detail }, c.button),
    );
    if (choice !== c.button) throw new UserCancelled();
  }

  private async act(row: CampaignRow, action: RotationRowAction): Promise<string> {
    const outcome = await this.binding.withProgress(`${row.label}: ${describe(action)}…`, [row.key], (signal) =>
      this.binding.campaign.act(row.key, action, signal),
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    return `${row.label}: ${describe(action)}: done.`;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    super.dispose();
    this.panel.dispose();
  }
}

/** Is the request one the row offers (the page may be behind)? */
function offers(row: CampaignRow, a: RowActionRequest): boolean {
  return row.actions.some((o) => {
    if (o.kind !== a.kind) return false;
    if (o.kind === 'run' && a.kind === 'run') return o.phase === a.phase;
    if (o.kind === 'connection' && a.kind === 'connection') return o.mode === a.mode;
    if (o.kind === 'confirm' && a.kind === 'confirm') return o.step === a.step;
    if (o.kind === 'acknowledge' && a.kind === 'acknowledge') return o.guard === a.guard;
    if (o.kind === 'copy' && a.kind === 'copy') return o.field === a.field;
    return true;
  });
}

function describe(action: RotationRowAction): string {
  switch (action.kind) {
    case 'run':
      return PHASE_WORDS[action.phase].row;
    case 'connection':
      return action.mode === 'reauthorize' ? 'connection re-authorized' : 'new connection created';
    case 'confirm':
      return action.step === 'moveFlows' ? 'every flow moved' : 'old connection deleted';
    case 'acknowledge':
      return 'acknowledged';
  }
}
