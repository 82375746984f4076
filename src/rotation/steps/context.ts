// What a step module is, and what it is given to act: the StepContext. A step reads the journal, acts through the
// Okta port, and records what it found with update() (a compare-and-swap save) before anything else happens. A
// module holds behaviour only (run, recheck, offers): how a step reads to a person is the presentation's.
import type { OperationBudgetOptions } from '../../okta/http/operationBudget.ts';
import type { NextAction } from '../model/actions.ts';
import type { RotationJournal, SummaryValue } from '../model/journal.ts';
import type { ManualStepId, StepId } from '../model/steps.ts';
import type { RotationOkta } from '../port.ts';
import type { PendingSecretStore } from '../stores.ts';

export interface StepContext {
  /** The journal as last saved (it changes with every update()). */
  readonly journal: RotationJournal;
  /**
   * Applies `change` to a copy of the journal and saves it, refused when another window saved it meanwhile.
   * `quiet`: nothing a person sees changed (a heartbeat), so the listeners are not told.
   */
  update(change: (journal: RotationJournal) => void, options?: { quiet?: boolean }): Promise<void>;
  readonly okta: RotationOkta;
  /** Where the new secret's value waits until the rotation ends (never the journal). */
  readonly secrets: PendingSecretStore;
  /** The clock's "now", as journaled (ISO 8601). */
  now(): string;
  readonly signal: AbortSignal | undefined;
  /** The limits of the step's own operation when `signal` is not an operation's (RotationDeps.operation). */
  readonly operation?: Omit<OperationBudgetOptions, 'signal'> | undefined;
  /** How long the watch of the old secret must see no failed sign-in before the delete (minutes). */
  readonly watchMinutes: number;
  /** "Rotation of app X in org Y", the start of every message. */
  readonly where: string;
  /** Ends the rotation: remaining steps skipped, the outcome recorded, the app's lock released. */
  end(outcome: 'completed' | 'rolledBack' | 'abandoned'): Promise<void>;
}

/** A step's end: done, or back to pending awaiting the person (with what was found). */
export interface StepEnd {
  state: 'done' | 'pending';
  result?: Record<string, SummaryValue>;
}

interface StepBase<Id extends StepId> {
  /** Part of the contract with the UI and the saved journals: never renamed. */
  readonly id: Id;
  /** What the person can do at this step when it is current and not running. */
  offers(journal: RotationJournal): NextAction[];
  /** What the person's confirmation records, when it is more than "done, confirmed by the person". */
  confirm?(ctx: StepContext): Promise<void>;
}

/** A step the engine does against Okta (or locally) when the person says run. */
export interface ApiStepModule<Id extends StepId> extends StepBase<Id> {
  readonly kind: 'api';
  run(ctx: StepContext): Promise<StepEnd>;
  /**
   * After a crash found the step running: what Okta says about it, done (with its result) or not (undefined, and
   * the step goes back to pending). Without it the step is safe to run again from pending.
   */
  recheck?(ctx: StepContext): Promise<StepEnd | undefined>;
  /** Why running the step is refused now (a safety rule), or undefined. */
  refusal?(journal: RotationJournal): string | undefined;
}

/** A step the person does in the Workflows console and confirms. */
export interface ManualStepModule<Id extends StepId> extends StepBase<Id> {
  readonly kind: 'manual';
}

/** The module a step id needs: a manual one for the model's manual steps, an API one for the others. */
export type StepModuleOf<Id extends StepId> = Id extends ManualStepId ? ManualStepModule<Id> : ApiStepModule<Id>;

export type StepModule = ApiStepModule<StepId> | ManualStepModule<StepId>;
