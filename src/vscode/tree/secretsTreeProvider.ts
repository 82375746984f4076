// The Orgs tree: org → Workflows OAuth app → secrets. Each org loads on its own (bounded concurrency, its own
// spinner), and a failure stays in place under its org. What was last known of an org (its app, its secrets
// masked: storage/knownOrgStore.ts) shows at once with its age while the org loads, and the load replaces it in
// place; a load is one call once the app is remembered (fleet/orgRefresh.ts). Redraws are gathered, so two hundred
// orgs loading make a few redraws, not four hundred. The secrets' plaintext values (Okta lists them) stay in
// memory here, only for Verify Secret; they never go into a TreeItem, a log line, a message or globalState.
import * as vscode from 'vscode';
import type { OktaClient, SecretManagementAssessment } from '../../okta/client.ts';
import type { ClientSecret, WorkflowsApp } from '../../okta/schemas.ts';
import { OktaError } from '../../okta/errors.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type { Log } from '../platform/log.ts';
import { Disposable } from '../platform/disposable.ts';
import type { CredentialType } from '../../orgs/orgCredential.ts';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import { knownOrgOf, type KnownOrg } from '../../fleet/knownOrgs.ts';
import { refreshOrg } from '../../fleet/orgRefresh.ts';
import type { KnownOrgStore } from '../storage/knownOrgStore.ts';
import { announceLongWaits } from '../platform/oktaProgress.ts';
import {
  formatAge,
  presentSecret,
  toSecretView,
  type SecretMarkers,
  type SecretView,
} from '../../fleet/tree/presentation.ts';
import { presentFailure } from '../../fleet/tree/failurePresentation.ts';
import { presentPracticeFailure } from '../../fleet/tree/practicePresentation.ts';
import { AppNode, MessageNode, OrgNode, SecretNode, type TreeNode } from './nodes.ts';

type OrgLoad =
  | { state: 'idle' }
  | { state: 'loading'; abort: AbortController }
  | { state: 'loaded'; app: WorkflowsApp; secrets: ClientSecret[] }
  | { state: 'failed'; error: unknown };

export interface TreeDeps {
  settings: OrgSettings;
  credentials: OrgCredentialStore;
  clients: OktaClients;
  log: Log;
  /** Markers from rotation journals ("in use", "new") for an app. */
  markers: (orgKey: string, appId: string) => SecretMarkers;
  /** What was last known of each org, shown while it loads; each load updates it. */
  known: KnownOrgStore;
  /** Told of each org's app and secrets as loaded (the due-date reminders keep ids and dates, never values). */
  onLoaded?: (org: OrgConfig, app: WorkflowsApp, secrets: readonly ClientSecret[]) => void;
}

/** How long redraws are gathered: short enough to look immediate, long enough to merge a burst of loads. */
const REDRAW_DELAY_MS = 50;

