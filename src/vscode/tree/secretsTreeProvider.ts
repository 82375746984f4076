// The Orgs tree: org → Workflows OAuth app → secrets. Each org loads on its own (bounded concurrency, its own
// spinner), and a failure stays in place under its org. The secrets' plaintext values (Okta lists them) stay
// in memory here, only for Verify Secret; they never go into a TreeItem, a log line or a message.
import * as vscode from 'vscode';
import type { ClientSecret, WorkflowsApp } from '../../okta/schemas.ts';
import { OktaError } from '../../okta/errors.ts';
import type { OrgConfig } from '../orgs/orgConfig.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type { Log } from '../platform/log.ts';
import { Disposable } from '../platform/disposable.ts';
import type { CredentialType } from '../storage/orgCredential.ts';
import { forEachBounded } from '../../fleet/boundedConcurrency.ts';
import { presentSecret, toSecretView, type SecretMarkers } from './presentation.ts';
import { presentFailure } from './failurePresentation.ts';
import { presentPracticeFailure } from '../practice/practicePresentation.ts';
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
}

export class SecretsTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loads = new Map<string, OrgLoad>();
  /** Each org's credential kind, null for none; read once per change of SecretStorage or the settings. */
  private readonly credentialKinds = new Map<string, CredentialType | null>();
  private readonly deps: TreeDeps;
  private started = false;

  constructor(deps: TreeDeps) {
    super();
    this.deps = deps;
    this.register(
      deps.credentials.onDidChange((key) => {
        this.loads.delete(key);
        this.credentialKinds.delete(key);
        this.changed.fire(undefined);
      }),
    );
    this.register(
      deps.settings.onDidChange(() => {
        this.loads.clear();
        this.credentialKinds.clear();
        this.changed.fire(undefined);
      }),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const { orgs, problems } = this.deps.settings.read();
    if (!node) {
      this.started = true;
      for (const p of problems) this.deps.log.warn(p);
      const withTokens = await Promise.all(orgs.map(async (o) => ({ o, has: await this.tokenKnown(o.key) })));
      // No org with a token: an empty tree lets the "Set API Token" welcome content show.
      if (!withTokens.some((x) => x.has)) return [];
      const items: TreeNode[] = withTokens.map(
        ({ o, has }) => new OrgNode(o, has, this.loads.get(o.key)?.state === 'loading'),
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
    const limit = this.deps.settings.number('maxConcurrentOrgs', 16);
    for (const o of targets) this.abortLoad(o.key);
    await forEachBounded(
      targets,
      limit,
      (o) => this.loadOne(o, signal),
      (o, e) => this.deps.log.error(`Loading ${o.key}`, e),
      signal,
    );
  }

  /** Redraws after markers changed (a rotation moved on), without reloading from Okta. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  get hasStarted(): boolean {
    return this.started;
  }

  private async loadOne(org: OrgConfig, signal?: AbortSignal): Promise<void> {
    this.abortLoad(org.key);
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    this.loads.set(org.key, { state: 'loading', abort });
    this.changed.fire(undefined);
    try {
      const client = await this.deps.clients.get(org);
      const app = await client.findWorkflowsApp(org.appId ? { appId: org.appId } : {}, abort.signal);
      const secrets = await client.listSecrets(app.id, abort.signal);
      if (this.loads.get(org.key)?.state === 'loading') this.loads.set(org.key, { state: 'loaded', app, secrets });
    } catch (error) {
      this.deps.log.error(`Loading ${org.key}`, error);
      if (this.loads.get(org.key)?.state === 'loading') this.loads.set(org.key, { state: 'failed', error });
    } finally {
      signal?.removeEventListener('abort', onOuterAbort);
      if (!this.isDisposed) this.changed.fire(undefined);
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
      default:
        return [];
    }
  }

  private secretNodes(org: OrgConfig, app: WorkflowsApp): TreeNode[] {
    const load = this.loads.get(org.key);
    if (load?.state !== 'loaded') return [];
    const views = load.secrets.map(toSecretView);
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
    return views.map((v) => new SecretNode(org, app, v, presentSecret(v, views, markers, maxAge, now)));
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
