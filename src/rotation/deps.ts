// What the engine is given (ports and stores) and what it answers. Nothing here decides anything.
import type { OperationBudgetOptions } from '../okta/http/operationBudget.ts';
import type { WorkflowsApp } from '../okta/schemas.ts';
import type { Environment, RotationJournal, StepError } from './model/journal.ts';
import type { Clock, RotationOkta } from './port.ts';
import type { RotationSnapshot } from './model/snapshot.ts';
import type { PendingSecretStore, RotationJournalStore } from './stores.ts';

/** The part of the journal store the engine uses: it never lists (the preview history is its own dependency). */
type EngineJournalStore = Pick<RotationJournalStore, 'load' | 'save' | 'claim' | 'release'>;

export interface RotationDeps {
  okta: RotationOkta;
  journals: EngineJournalStore;
  /**
   * The journals the production guard counts as preview history (finished ones included). Its own dependency so
   * the wiring decides what counts (a rehearsal on a loopback org does not, for a real org) without wrapping the
   * store the engine saves to.
   */
  previewHistory(): Promise<RotationJournal[]>;
  secrets: PendingSecretStore;
  clock?: Clock;
  /**
   * How long the watch of the deactivated old secret must find no failed sign-in before the delete is offered
   * (minutes, default 75: a Workflows connection's token refreshes within the hour). 0: one look.
   */
  deactivationWatchMinutes?: number;
  /** A production rotation warns when no preview org completed one within this many days (default 30). */
  previewRecencyDays?: number;
  newRotationId?: () => string;
  /**
   * The limits of a step's operation when perform() is given no operation's signal (the VS Code commands give
   * one): its deadline, waits, retries, items and bytes. Default: DEFAULT_OPERATION_LIMITS.
   */
  operation?: Omit<OperationBudgetOptions, 'signal'>;
  /** Who this engine is among the windows sharing the journals (default: one id per process). */
  windowId?: string;
  /** How often a running step renews its owner's heartbeat (default 10 s), and when another window's is stale (45 s). */
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** A snapshot listener threw: the rotation goes on; this reports it (default: a process warning). */
  onListenerError?: (error: unknown) => void;
}

export interface StartRotation {
  org: { host: string; baseUrl: string };
  environment: Environment;
  /** The Workflows OAuth app as found by the client (findWorkflowsApp); the lock is per org + app id. */
  app: WorkflowsApp;
  /**
   * A production org paired with its preview org (its host): the create waits `soakHours` after the preview
   * org's rotation completed (guards.ts evaluatePreviewSoak) instead of the any-preview recency rule.
   */
  pairing?: { previewOrg: string; soakHours: number };
}

/** What perform() resolves to. Refusals and step failures are outcomes, not exceptions. */
export type ActionOutcome = { ok: true } | { ok: false; cancelled?: boolean; error: StepError };

export type SnapshotListener = (snapshot: RotationSnapshot) => void;
