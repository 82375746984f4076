// The one way orgs are refreshed from Okta: the tree's loads, Refresh, a rotation that changed Okta, the campaign's
// selection, a palette pick and the reminders' periodic check all come here. Each org's refresh is one operation
// (finding the app when it is not remembered, listing its secrets: one deadline, one budget; orgRefresh.ts), at
// most `concurrency()` orgs at once, cancelled by the caller's signal. What it lists goes into the one cache of
// what is known of each org (knownOrgs.ts, masked), and the listeners hear which orgs changed, gathered: two
// hundred orgs refreshing make a few events, not four hundred.
//
// A refresh of an org replaces the one still running for it: the older is aborted and its outcome dropped, so a
// cancelled refresh never overwrites the state of the one that replaced it (a proxy setting changed, then Refresh).
import { OktaError } from '../okta/errors.ts';
import type { ClientSecret, WorkflowsApp } from '../okta/schemas.ts';
import { forEachBounded } from './boundedConcurrency.ts';
import { knownOrgOf, type KnownOrg } from './knownOrgs.ts';
import { refreshOrg, type RefreshClient } from './orgRefresh.ts';

/** An org's state in this session. The listed values stay in memory only (Verify Secret); the cache is masked. */
export type OrgStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'refreshing' }
  | { readonly state: 'refreshed'; readonly app: WorkflowsApp; readonly secrets: readonly ClientSecret[] }
  | { readonly state: 'failed'; readonly error: unknown };

export interface RefreshedOrg {
  readonly key: string;
  /** The app id its setting names, which wins over a remembered one. */
  readonly appId?: string | undefined;
}

/** The cache the refresher keeps current: what is known of each org between sessions (VS Code: globalState). */
interface KnownOrgCache {
  app(key: string, settingAppId?: string): WorkflowsApp | undefined;
  set(key: string, org: KnownOrg): void;
}

export interface OrgStateRefresherDeps<O extends RefreshedOrg> {
  /** The org's client; rejects (an OktaError) when the org has no credential. */
  client(org: O): Promise<RefreshClient>;
  /** One operation per org, cancelled by `signal`: its signal carries the operation's deadline and budget. */
  operation(signal: AbortSignal): { readonly signal: AbortSignal; dispose(): void };
  known: KnownOrgCache;
  /** How many orgs refresh at once (read at each refresh: the setting may change). */
  concurrency(): number;
  /** A refresh failed; its error is also the org's state. Not called for a refresh another one replaced. */
  onFailure(org: O, error: unknown): void;
  /** Watches a refresh nobody waits on with a signal (the tree's own), to say so when it waits long. */
  watch?(org: O, cancel: () => void, done: Promise<unknown>): { dispose(): void };
  /** How long changes are gathered into one event. Default: a frame. */
  gatherMs?: number;
  now?: () => Date;
}

const IDLE: OrgStatus = { state: 'idle' };
const GATHER_MS = 16;

