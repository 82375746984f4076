// The rotation journal: everything needed to resume a rotation after a crash, saved after every transition.
// It holds ids, times, outcomes and the person's choices, NEVER a secret value: the schema is strict (an unknown
// field is refused, so a value cannot slip in under a new name) and masked values are checked to show at most
// four characters.
import { z } from 'zod';
import { STEP_IDS, STEP_STATES } from './steps.ts';
import type { StepId } from './steps.ts';

export const JOURNAL_VERSION = 1;

const Iso = z.string().min(1);
/** A secret shown masked: '••••' and at most its last four characters (see maskSecret). */
const Masked = z.string().regex(/^••••[\s\S]{0,4}$/, 'a masked secret shows at most four characters');

const SummaryValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type SummaryValue = z.infer<typeof SummaryValue>;

export const StepErrorSchema = z.strictObject({
  kind: z.string(),
  message: z.string(),
  errorId: z.string().optional(),
});
export type StepError = z.infer<typeof StepErrorSchema>;

export const StepRecordSchema = z.strictObject({
  state: z.enum(STEP_STATES),
  startedAt: Iso.optional(),
  endedAt: Iso.optional(),
  /** What a person reads about the result: ids, counts, masked values. */
  result: z.record(z.string(), SummaryValue).optional(),
  error: StepErrorSchema.optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

export const SecretRefSchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(['ACTIVE', 'INACTIVE']).optional(),
  masked: Masked,
  created: z.string().optional(),
});
export type SecretRef = z.infer<typeof SecretRefSchema>;

const stepsShape = Object.fromEntries(STEP_IDS.map((id) => [id, StepRecordSchema])) as Record<
  StepId,
  typeof StepRecordSchema
>;

export const RotationOutcomeSchema = z.enum(['inProgress', 'completed', 'rolledBack', 'abandoned']);
export type RotationOutcome = z.infer<typeof RotationOutcomeSchema>;
export const ConnectionModeSchema = z.enum(['newConnection', 'reauthorize']);
export type ConnectionMode = z.infer<typeof ConnectionModeSchema>;
export const EnvironmentSchema = z.enum(['preview', 'production']);
export type Environment = z.infer<typeof EnvironmentSchema>;

export const RotationJournalSchema = z.strictObject({
  version: z.literal(JOURNAL_VERSION),
  rotationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  org: z.strictObject({ host: z.string().min(1), baseUrl: z.string().min(1) }),
  environment: EnvironmentSchema,
  /** The WorkflowsApp as last read from Okta (no secret in it). */
  app: z.strictObject({
    id: z.string().min(1),
    name: z.string(),
    label: z.string(),
    clientId: z.string(),
    tokenEndpointAuthMethod: z.string(),
    redirectUris: z.array(z.string()),
  }),
  createdAt: Iso,
  updatedAt: Iso,
  endedAt: Iso.optional(),
  outcome: RotationOutcomeSchema,
  mode: ConnectionModeSchema.optional(),
  steps: z.strictObject(stepsShape),
  preflight: z.strictObject({
    /** The secrets as last listed by the preflight (ids, statuses, masked values). */
    secrets: z.array(SecretRefSchema),
    /** Set when the preflight knows which secret is in use (the only ACTIVE one, or the one the person pasted). */
    inUseSecretId: z.string().optional(),
    /** Two ACTIVE secrets and none identified yet: the person must paste the value in use. */
    needsInUseIdentification: z.boolean(),
    /** A secret not in use that must go before a new one fits (Okta's two-secret cap). */
    retireCandidate: z
      .strictObject({ id: z.string(), masked: Masked, reason: z.enum(['inactive', 'notInUse']) })
      .optional(),
    /** Secrets the person had retired (deactivated and deleted) during the preflight. */
    retired: z.array(z.string()),
  }),
  inUse: SecretRefSchema.optional(),
  /** The secret ids listed just before the create was sent: an id outside this list is the new secret. */
  create: z.strictObject({ preCreateSecretIds: z.array(z.string()) }).optional(),
  newSecret: SecretRefSchema.optional(),
  verification: z
    .strictObject({
      outcome: z.enum(['valid', 'invalid', 'unknown']),
      reason: z.string(),
      status: z.number().optional(),
      at: Iso,
    })
    .optional(),
  identify: z.strictObject({ candidates: z.array(SecretRefSchema), listedAt: Iso }).optional(),
  /** The old secrets the person confirmed: deactivated, then deleted. */
  oldSecretIds: z.array(z.string()).optional(),
  deactivated: z.array(z.string()),
  deleted: z.array(z.string()),
  guards: z.strictObject({
    productionWithoutPreview: z
      .strictObject({
        required: z.boolean(),
        days: z.number(),
        lastPreviewCompletedAt: Iso.optional(),
        acknowledgedAt: Iso.optional(),
      })
      .optional(),
    unverifiedOverride: z
      .strictObject({ at: Iso, verificationOutcome: z.enum(['valid', 'invalid', 'unknown', 'none']) })
      .optional(),
  }),
  rollback: z
    .strictObject({
      state: z.enum(['running', 'done']),
      startedAt: Iso,
      endedAt: Iso.optional(),
      reactivated: z.array(z.string()),
    })
    .optional(),
  /** Sentences for the person about how the rotation ended (ids only). */
  report: z.array(z.string()),
});
export type RotationJournal = z.infer<typeof RotationJournalSchema>;

/** Parses a journal from storage; throws a zod error naming the broken field. */
export function parseJournal(data: unknown): RotationJournal {
  return RotationJournalSchema.parse(data);
}

/** A deep copy through JSON: what a store keeps and hands back is plain data, never shared with the engine. */
export function cloneJournal(journal: RotationJournal): RotationJournal {
  return parseJournal(JSON.parse(JSON.stringify(journal)));
}

export function isFinished(journal: RotationJournal): boolean {
  return journal.outcome !== 'inProgress';
}

/** One rotation per app at a time: journals with the same key exclude each other while in progress. */
export function lockKeyOf(journal: Pick<RotationJournal, 'org' | 'app'>): string {
  return `${journal.org.host.toLowerCase()}/${journal.app.id}`;
}
