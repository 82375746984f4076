// One OktaClient per org, created on first use with the org's credential (API token or OAuth service app) and
// disposed when the credential or the settings change. Creating a client makes no request: the network starts
// with the first call. The Okta client itself is loaded with the first one (newOktaClient.ts, its own file). Rate-limit waits of every client are announced through onWait (progress notifications).
// Each command and each tree load of an org is one operation with one deadline (operation() makes its budget).
import type * as vscode from 'vscode';
import type { OktaClient } from '../../okta/client.ts';
import { OktaError } from '../../okta/errors.ts';
import { OperationBudget } from '../../okta/http/operationBudget.ts';
import type { WaitReason } from '../../okta/http/listeners.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import { secretValuesOf, serializeCredential, type OrgCredential } from '../../orgs/orgCredential.ts';
import type { Log } from '../platform/log.ts';
import type { ClientSettings } from './newOktaClient.ts';

/** The setting a person raises when operations need more time, named in the error at the deadline. */
const OPERATION_TIMEOUT_SETTING = 'oktaWorkflows.operationTimeoutSeconds';

/** What the clients need of the credential store: the org's credential, and word when one changes. */
export type CredentialSource = Pick<OrgCredentialStore, 'get' | 'onDidChange'>;

export type WaitListener = (orgKey: string, reason: WaitReason, ms: number) => void;

export class OktaClients implements vscode.Disposable {
  private readonly clients = new Map<string, { client: Promise<OktaClient>; fingerprint: string }>();
  private readonly credentials: CredentialSource;
  private readonly log: Log;
  private readonly settings: () => ClientSettings;
  private readonly waitListeners = new Set<WaitListener>();

  private readonly credentialChanges: vscode.Disposable;

  constructor(credentials: CredentialSource, log: Log, settings: () => ClientSettings) {
    this.credentials = credentials;
    this.log = log;
    this.settings = settings;
    // A credential set, replaced or removed (in any window) drops the org's client: the next call builds one.
    this.credentialChanges = credentials.onDidChange((orgKey) => this.forget(orgKey));
  }

  /** The org's client; an OktaError 'invalidToken' (advising how to sign in) when the org has no credential. */
  async get(org: OrgConfig): Promise<OktaClient> {
    const credential = await this.credentials.get(org.key);
    if (credential === undefined) {
      throw new OktaError({
        kind: 'invalidToken',
        operation: 'Reading the credentials',
        org: org.key,
        advice:
          'This org has no credentials yet. Run "Okta Workflows: Set API Token" or "Okta Workflows: Set OAuth Service App".',
      });
    }
    const settings = this.settings();
    const fingerprint = JSON.stringify([
      serializeCredential(credential),
      org.address.baseUrl,
      settings.timeoutMs,
      settings.maxRateLimitWaitMs,
      settings.network,
      settings.operationTimeoutMs,
    ]);
    const existing = this.clients.get(org.key);
    if (existing?.fingerprint === fingerprint) return existing.client;
    if (existing) this.forget(org.key);
    // One client for the callers that ask at once (two hundred orgs' first loads): the promise is kept.
    const client = this.withCredential(org, credential);
    this.clients.set(org.key, { client, fingerprint });
    client.catch(() => {
      if (this.clients.get(org.key)?.client === client) this.clients.delete(org.key);
    });
    return client;
  }

  /**
   * A client with a credential that is not stored (yet): used to check it before storing it. Caller closes it.
   * Rejects with OktaError 'input' for an unusable service-app key or client id (never with the key in it).
   */
  async withCredential(org: Pick<OrgConfig, 'key' | 'address'>, credential: OrgCredential): Promise<OktaClient> {
    for (const v of secretValuesOf(credential)) this.log.addKnownSecret(v);
    const { newOktaClient } = await import('./newOktaClient.ts');
    return newOktaClient(org, credential, this.settings(), {
      onApiCall: (c) => this.log.apiCall(org.key, c),
      onWait: (reason, ms) => {
        for (const l of [...this.waitListeners]) l(org.key, reason, ms);
      },
    });
  }

  /**
   * A new operation (a command, a tree load of an org) with the deadline of the setting, cancelled by `signal`;
   * its signal is given to every client call the operation makes. The caller disposes it when the work ends.
   */
  operation(signal?: AbortSignal): OperationBudget {
    return new OperationBudget({
      signal,
      deadlineHint: OPERATION_TIMEOUT_SETTING,
      ...(this.settings().operationTimeoutMs === undefined ? {} : { deadlineMs: this.settings().operationTimeoutMs }),
    });
  }

  /** Called before every wait of any org's client (a 429's wait, a retry's backoff, a slow answer). */
  onWait(listener: WaitListener): vscode.Disposable {
    this.waitListeners.add(listener);
    return { dispose: () => this.waitListeners.delete(listener) };
  }

  /** Drops (and closes) the org's client: its credential changed or was removed, or the org left the settings. */
  forget(orgKey: string): void {
    const entry = this.clients.get(orgKey);
    if (!entry) return;
    this.clients.delete(orgKey);
    entry.client
      .then(
        (client) => client.close(),
        () => undefined, // never built: nothing to close, and its failure was its caller's
      )
      .catch((e: unknown) => this.log.error(`Closing the connection pool of ${orgKey}`, e));
  }

  dispose(): void {
    this.credentialChanges.dispose();
    for (const key of [...this.clients.keys()]) this.forget(key);
    this.waitListeners.clear();
  }
}