export class OrgStateRefresher<O extends RefreshedOrg> {
  readonly #deps: OrgStateRefresherDeps<O>;
  readonly #statuses = new Map<string, OrgStatus>();
  /** The refresh that owns each org's state now; an outcome counts only while its refresh is still this one. */
  readonly #current = new Map<string, AbortController>();
  readonly #listeners = new Set<(keys: ReadonlySet<string>) => void>();
  #changed = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(deps: OrgStateRefresherDeps<O>) {
    this.#deps = deps;
  }

  status(key: string): OrgStatus {
    return this.#statuses.get(key) ?? IDLE;
  }

  /** Whether any org is refreshing now. */
  get busy(): boolean {
    return this.#current.size > 0;
  }

  /** Called with the keys of the orgs whose state changed, gathered; returns the way to stop listening. */
  onDidChange(listener: (keys: ReadonlySet<string>) => void): { dispose(): void } {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /**
   * Refreshes `orgs`: each shows as refreshing at once, then at most `concurrency()` run together. Settles when
   * every one has; a failure is the org's state (and onFailure's), never a rejection. Orgs the caller's signal
   * left unstarted end cancelled.
   */
  async refresh(orgs: readonly O[], signal?: AbortSignal): Promise<void> {
    if (this.#disposed) return;
    const unique = [...new Map(orgs.map((o) => [o.key, o])).values()];
    const mine = new Map(unique.map((o) => [o.key, this.#begin(o.key)]));
    await forEachBounded(
      unique,
      this.#deps.concurrency(),
      (o) => this.#run(o, mine.get(o.key)!, signal),
      (o, e) => this.#deps.onFailure(o, e),
      signal,
    );
    for (const o of unique) {
      const ticket = mine.get(o.key)!;
      if (this.#current.get(o.key) === ticket && this.status(o.key).state === 'refreshing')
        this.#settle(o.key, ticket, { state: 'failed', error: cancelled(o.key) });
    }
  }

  /** The org's app and secrets as refreshed in this session, refreshing it first when needed. */
  async refreshed(org: O, signal?: AbortSignal): Promise<{ app: WorkflowsApp; secrets: readonly ClientSecret[] }> {
    let status = this.status(org.key);
    if (status.state !== 'refreshed') {
      await this.refresh([org], signal);
      status = this.status(org.key);
    }
    if (status.state === 'refreshed') return { app: status.app, secrets: status.secrets };
    throw status.state === 'failed' ? status.error : cancelled(org.key);
  }

  /** Back to "not refreshed in this session" (its credential changed; `undefined`: every org), refreshes aborted. */
  forget(key?: string): void {
    const keys = key === undefined ? [...new Set([...this.#statuses.keys(), ...this.#current.keys()])] : [key];
    for (const k of keys) {
      this.#current.get(k)?.abort();
      this.#current.delete(k);
      if (this.#statuses.delete(k)) this.#markChanged(k);
    }
  }

  dispose(): void {
    this.#disposed = true;
    for (const c of this.#current.values()) c.abort();
    this.#current.clear();
    this.#listeners.clear();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The org's new refresh: it replaces (aborts) the one running, and the org shows as refreshing. */
  #begin(key: string): AbortController {
    this.#current.get(key)?.abort();
    const ticket = new AbortController();
    this.#current.set(key, ticket);
    this.#statuses.set(key, { state: 'refreshing' });
    this.#markChanged(key);
    return ticket;
  }

  async #run(org: O, ticket: AbortController, signal: AbortSignal | undefined): Promise<void> {
    if (this.#current.get(org.key) !== ticket) return; // replaced before its turn came
    // The caller's reason goes along: its deadline stays a deadline here, its cancel a cancel.
    const onOuterAbort = () => ticket.abort(signal?.reason);
    if (signal?.aborted) onOuterAbort();
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    const operation = this.#deps.operation(ticket.signal);
    const work = (async () => {
      const client = await this.#deps.client(org);
      return refreshOrg(client, org, this.#deps.known.app(org.key, org.appId), operation.signal);
    })();
    const watching = signal ? undefined : this.#deps.watch?.(org, () => ticket.abort(), work);
    try {
      const { app, secrets } = await work;
      if (this.#current.get(org.key) !== ticket) return;
      this.#deps.known.set(org.key, knownOrgOf(app, secrets, this.#deps.now?.() ?? new Date()));
      this.#settle(org.key, ticket, { state: 'refreshed', app, secrets });
    } catch (error) {
      if (this.#current.get(org.key) !== ticket) return;
      this.#settle(org.key, ticket, { state: 'failed', error });
      this.#deps.onFailure(org, error);
    } finally {
      watching?.dispose();
      operation.dispose();
      signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  #settle(key: string, ticket: AbortController, status: OrgStatus): void {
    if (this.#current.get(key) === ticket) this.#current.delete(key);
    this.#statuses.set(key, status);
    this.#markChanged(key);
  }

  #markChanged(key: string): void {
    if (this.#disposed) return;
    this.#changed.add(key);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      const keys = this.#changed;
      this.#changed = new Set();
      for (const l of [...this.#listeners]) l(keys);
    }, this.#deps.gatherMs ?? GATHER_MS);
  }
}

function cancelled(org: string): OktaError {
  return new OktaError({ kind: 'cancelled', operation: `Refreshing ${org}`, org });
}
