// The rotation history record: what an auditor asks about one rotation (when, who, which secret replaced which,
// each step, the person's acknowledgements and overrides, the verification), kept long after the journal that it
// is derived from is gone. Like the journal it holds ids, times, outcomes and masked values, NEVER a secret value:
// the schema is strict (an unknown field is refused) and masked values show at most four characters.
// Schemas are wrapped in z.lazy: built on first use, not when the extension activates.
import * as z from 'zod/mini';
import { MaskedSecretSchema, RotationIdSchema } from '../rotation/model/shapes.ts';
import { STEP_STATES } from '../rotation/model/steps.ts';
import { WatchSchema } from '../rotation/model/watch.ts';

export const HISTORY_VERSION = 1;

/** Text Okta or a person wrote, bounded so a hostile answer cannot swell the history. */
const Text = z.lazy(() => z.string().check(z.maxLength(2000)));
const NonEmpty = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(500)));
const Iso = NonEmpty;
const Masked = MaskedSecretSchema;

const SecretEntrySchema = z.lazy(() =>
  z.strictObject({ id: NonEmpty, masked: z.optional(Masked), created: z.optional(Iso) }),
);
export type SecretEntry = z.infer<typeof SecretEntrySchema>;

const StepEntrySchema = z.lazy(() =>
  z.strictObject({
    id: NonEmpty,
    label: NonEmpty,
    kind: z.enum(['api', 'manual']),
    state: z.enum(STEP_STATES),
    startedAt: z.optional(Iso),
    endedAt: z.optional(Iso),
    /** What a reader needs beside the state: "confirmed by the person", why it was skipped. */
    note: z.optional(Text),
    error: z.optional(z.strictObject({ kind: NonEmpty, message: Text, errorId: z.optional(NonEmpty) })),
  }),
);
export type StepEntry = z.infer<typeof StepEntrySchema>;

const DecisionSchema = z.lazy(() =>
  z.strictObject({
    kind: z.enum(['productionWithoutPreview', 'unverifiedNewSecret', 'oldSecretStillUsed', 'noWatch']),
    at: Iso,
    /** The sentence a reader sees: what was acknowledged or overridden, and why it was asked. */
    text: Text,
  }),
);
export type Decision = z.infer<typeof DecisionSchema>;

/** Who acted: the Okta identity behind the credential and the operating-system user running VS Code. */
const ActorSchema = z.lazy(() =>
  z.strictObject({
    /** When this actor was first seen acting in the rotation (a rotation resumed by someone else adds one). */
    at: Iso,
    osUser: NonEmpty,
    credential: z.enum(['apiToken', 'serviceApp', 'unknown']),
    /** API token: the admin behind it, from Okta's users/me. */
    oktaUserId: z.optional(NonEmpty),
    oktaLogin: z.optional(NonEmpty),
    /** Service app: its OAuth client id. */
    clientId: z.optional(NonEmpty),
    /** Why the Okta identity is missing or partial (users/me not permitted, unreachable, not recorded). */
    note: z.optional(Text),
  }),
);
export type Actor = z.infer<typeof ActorSchema>;

const LogPartySchema = z.lazy(() =>
  z.strictObject({
    id: z.optional(NonEmpty),
    type: z.optional(NonEmpty),
    alternateId: z.optional(NonEmpty),
    displayName: z.optional(Text),
  }),
);
export type LogParty = z.infer<typeof LogPartySchema>;

/** One System Log event as the history keeps it: what an auditor compares, nothing more of Okta's answer. */
const OktaLogEventSchema = z.lazy(() =>
  z.strictObject({
    uuid: NonEmpty,
    published: Iso,
    eventType: NonEmpty,
    displayMessage: z.optional(Text),
    outcome: z.optional(NonEmpty),
    actor: z.optional(LogPartySchema),
    targets: z.array(LogPartySchema),
  }),
);
export type OktaLogEvent = z.infer<typeof OktaLogEventSchema>;

/** Okta's System Log events about the app within the rotation's window, kept once they can no longer change. */
const OktaLogCaptureSchema = z.lazy(() =>
  z.strictObject({ queriedAt: Iso, since: Iso, until: Iso, filter: Text, events: z.array(OktaLogEventSchema) }),
);
export type OktaLogCapture = z.infer<typeof OktaLogCaptureSchema>;

const HistoryRecordSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(HISTORY_VERSION),
    rotationId: RotationIdSchema,
    org: z.strictObject({
      label: NonEmpty,
      host: NonEmpty,
      baseUrl: NonEmpty,
      environment: z.enum(['preview', 'production']),
      practice: z.boolean(),
    }),
    app: z.strictObject({ id: NonEmpty, label: Text, clientId: Text }),
    outcome: z.enum(['inProgress', 'completed', 'rolledBack', 'abandoned']),
    mode: z.optional(z.enum(['newConnection', 'reauthorize'])),
    startedAt: Iso,
    endedAt: z.optional(Iso),
    updatedAt: Iso,
    /** The secrets the rotation replaces: those the person confirmed as old, or else the one in use. */
    oldSecrets: z.array(SecretEntrySchema),
    newSecret: z.optional(SecretEntrySchema),
    /** Secrets not in use that the preflight retired (deactivated and deleted) to make room for the new one. */
    retired: z.array(SecretEntrySchema),
    deactivated: z.array(NonEmpty),
    deleted: z.array(NonEmpty),
    /** Old secrets a rollback made ACTIVE again. */
    reactivated: z.array(NonEmpty),
    steps: z.array(StepEntrySchema),
    acknowledgements: z.array(DecisionSchema),
    overrides: z.array(DecisionSchema),
    verification: z.optional(
      z.strictObject({
        outcome: z.enum(['valid', 'invalid', 'unknown']),
        reason: Text,
        status: z.optional(z.number()),
        at: Iso,
      }),
    ),
    /**
     * The watch of the deactivated old secret in Okta's System Log, as the journal kept it: from when to when, each
     * failed sign-in found (event id, time, client IP, user agent, which secret), and the person's decision.
     */
    watch: z.optional(WatchSchema),
    actors: z.array(ActorSchema),
    /** The sentences the rotation ended with (ids only). */
    report: z.array(Text),
    oktaLog: z.optional(OktaLogCaptureSchema),
  }),
);
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;

/** Parses a stored record; throws a zod error naming the broken field. */
export function parseHistoryRecord(data: unknown): HistoryRecord {
  return HistoryRecordSchema.parse(data);
}
