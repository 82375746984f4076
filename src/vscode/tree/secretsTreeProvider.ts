// The Orgs tree: org → Workflows OAuth app → secrets, a view of the window's org state (orgs/orgState.ts): each
// org refreshes on its own (its own spinner), and a failure stays in place under its org. What was last known of an
// org (its app, its secrets masked) shows at once with its age while it refreshes, and the refresh replaces it in
// place. Redraws are coalesced (fleet/tree/coalescedRedraw.ts): two hundred orgs loading make a redraw every
// REDRAW_EVERY_MS at most, not four hundred, and the end of the loads is drawn at once. What each org's credential
// may do is asked after that redraw, so its requests never delay it. No secret value ever goes into a TreeItem.
import * as vscode from 'vscode';
import type { SecretManagementAssessment } from '../../okta/client.ts';
import type { WorkflowsApp } from '../../okta/schemas.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { CredentialType } from '../../orgs/orgCredential.ts';
import type { KnownOrg } from '../../fleet/knownOrgs.ts';
import {
  formatAge,
  presentSecret,
  toSecretView,
  type SecretMarkers,
  type SecretView,
} from '../../fleet/tree/presentation.ts';
import { presentFailure } from '../../fleet/tree/failurePresentation.ts';
import type { WatchNote } from '../../presentation/watch.ts';
import { presentPracticeFailure } from '../../fleet/tree/practicePresentation.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { OrgState } from '../orgs/orgState.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type { Log } from '../platform/log.ts';
import { Disposable } from '../platform/disposable.ts';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import { CoalescedRedraw } from '../../fleet/tree/coalescedRedraw.ts';
import { AppNode, MessageNode, OrgNode, SecretNode, type TreeNode } from './nodes.ts';

export interface TreeDeps {
  settings: OrgSettings;
  credentials: OrgCredentialStore;
  clients: OktaClients;
  log: Log;
  /** The orgs' state: refreshed in this session, or as last known. */
  orgState: OrgState;
  /** An app's unfinished rotation and its markers ("in use", "new"), from the rotation journals. */
  markers: (orgKey: string, appId: string) => SecretMarkers;
  /** The app's rotation and the watch of its old secret, in a few words (watching, caught, done), if any. */
  watchNote: (orgKey: string, appId: string) => WatchNote | undefined;
}

/** At most one redraw this often while orgs load: each redraw fetches the whole tree again (VS Code does). */
const REDRAW_EVERY_MS = 100;

