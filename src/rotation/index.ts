// The rotation engine's public API, for the VS Code layer and the CLI. Everything else in this folder is detail.
export { RotationEngine } from './engine.ts';
export type { ActionOutcome, RotationDeps, SnapshotListener, StartRotation } from './engine.ts';
export { isRotationError, RotationError } from './errors.ts';
export type { RotationErrorKind } from './errors.ts';
export { DEFAULT_PREVIEW_RECENCY_DAYS } from './guards.ts';
export type { GuardId } from './guards.ts';
export { JOURNAL_VERSION, lockKeyOf, parseJournal, RotationJournalSchema } from './journal.ts';
export type { ConnectionMode, Environment, RotationJournal, RotationOutcome, StepError } from './journal.ts';
export type { Clock, RotationOkta, SecretProbeOutcome } from './port.ts';
export { connectorDomain, RotationActionSchema, workflowsConsoleUrl } from './snapshot.ts';
export type { NextAction, RotationAction, RotationSnapshot, SecretView, StepSnapshot } from './snapshot.ts';
export { STEP_IDS, STEP_INFO } from './steps.ts';
export type { StepId, StepKind, StepState } from './steps.ts';
export { FileJournalStore, MemoryJournalStore, MemoryPendingSecretStore } from './stores.ts';
export type { PendingSecretStore, RotationJournalStore } from './stores.ts';
