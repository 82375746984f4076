// What a step module is, and what it is given to act: the StepContext. A step reads the journal, acts through the
// Okta port, and records what it found with update() (a compare-and-swap save) before anything else happens.
import type { OperationBudgetOptions } from '../../okta/http/operationBudget.ts';
import type { RotationJournal, StepRecord, SummaryValue } from '../journal.ts';
import type { RotationOkta } from '../port.ts';
import type { NextAction } from '../snapshot.ts';
import type { PendingSecretStore } from '../stores.ts';

export interface StepContext {
  /** The journal as last saved (it changes with every update()). */
  readonly journal: RotationJournal;
  /** Applies `change` to a copy of the journal and saves it, refused when another window saved it meanwhile. */
  update(change: (journal: RotationJournal) => void): Promise<void>;
  readonly okta: RotationOkta;
  /** Where the new secret's value waits until the rotation ends (never the journal). */
  readonly secrets: PendingSecretStore;
  /** The clock's "now", as journaled (ISO 8601). */
  now(): string;
  readonly signal: AbortSignal | undefined;
  /** The limits of the step's own operation when `signal` is not an operation's (RotationDeps.operation). */
  readonly operation?: Omit<OperationBudgetOptions, 'signal'> | undefined;
  /** "Rotation of app X in org Y", the start of every message. */
  readonly where: string;
  /** Ends the rotation: remaining steps skipped, outcome and report recorded, the app's lock released. */
  end(outcome: 'completed' | 'rolledBack' | 'abandoned', report: string[]): Promise<void>;
}

/** What a person reads about a step: plain sentences and facts built from the journal, never a field name, an
 * internal state word or a raw time. */
export interface StepStory {
  /** One sentence: what happened (a step that ran or was skipped), or else what the step will do. */
  summary: string;
  /** What to do now, when the step is the current one: one or two sentences. */
  todo: string[];
  /** Facts for the step's details (label and value, both for people). */
  details: StoryDetail[];
  /** A warning the person must see even when the step is collapsed (a credential Okta may refuse). */
  caution?: string;
}

export interface StoryDetail {
  label: string;
  value: string;
}

/** What a story is told from: the journal, the step's own record, and the clock's now (for ages and times). */
export interface StoryInput {
  journal: RotationJournal;
  record: StepRecord;
  now: Date;
}

/** A step's end: done, or back to pending awaiting the person (with what was found). */
export interface StepEnd {
  state: 'done' | 'pending';
  result?: Record<string, SummaryValue>;
}

/** The actions a step offers when it is current, built for that step (a failed step's run reads "Retry: …"). */
export interface StepOffers {
  readonly record: StepRecord;
  run(label: string): NextAction;
  confirm(label: string): NextAction;
}

interface StepBase<Id extends string> {
  /** Part of the contract with the UI (the checklist renders it and sends it back): never renamed. */
  readonly id: Id;
  readonly label: string;
  readonly description: string;
  /** A manual step the person does not need when they re-authorize the existing connection. */
  readonly skippedWhenReauthorizing?: boolean;
  /** The step in words for the checklist (see StepStory). */
  story(input: StoryInput): StepStory;
  /** What the person can do at this step when it is current and not running. */
  offers(journal: RotationJournal, at: StepOffers): NextAction[];
  /** What the person's confirmation records, when it is more than "done, confirmed by the person". */
  confirm?(ctx: StepContext): Promise<void>;
}

/** A step the engine does against Okta (or locally) when the person says run. */
export interface ApiStepModule<Id extends string> extends StepBase<Id> {
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
export interface ManualStepModule<Id extends string> extends StepBase<Id> {
  readonly kind: 'manual';
}

export type StepModule<Id extends string = string> = ApiStepModule<Id> | ManualStepModule<Id>;
