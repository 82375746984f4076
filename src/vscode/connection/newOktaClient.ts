// Builds one org's OktaClient from its credential: an API token, or an OAuth service app's key. Loaded on the first
// client a window needs (esbuild.mjs emits it, with the Okta client and its schemas, as dist/okta-client.js), so
// activation parses none of the Okta client: the tree asks for it when it loads its first org.
import { ApiTokenAuth, type Authenticator } from '../../okta/auth.ts';
import { OktaClient, type ApiCallLog } from '../../okta/client.ts';
import type { WaitReason } from '../../okta/http/listeners.ts';
import { ServiceAppAuth } from '../../okta/oauth/serviceAppAuth.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgCredential } from '../../orgs/orgCredential.ts';
import type { NetworkOptions } from '../../okta/network/networkOptions.ts';

export interface ClientSettings {
  timeoutMs: number;
  /** A 429 asking for a longer wait fails at once with the time to try again. */
  maxRateLimitWaitMs: number;
  /** Proxy and certificate trust, from VS Code's http.* settings (connection/networkSettings.ts). */
  network?: NetworkOptions;
  /** One operation's deadline (a command, a tree load of an org), every page, retry and wait included. Default 180 s. */
  operationTimeoutMs?: number;
}

export interface ClientHooks {
  onApiCall(call: ApiCallLog): void;
  onWait(reason: WaitReason, ms: number): void;
}

/** A client of `org` signing in with `credential`. Throws OktaError 'input' for an unusable key or client id. */
export function newOktaClient(
  org: Pick<OrgConfig, 'address'>,
  credential: OrgCredential,
  settings: ClientSettings,
  hooks: ClientHooks,
): OktaClient {
  const { timeoutMs, maxRateLimitWaitMs, network, operationTimeoutMs } = settings;
  const auth: Authenticator =
    credential.type === 'apiToken'
      ? new ApiTokenAuth(credential.token, { org: org.address.host })
      : new ServiceAppAuth({
          baseUrl: org.address.baseUrl,
          clientId: credential.clientId,
          privateKey: credential.privateKey,
          ...(credential.keyId ? { keyId: credential.keyId } : {}),
          // Export Rotation History lists Okta's System Log when the app was granted this; asked for, never needed.
          optionalScopes: ['okta.logs.read'],
          timeoutMs,
          onApiCall: hooks.onApiCall,
          network,
        });
  return new OktaClient({
    baseUrl: org.address.baseUrl,
    auth,
    timeoutMs,
    maxRateLimitWaitMs,
    onApiCall: hooks.onApiCall,
    network,
    operation: operationTimeoutMs === undefined ? {} : { deadlineMs: operationTimeoutMs },
    onWait: hooks.onWait,
  });
}
