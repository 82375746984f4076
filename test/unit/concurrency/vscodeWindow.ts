// One VS Code window rotating a real org (https://acme.okta.com), wired as RunningRotations wires it: rotationDepsFor
// over the journal files in the extension's global storage folder (shared by every window), its own window id, the org parsed from its setting as
// the extension parses it. On the proxied path the org's client comes from the window's own OktaClients, built from
// VS Code's http.* settings (http.proxy naming squid, the run's CA trusted) and the API token in the window's
// credential store: each window reaches Okta through the proxy by itself. On loopback the simulator is not at that
// address: the world's client stands in, and only the journal names the real org.
import assert from 'node:assert/strict';
import { parseOrgInput } from '../../../src/okta/orgInput.ts';
import type { RotationDeps } from '../../../src/rotation/engine.ts';
import { OktaClients } from '../../../src/vscode/connection/oktaClients.ts';
import type { Log } from '../../../src/vscode/platform/log.ts';
import type { OrgConfig } from '../../../src/orgs/orgConfig.ts';
import { rotationDepsFor } from '../../../src/rotation/rotationDeps.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import { randomUUID } from 'node:crypto';
import type { World } from '../rotation/world.ts';

/** The real org the windows rotate, and the seed of a world serving it on the proxied path. */
const REAL_ORG = { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' };
export const REAL_ORG_SEED = { name: 'acme', environment: 'production' } as const;

/** The org as the journal names it: the world's own on the proxied path (it is REAL_ORG), REAL_ORG on loopback. */
export function realOrgOf(w: World): { host: string; baseUrl: string } {
  if (w.path === 'loopback') return REAL_ORG;
  const org = { host: w.client.org, baseUrl: w.org.info.baseUrl };
  assert.deepEqual(org, REAL_ORG, 'the proxied world serves the real org');
  return org;
}

export interface VsCodeWindow {
  deps(w: World): RotationDeps;
  /** The API calls the window's own clients logged (proxied path): method, path and status. */
  readonly apiCalls: string[];
  /** Closes the window's clients. */
  dispose(): void;
}

export function vscodeWindow(storage: string): VsCodeWindow {
  const windowId = randomUUID();
  const journals = new FileJournalStore(storage);
  const log = { error: (context: string, e: unknown) => assert.fail(`${context}: ${String(e)}`) };
  let clients: OktaClients | undefined;
  const apiCalls: string[] = [];
  return {
    apiCalls,
    deps(w) {
      const address = parseOrgInput(realOrgOf(w).baseUrl);
      const org: OrgConfig = { key: address.host, label: 'Acme', environment: 'production', address };
      if (w.proxied && !clients) {
        const { proxied } = w;
        const token = w.org.info.apiToken;
        // The log channel exists only in VS Code: a stand-in with the three methods the clients call.
        const channel = {
          addKnownSecret: () => undefined,
          apiCall: (_org: string, c: { method: string; path: string; status: number | string }) =>
            apiCalls.push(`${c.method} ${c.path} ${c.status}`),
          error: log.error,
        };
        clients = new OktaClients(
          { get: async () => ({ type: 'apiToken', token }), onDidChange: () => ({ dispose: () => undefined }) },
          channel as unknown as Log,
          () => ({ timeoutMs: 10_000, maxRateLimitWaitMs: 65_000, network: proxied.network() }),
        );
      }
      const windowClients = clients;
      // On the world's clock: a test can pause between steps (the create then lists the secrets afresh).
      return {
        ...rotationDepsFor({
          org,
          journals,
          secrets: w.secrets,
          client: windowClients ? () => windowClients.get(org) : async () => w.client,
          previewRecencyDays: 30,
          deactivationWatchMinutes: 0,
          log,
        }),
        clock: w.clock,
        windowId,
      };
    },
    dispose() {
      clients?.dispose();
      clients = undefined;
    },
  };
}
