// One OktaClient per org, created on first use with the org's API token and disposed when the token or the
// settings change. Creating a client makes no request: the network starts with the first call.
import type * as vscode from 'vscode';
import { ApiTokenAuth } from '../okta/auth.ts';
import { OktaClient } from '../okta/client.ts';
import { OktaError } from '../okta/errors.ts';
import type { OrgConfig } from './orgs/orgConfig.ts';
import type { ApiTokenStore } from './storage/ApiTokenStore.ts';
import type { Log } from './log.ts';

export class OktaClients implements vscode.Disposable {
  private readonly clients = new Map<string, { client: OktaClient; token: string; baseUrl: string; timeoutMs: number }>();
  private readonly tokens: ApiTokenStore;
  private readonly log: Log;
  private readonly timeoutMs: () => number;

  constructor(tokens: ApiTokenStore, log: Log, timeoutMs: () => number) {
    this.tokens = tokens;
    this.log = log;
    this.timeoutMs = timeoutMs;
  }

  /** The org's client; an OktaError 'invalidToken' (with the Set API Token advice) when the org has no token. */
  async get(org: OrgConfig): Promise<OktaClient> {
    const token = await this.tokens.get(org.key);
    if (token === undefined) {
      throw new OktaError({ kind: 'invalidToken', operation: 'Reading the API token', org: org.key, advice: 'This org has no API token yet. Run "Okta Workflows: Set API Token".' });
    }
    return this.forToken(org, token);
  }

  /** A client with a token that is not stored (yet): used to check a token before storing it. Caller closes it. */
  withToken(org: Pick<OrgConfig, 'key' | 'address'>, token: string): OktaClient {
    this.log.addKnownSecret(token);
    return new OktaClient({ baseUrl: org.address.baseUrl, auth: new ApiTokenAuth(token), timeoutMs: this.timeoutMs(), onApiCall: (c) => this.log.apiCall(org.key, c) });
  }

  private forToken(org: OrgConfig, token: string): OktaClient {
    const existing = this.clients.get(org.key);
    const timeoutMs = this.timeoutMs();
    if (existing && existing.token === token && existing.baseUrl === org.address.baseUrl && existing.timeoutMs === timeoutMs) return existing.client;
    if (existing) this.forget(org.key);
    const client = this.withToken(org, token);
    this.clients.set(org.key, { client, token, baseUrl: org.address.baseUrl, timeoutMs });
    return client;
  }

  /** Drops (and closes) the org's client: its token changed or was removed, or the org left the settings. */
  forget(orgKey: string): void {
    const entry = this.clients.get(orgKey);
    if (!entry) return;
    this.clients.delete(orgKey);
    entry.client.close().catch((e: unknown) => this.log.error(`Closing the connection pool of ${orgKey}`, e));
  }

  dispose(): void {
    for (const key of [...this.clients.keys()]) this.forget(key);
  }
}