export class SecretsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loads = new Map<string, OrgLoad>();
  /** What each org's credential may do with the app's secrets, asked once per credential (secretManagement.ts). */
  private readonly capabilities = new Map<string, SecretManagementAssessment>();
  /** Each org's credential kind, null for none; read once per change of SecretStorage or the settings. */
  private readonly credentialKinds = new Map<string, CredentialType | null>();
  private readonly deps: TreeDeps;
  private started = false;
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: TreeDeps) {
    super();
    this.deps = deps;
    this.register(
      deps.credentials.onDidChange((key) => {
        this.loads.delete(key);
        this.capabilities.delete(key);
        this.credentialKinds.delete(key);
        this.redraw();
      }),
    );
    this.register(
      deps.settings.onDidChange(() => {
        this.loads.clear();
        this.capabilities.clear();
        this.credentialKinds.clear();
        deps.known.keepOnly(new Set(deps.settings.read().orgs.map((o) => o.key)));
        this.redraw();
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const { orgs, problems } = this.deps.settings.read();
      this.started = true;
      for (const p of problems) this.deps.log.warn(p);
      const withTokens = await Promise.all(orgs.map(async (o) => ({ o, has: await this.tokenKnown(o.key) })));
      // No org with a token: an empty tree lets the "Set API Token" welcome content show.
      if (!withTokens.some((x) => x.has)) return [];
      const items: TreeNode[] = withTokens.map(
        ({ o, has }) =>
          new OrgNode(
            o,
            has,
            this.loads.get(o.key)?.state === 'loading',
            this.capabilities.get(o.key),
            this.rememberedAge(o.key),
          ),
      );
      for (const [i, p] of problems.entries())
        items.push(
          new MessageNode(`settings:${i}`, undefined, {
            label: 'A configured org cannot be used: see the log',
            tooltip: p,
            action: 'showLog',
          }),
        );
      const idle = withTokens
        .filter(({ o, has }) => has && (this.loads.get(o.key)?.state ?? 'idle') === 'idle')
        .map(({ o }) => o);
      if (idle.length > 0) this.deps.log.background('Loading the orgs', this.load(idle));
      return items;
    }
    if (node instanceof OrgNode) return this.orgChildren(node.org);
    if (node instanceof AppNode) return this.secretNodes(node.org, node.app);
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  /** The plaintext of a listed secret, for Verify Secret only. */
  secretValue(orgKey: string, secretId: string): string | undefined {
    const load = this.loads.get(orgKey);
    return load?.state === 'loaded' ? load.secrets.find((s) => s.id === secretId)?.client_secret : undefined;
  }

  /** The loaded app and secrets of an org, loading them first if needed (palette pickers use this). */
  async loaded(org: OrgConfig, signal?: AbortSignal): Promise<{ app: WorkflowsApp; secrets: ClientSecret[] }> {
    let load = this.loads.get(org.key);
    if (load?.state !== 'loaded') {
      await this.loadOne(org, signal);
      load = this.loads.get(org.key);
    }
    if (load?.state === 'loaded') return { app: load.app, secrets: load.secrets };
    throw load?.state === 'failed'
      ? load.error
      : new OktaError({ kind: 'cancelled', operation: `Loading ${org.key}`, org: org.key });
  }

  /** Reloads the given orgs (all when omitted), at most maxConcurrentOrgs at once; cancelled by `signal`. */
  async load(orgs?: readonly OrgConfig[], signal?: AbortSignal): Promise<void> {
    const targets = orgs ?? this.deps.settings.read().orgs;
    const limit = this.deps.settings.number('maxConcurrentOrgs', 100);
    for (const o of targets) this.abortLoad(o.key);
    await forEachBounded(
      targets,
      limit,
      (o) => this.loadOne(o, signal),
      (o, e) => this.deps.log.error(`Loading ${o.key}`, e),
      signal,
    );
  }

  /** Redraws (gathered with other redraws asked for meanwhile), without reloading from Okta. */
  redraw(): void {
    if (this.redrawTimer || this.isDisposed) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      if (!this.isDisposed) this.changed.fire(undefined);
    }, REDRAW_DELAY_MS);
  }

  override dispose(): void {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.redrawTimer = undefined;
    super.dispose();
  }

  get hasStarted(): boolean {
    return this.started;
  }

  /**
   * Loads one org as one operation (finding the app, listing its secrets: one deadline for both). Without a
   * caller's signal (the tree's own loads), a long wait opens a cancellable notification saying what it waits for.
   */
  private async loadOne(org: OrgConfig, signal?: AbortSignal): Promise<void> {
    this.abortLoad(org.key);
    const abort = new AbortController();
    // The caller's reason goes along: its deadline stays a deadline here, its cancel a cancel.
    const onOuterAbort = () => abort.abort(signal?.reason);
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    this.loads.set(org.key, { state: 'loading', abort });
    this.redraw();
    const operation = this.deps.clients.operation(abort.signal);
    const work = this.fetchOrg(org, operation.signal);
    const waits = signal
      ? undefined
      : announceLongWaits(this.deps.clients, org, `Loading ${org.label}`, () => abort.abort(), work);
    try {
      const { client, app, secrets } = await work;
      if (this.loads.get(org.key)?.state === 'loading') {
        this.loads.set(org.key, { state: 'loaded', app, secrets });
        this.deps.known.set(org.key, knownOrgOf(app, secrets, new Date()));
      }
      this.deps.onLoaded?.(org, app, secrets);
      if (!this.capabilities.has(org.key))
        this.deps.log.background(`Checking ${org.key}'s credential`, this.checkCapability(org, client));
    } catch (error) {
      this.deps.log.error(`Loading ${org.key}`, error);
      if (this.loads.get(org.key)?.state === 'loading') this.loads.set(org.key, { state: 'failed', error });
    } finally {
      waits?.dispose();
      operation.dispose();
      signal?.removeEventListener('abort', onOuterAbort);
      this.redraw();
    }
  }

  private async fetchOrg(
    org: OrgConfig,
    signal: AbortSignal,
  ): Promise<{ client: OktaClient; app: WorkflowsApp; secrets: ClientSecret[] }> {
    // One call once the org's app is remembered (found again if Okta no longer knows it).
    const client = await this.deps.clients.get(org);
    return { client, ...(await refreshOrg(client, org, this.deps.known.app(org.key, org.appId), signal)) };
  }

  /**
   * Asks once per credential what it may do with the app's secrets (reads only): the tree then offers no change
   * Okta would refuse. Not being able to ask leaves every action offered (Okta still has the last word).
   */
  private async checkCapability(org: OrgConfig, client: OktaClient): Promise<void> {
    // One operation of its own, with its own deadline: the load it follows has ended.
    const operation = this.deps.clients.operation();
    try {
      const capability = await client.checkSecretManagement(operation.signal);
      this.capabilities.set(org.key, capability);
      if (capability.verdict !== 'able' && !this.isDisposed) this.redraw();
    } catch (e) {
      this.deps.log.warn(
        `Could not ask what the credential of ${org.key} may do: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      operation.dispose();
    }
  }

  private abortLoad(key: string): void {
    const load = this.loads.get(key);
    if (load?.state === 'loading') load.abort.abort();
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
    const load = this.loads.get(org.key) ?? { state: 'idle' };
    switch (load.state) {
      case 'loaded':
        return [new AppNode(org, load.app)];
      case 'idle':
      case 'loading': {
        const known = this.deps.known.get(org.key);
        return known ? [new AppNode(org, known.app)] : [];
      }
      case 'failed':
        return [
          new MessageNode(
            `failed:${org.key}`,
            org,
            org.practice
              ? presentPracticeFailure(load.error)
              : presentFailure(load.error, (await this.credentialKind(org.key)) ?? 'apiToken'),
          ),
        ];
    }
  }

  /** "5 min ago" while the org shows what was last known of it (not loaded in this session yet, or loading). */
  private rememberedAge(key: string): string | undefined {
    const state = this.loads.get(key)?.state ?? 'idle';
    const known = this.deps.known.get(key);
    if (!known || (state !== 'idle' && state !== 'loading')) return undefined;
    const age = formatAge(known.listedAt, new Date());
    return age === 'just now' ? age : `${age} ago`;
  }

  /** The live secrets, or while the org loads the ones last known (no value: Verify waits for the load). */
  private secretViews(org: OrgConfig, app: WorkflowsApp): SecretView[] | undefined {
    const load = this.loads.get(org.key);
    if (load?.state === 'loaded') return load.app.id === app.id ? load.secrets.map(toSecretView) : undefined;
    const known: KnownOrg | undefined = load?.state === 'failed' ? undefined : this.deps.known.get(org.key);
    if (known?.app.id !== app.id) return undefined;
    return known.secrets.map((s) => ({
      id: s.id,
      status: s.status,
      created: s.created,
      hasValue: false,
      masked: s.masked,
    }));
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
