// The rotation journal: everything needed to resume a rotation after a crash, saved after every transition.
// It holds ids, times, outcomes and the person's choices, NEVER a secret value: the schema is strict (an unknown
// field is refused, so a value cannot slip in under a new name) and masked values are checked to show at most
// four characters.
// Every schema is wrapped in z.lazy: built on first use, not when the extension activates (building zod schemas
// was most of activation's time).
import * as z from 'zod/mini';
import { MaskedSecretSchema, RotationIdSchema } from './shapes.ts';
import { perStep, STEP_IDS, STEP_STATES, type StepId } from './steps.ts';
import { WatchSchema } from './watch.ts';

export const JOURNAL_VERSION = 1;

const NonEmpty = z.lazy(() => z.string().check(z.minLength(1)));
/** An ISO 8601 time as we write it. */
const Iso = NonEmpty;
const OptionalIso = z.lazy(() => z.optional(Iso));
const Masked = MaskedSecretSchema;

const SummaryValue = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));
export type SummaryValue = z.infer<typeof SummaryValue>;

const StepErrorSchema = z.lazy(() =>
  z.strictObject({
    kind: z.string(),
    message: z.string(),
    errorId: z.optional(z.string()),
  }),
);
export type StepError = z.infer<typeof StepErrorSchema>;

/** Who runs a step now: the window (extension host) and when it last said it still does. */
const StepOwnerSchema = z.lazy(() => z.strictObject({ window: NonEmpty, beatAt: Iso }));

const StepRecordSchema = z.lazy(() =>
  z.strictObject({
    state: z.enum(STEP_STATES),
    startedAt: OptionalIso,
    endedAt: OptionalIso,
    /** While running: the window that runs it, with its heartbeat (another window leaves a fresh one alone). */
    owner: z.optional(StepOwnerSchema),
    /** What a person reads about the result: ids, counts, masked values. */
    result: z.optional(z.record(z.string(), SummaryValue)),
    error: z.optional(StepErrorSchema),
  }),
);
export type StepRecord = z.infer<typeof StepRecordSchema>;

const SecretRefSchema = z.lazy(() =>
  z.strictObject({
    id: NonEmpty,
    status: z.optional(z.enum(['ACTIVE', 'INACTIVE'])),
    masked: Masked,
    created: z.optional(z.string()),
    /**
     * Okta's secret_hash (22 characters, derived from the value, never the value): the watch tells by it whether a
     * failed sign-in presented this secret.
     */
    hash: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'not a secret hash'))),
  }),
);
export type SecretRef = z.infer<typeof SecretRefSchema>;

const stepsShape = perStep(() => StepRecordSchema);

/**
 * A change of the app's secrets the rotation did not make itself: done from the Orgs tree of this extension during
 * the rotation ('tree'), or found in Okta's list when a step compared it with what the journal expects ('okta').
 */
const OutsideChangeSchema = z.lazy(() =>
  z.strictObject({
    at: Iso,
    secretId: NonEmpty,
    masked: z.optional(Masked),
    change: z.enum(['created', 'activated', 'deactivated', 'deleted']),
    source: z.enum(['tree', 'okta']),
  }),
);
export type OutsideChange = z.infer<typeof OutsideChangeSchema>;

const RotationOutcomeSchema = z.lazy(() => z.enum(['inProgress', 'completed', 'rolledBack', 'abandoned']));
export type RotationOutcome = z.infer<typeof RotationOutcomeSchema>;
export const ConnectionModeSchema = z.lazy(() => z.enum(['newConnection', 'reauthorize']));
export type ConnectionMode = z.infer<typeof ConnectionModeSchema>;
const EnvironmentSchema = z.lazy(() => z.enum(['preview', 'production']));
export type Environment = z.infer<typeof EnvironmentSchema>;

const RotationJournalSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(JOURNAL_VERSION),
    rotationId: RotationIdSchema,
    /** Counts the engine's saves (absent: 0). A save names the revision it read; a store refuses it when the
     * stored one differs (another window drove the rotation meanwhile: see staleJournalError). */
    revision: z.optional(z.int().check(z.minimum(0))),
    org: z.strictObject({ host: NonEmpty, baseUrl: NonEmpty }),
    environment: EnvironmentSchema,
    /** The WorkflowsApp as last read from Okta (no secret in it). */
    app: z.strictObject({
      id: NonEmpty,
      name: z.string(),
      label: z.string(),
      clientId: z.string(),
      tokenEndpointAuthMethod: z.string(),
      redirectUris: z.array(z.string()),
    }),
    createdAt: Iso,
    updatedAt: Iso,
    endedAt: OptionalIso,
    outcome: RotationOutcomeSchema,
    mode: z.optional(ConnectionModeSchema),
    steps: z.strictObject(stepsShape),
    preflight: z.strictObject({
      /** The secrets as last listed by the preflight (ids, statuses, masked values). */
      secrets: z.array(SecretRefSchema),
      /** Set when the preflight knows which secret is in use (the only ACTIVE one, or the one the person pasted). */
      inUseSecretId: z.optional(z.string()),
      /** Two ACTIVE secrets and none identified yet: the person must paste the value in use. */
      needsInUseIdentification: z.boolean(),
      /** A secret not in use that must go before a new one fits (Okta's two-secret cap). */
      retireCandidate: z.optional(
        z.strictObject({ id: z.string(), masked: Masked, reason: z.enum(['inactive', 'notInUse']) }),
      ),
      /** Secrets the person had retired (deactivated and deleted) during the preflight. */
      retired: z.array(z.string()),
      /** Whether the credential can manage the app's secrets, as Okta lets it be read (our words only). */
      capability: z.optional(
        z.strictObject({
          verdict: z.enum(['able', 'readOnly', 'unknown']),
          reasons: z.array(z.string()),
          advice: z.optional(z.string()),
        }),
      ),
    }),
    inUse: z.optional(SecretRefSchema),
    /** The secret ids listed just before the create was sent: an id outside this list is the new secret. */
    create: z.optional(
      z.strictObject({
        preCreateSecretIds: z.array(z.string()),
        /** A secret the create made whose value was lost (Okta listed it without its value): it stays in Okta. */
        orphanSecretId: z.optional(z.string()),
      }),
    ),
    newSecret: z.optional(SecretRefSchema),
    verification: z.optional(
      z.strictObject({
        outcome: z.enum(['valid', 'invalid', 'unknown']),
        reason: z.string(),
        status: z.optional(z.number()),
        at: Iso,
      }),
    ),
    identify: z.optional(z.strictObject({ candidates: z.array(SecretRefSchema), listedAt: Iso })),
    /** The old secrets the person confirmed: deactivated, then deleted. */
    oldSecretIds: z.optional(z.array(z.string())),
    deactivated: z.array(z.string()),
    /** What Okta's System Log showed after the deactivation: the evidence that the old secret is unused (model/watch.ts). */
    watch: z.optional(WatchSchema),
    deleted: z.array(z.string()),
    /** Changes of the app's secrets made outside the rotation's own steps, oldest first. */
    outsideChanges: z.optional(z.array(OutsideChangeSchema)),
    guards: z.strictObject({
      productionWithoutPreview: z.optional(
        z.strictObject({
          required: z.boolean(),
          days: z.number(),
          lastPreviewCompletedAt: OptionalIso,
          acknowledgedAt: OptionalIso,
        }),
      ),
      unverifiedOverride: z.optional(
        z.strictObject({ at: Iso, verificationOutcome: z.enum(['valid', 'invalid', 'unknown', 'none']) }),
      ),
      /**
       * A production org paired with its preview org: the new secret is created only once the preview org's
       * rotation completed `hours` ago (within `recencyDays`), or once the person acknowledged it. Replaces
       * productionWithoutPreview for a paired org. The last check's findings are kept for the history.
       */
      previewSoak: z.optional(
        z.strictObject({
          previewOrg: NonEmpty,
          hours: z.number().check(z.minimum(0)),
          recencyDays: z.number(),
          previewCompletedAt: OptionalIso,
          checkedAt: OptionalIso,
          satisfied: z.optional(z.boolean()),
          acknowledgedAt: OptionalIso,
        }),
      ),
    }),
    rollback: z.optional(
      z.strictObject({
        state: z.enum(['running', 'done']),
        startedAt: Iso,
        /** While running: the window that runs it (another window leaves a fresh one alone). */
        owner: z.optional(StepOwnerSchema),
        endedAt: OptionalIso,
        reactivated: z.array(z.string()),
      }),
    ),
    /** Sentences for the person about how the rotation ended (ids only). */
    report: z.array(z.string()),
  }),
);
export type RotationJournal = z.infer<typeof RotationJournalSchema>;

/** Parses a journal from storage; throws a zod error naming the broken field. */
export function parseJournal(data: unknown): RotationJournal {
  return RotationJournalSchema.parse(withWatchStep(data));
}

/**
 * A journal written before the watch step existed (0.2) has no record of it: the watch is pending when the rotation
 * is still before its delete, and skipped (said why) when the delete was done or skipped, or the rotation ended. The
 * strict parse then reads it like any other.
 */
function withWatchStep(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('steps' in data)) return data;
  const steps: unknown = data.steps;
  if (typeof steps !== 'object' || steps === null || 'watchOld' in steps) return data;
  const deleteState = 'deleteOld' in steps ? stateOf(steps.deleteOld) : undefined;
  const ended = 'outcome' in data && data.outcome !== 'inProgress';
  const watchOld =
    ended || deleteState === 'done' || deleteState === 'skipped'
      ? { state: 'skipped', result: { reason: 'predatesWatch' } }
      : { state: 'pending' };
  return { ...data, steps: { ...steps, watchOld } };
}

function stateOf(record: unknown): unknown {
  return typeof record === 'object' && record !== null && 'state' in record ? record.state : undefined;
}

/** A deep copy through JSON: what a store keeps and hands back is plain data, never shared with the engine. */
export function cloneJournal(journal: RotationJournal): RotationJournal {
  return parseJournal(JSON.parse(JSON.stringify(journal)));
}

/** The journal's save counter (0 before the engine's first save). */
export function revisionOf(journal: Pick<RotationJournal, 'revision'>): number {
  return journal.revision ?? 0;
}

export function isFinished(journal: RotationJournal): boolean {
  return journal.outcome !== 'inProgress';
}

/** One rotation per app at a time: journals with the same key exclude each other while in progress. */
export function lockKeyOf(journal: Pick<RotationJournal, 'org' | 'app'>): string {
  return `${journal.org.host.toLowerCase()}/${journal.app.id}`;
}

/** The step the rotation is at: the first neither done nor skipped (undefined once every step is). */
export function currentStepOf(journal: Pick<RotationJournal, 'steps'>): StepId | undefined {
  return STEP_IDS.find((id) => journal.steps[id].state !== 'done' && journal.steps[id].state !== 'skipped');
}
