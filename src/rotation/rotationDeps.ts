// What the engine is given to rotate one org, built in one place (VS Code's running rotations and the tests use this
// same wiring): the journal store it saves to (every save a compare-and-swap), the org's preview history as the
// production guard must see it, the pending-secret store, and a port to the org's Okta client resolved at each
// call (a new token is picked up mid-rotation).
import type { RotationDeps } from './deps.ts';
import type { RotationOkta } from './port.ts';
import { previewHistoryFor } from './previewHistory.ts';
import type { PendingSecretStore, RotationJournalStore } from './stores.ts';

export interface RotationWiring {
  org: { address: { isLoopback: boolean }; practice?: boolean };
  journals: RotationJournalStore;
  secrets: PendingSecretStore;
  /** The org's client as it is now (its credential may have changed since the last call). */
  client: () => Promise<RotationOkta>;
  previewRecencyDays: number;
  /** The setting: how long the watch of the deactivated old secret lasts (minutes). */
  deactivationWatchMinutes: number;
  log: { error(context: string, e: unknown): void };
}

/** A practice org's watch is short, so a rehearsal does not wait a real token's hour (its forgotten flow is quick). */
const PRACTICE_WATCH_MINUTES = 2;

/** The watch's length for `org`: the setting, at most two minutes on a practice org. */
function watchMinutesFor(org: RotationWiring['org'], setting: number): number {
  return org.practice === true ? Math.min(setting, PRACTICE_WATCH_MINUTES) : setting;
}

export function rotationDepsFor(wiring: RotationWiring): RotationDeps {
  return {
    okta: lazyOkta(wiring.client),
    journals: wiring.journals,
    previewHistory: previewHistoryFor(wiring.journals, wiring.org.address),
    secrets: wiring.secrets,
    previewRecencyDays: wiring.previewRecencyDays,
    deactivationWatchMinutes: watchMinutesFor(wiring.org, wiring.deactivationWatchMinutes),
    onListenerError: (e) => wiring.log.error('A rotation checklist listener failed', e),
  };
}

type Method = keyof RotationOkta;
type Args = { [M in Method]: Parameters<RotationOkta[M]> };
type Results = { [M in Method]: Awaited<ReturnType<RotationOkta[M]>> };
/** The port seen as "each method takes its arguments and resolves to its result", so one forwarder fits all. */
type Forwardable = { [M in Method]: (...args: Args[M]) => Promise<Results[M]> };

/** The port, resolving the client at each call: each method forwards to the same method of the client of the moment. */
function lazyOkta(client: () => Promise<RotationOkta>): RotationOkta {
  const forward =
    <M extends Method>(method: M) =>
    async (...args: Args[M]): Promise<Results[M]> => {
      const current: Forwardable = await client();
      return current[method](...args);
    };
  return {
    findWorkflowsApp: forward('findWorkflowsApp'),
    listSecrets: forward('listSecrets'),
    createSecret: forward('createSecret'),
    activateSecret: forward('activateSecret'),
    deactivateSecret: forward('deactivateSecret'),
    deleteSecret: forward('deleteSecret'),
    verifyClientSecret: forward('verifyClientSecret'),
    checkSecretManagement: forward('checkSecretManagement'),
    listClientAuthFailures: forward('listClientAuthFailures'),
  };
}