export class SecretsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** What each org's credential may do with the app's secrets, asked once per credential (secretManagement.ts). */
  private readonly capabilities = new Map<string, SecretManagementAssessment>();
  private readonly capabilityAsked = new Set<string>();
  /** Refreshed orgs whose credential is yet to be asked: asked once no refresh runs, so they never slow one down. */
  private readonly capabilityToAsk = new Set<string>();
  /** Each org's credential kind, null for none; read once per change of SecretStorage or the settings. */
  private readonly credentialKinds = new Map<string, CredentialType | null>();
  private readonly deps: TreeDeps;
  private started = false;
  private readonly redraws = new CoalescedRedraw(() => this.changed.fire(undefined), REDRAW_EVERY_MS);
  /** The capability checks wait for the redraw that shows the loads' end: their requests would delay it. */
  private askTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: TreeDeps) {
    super();
    this.deps = deps;
    this.register(
      deps.credentials.onDidChange((key) => {
        this.capabilities.delete(key);
        this.capabilityAsked.delete(key);
        this.capabilityToAsk.delete(key);
        this.credentialKinds.delete(key);
        this.redraw();
      }),
    );
    this.register(
      deps.settings.onDidChange(() => {
        this.capabilities.clear();
        this.capabilityAsked.clear();
        this.capabilityToAsk.clear();
        this.credentialKinds.clear();
        this.redraw();
      }),
    );
    this.register(
      deps.orgState.onDidChange((keys) => {
        for (const key of keys)
          if (deps.orgState.status(key).state === 'refreshed' && !this.capabilityAsked.has(key))
            this.capabilityToAsk.add(key);
        if (this.isDisposed) return;
        // The last load ended: drawn now, the capability checks after it.
        if (deps.orgState.busy) {
          this.redraw();
          return;
        }
        this.redraws.now();
        if (!this.askTimer)
          this.askTimer = setTimeout(() => {
            this.askTimer = undefined;
            if (!this.isDisposed && !deps.orgState.busy) this.askCapabilities();
          }, REDRAW_EVERY_MS);
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.orgNodes();
    if (node instanceof OrgNode) return this.orgChildren(node.org);
    if (node instanceof AppNode) return this.secretNodes(node.org, node.app);
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  /** Redraws (now, or coalesced with the other redraws asked for meanwhile), without reloading from Okta. */
  redraw(): void {
    if (!this.isDisposed) this.redraws.request();
  }

  override dispose(): void {
    this.redraws.dispose();
    if (this.askTimer) clearTimeout(this.askTimer);
    this.askTimer = undefined;
    super.dispose();
  }

  /** Whether the view has asked for its orgs (a reload for a changed network is pointless before). */
  get hasStarted(): boolean {
    return this.started;
  }

  private async orgNodes(): Promise<TreeNode[]> {
    const { orgs, problems } = this.deps.settings.read();
    this.started = true;
    for (const p of problems) this.deps.log.warn(p);
    const withTokens = await Promise.all(orgs.map(async (o) => ({ o, has: await this.tokenKnown(o.key) })));
    // No org with a token: an empty tree lets the "Set API Token" welcome content show.
    if (!withTokens.some((x) => x.has)) return [];
    const now = new Date();
    const items: TreeNode[] = withTokens.map(({ o, has }) => {
      const state = this.deps.orgState.status(o.key).state;
      return new OrgNode(o, has, state === 'refreshing', this.capabilities.get(o.key), this.rememberedAge(o.key, now));
    });
    for (const [i, p] of problems.entries())
      items.push(
        new MessageNode(`settings:${i}`, undefined, {
          label: 'A configured org cannot be used: see the log',
          tooltip: p,
          action: 'showLog',
        }),
      );
    const idle = withTokens
      .filter(({ o, has }) => has && this.deps.orgState.status(o.key).state === 'idle')
      .map(({ o }) => o);
    if (idle.length > 0) this.deps.log.background('Loading the orgs', this.deps.orgState.refresh(idle));
    return items;
  }

  /**
   * Asks once per credential what it may do with the app's secrets (reads only): the tree then offers no change
   * Okta would refuse. Not being able to ask leaves every action offered (Okta still has the last word).
   */
  private askCapabilities(): void {
    const orgs = [...this.capabilityToAsk].flatMap((key) => this.deps.settings.find(key) ?? []);
    this.capabilityToAsk.clear();
    if (orgs.length === 0) return;
    for (const org of orgs) this.capabilityAsked.add(org.key);
    this.deps.log.background(
      'Checking what the credentials may do',
      forEachBounded(
        orgs,
        this.deps.settings.maxConcurrentOrgs(),
        (org) => this.checkCapability(org),
        (org, e) => this.deps.log.error(`Checking ${org.key}'s credential`, e),
      ),
    );
  }

  private async checkCapability(org: OrgConfig): Promise<void> {
    // One operation of its own, with its own deadline: the refresh it follows has ended.
    const operation = this.deps.clients.operation();
    try {
      const client = await this.deps.clients.get(org);
      const capability = await client.checkSecretManagement(operation.signal);
      this.capabilities.set(org.key, capability);
      if (capability.verdict !== 'able') this.redraw();
    } catch (e) {
      this.capabilityAsked.delete(org.key);
      this.deps.log.warn(
        `Could not ask what the credential of ${org.key} may do: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      operation.dispose();
    }
  }

  private async orgChildren(org: OrgConfig): Promise<TreeNode[]> {
    if (!(await this.tokenKnown(org.key))) {
      return [
        new MessageNode(`noToken:${org.key}`, org, {
          label: 'No credentials: Set API Token',
          tooltip: `Set an API token for ${org.key}; it is checked against the org, then kept in VS Code's secret storage.`,
          action: 'setApiToken',
        }),
        new MessageNode(`noServiceApp:${org.key}`, org, {
          label: 'or Set OAuth Service App (least privilege)',
          tooltip: `Sign in to ${org.key} with an OAuth service app granted only okta.apps.read and okta.apps.manage; checked against the org, then kept in VS Code's secret storage.`,
          action: 'setServiceApp',
        }),
      ];
    }
    const status = this.deps.orgState.status(org.key);
    switch (status.state) {
      case 'refreshed':
        return [new AppNode(org, status.app, this.deps.watchNote(org.key, status.app.id))];
      case 'idle':
      case 'refreshing': {
        const known = this.deps.orgState.known.get(org.key);
        return known ? [new AppNode(org, known.app, this.deps.watchNote(org.key, known.app.id))] : [];
      }
      case 'failed':
        return [
          new MessageNode(
            `failed:${org.key}`,
            org,
            org.practice
              ? presentPracticeFailure(status.error)
              : presentFailure(status.error, (await this.credentialKind(org.key)) ?? 'apiToken'),
          ),
        ];
    }
  }

  /** "5 min ago" while the org shows what was last known of it (not refreshed in this session yet, or refreshing). */
  private rememberedAge(key: string, now: Date): string | undefined {
    const state = this.deps.orgState.status(key).state;
    if (state !== 'idle' && state !== 'refreshing') return undefined;
    const known = this.deps.orgState.known.get(key);
    if (!known) return undefined;
    const age = formatAge(known.listedAt, now);
    return age === 'just now' ? age : `${age} ago`;
  }

  /** The live secrets, or while the org refreshes the ones last known (no value: Verify waits for the refresh). */
  private secretViews(org: OrgConfig, app: WorkflowsApp): SecretView[] | undefined {
    const status = this.deps.orgState.status(org.key);
    if (status.state === 'refreshed') return status.app.id === app.id ? status.secrets.map(toSecretView) : undefined;
    const known: KnownOrg | undefined = status.state === 'failed' ? undefined : this.deps.orgState.known.get(org.key);
    if (known?.app.id !== app.id) return undefined;
    return known.secrets.map((s) => ({ ...s, hasValue: false }));
  }

  private secretNodes(org: OrgConfig, app: WorkflowsApp): TreeNode[] {
    const views = this.secretViews(org, app);
    if (!views) return [];
    const markers = this.deps.markers(org.key, app.id);
    const maxAge = this.deps.settings.number('maxSecretAgeDays', 90);
    const now = new Date();
    if (views.length === 0)
      return [
        new MessageNode(`empty:${org.key}`, org, {
          label: 'This app has no client secret',
          tooltip: 'Run Rotate Workflows Secret to create one.',
          action: 'showLog',
        }),
      ];
    const canManage = this.capabilities.get(org.key)?.verdict !== 'readOnly';
    return views.map((v) => new SecretNode(org, app, v, presentSecret(v, views, markers, maxAge, now, canManage)));
  }

  private async tokenKnown(key: string): Promise<boolean> {
    return (await this.credentialKind(key)) !== undefined;
  }

  private async credentialKind(key: string): Promise<CredentialType | undefined> {
    let kind = this.credentialKinds.get(key);
    if (kind === undefined) {
      kind = (await this.deps.credentials.get(key))?.type ?? null;
      this.credentialKinds.set(key, kind);
    }
    return kind ?? undefined;
  }
}
