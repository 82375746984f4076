// What a person can do with a rotation: the actions a UI sends to the engine (parsed with zod: they come from a
// webview, untrusted) and the offers the engine makes (NextAction). Offers carry ids and facts, never words: how
// each reads and looks is the presentation's (src/presentation/actions.ts), shared by the checklist and the campaign.
// The action schema is built on first use (z.lazy), not when the extension activates.
import * as z from 'zod/mini';
import { ConnectionModeSchema, type ConnectionMode } from './journal.ts';
import { STEP_IDS, type StepId } from './steps.ts';

const StepIdSchema = z.lazy(() => z.enum(STEP_IDS));
const SecretIdsSchema = z.lazy(() =>
  z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(10)),
);

/**
 * The guards a person can override: deactivating with a new secret not verified, or deleting an old secret the
 * watch saw still presented.
 */
const OVERRIDDEN_GUARDS = ['unverifiedNewSecret', 'oldSecretStillUsed'] as const;
export type OverriddenGuard = (typeof OVERRIDDEN_GUARDS)[number];

const valuelessActions = () =>
  [
    /** `secretIds`: the secrets the person saw it act on (the old ones); refused when the rotation's differ now. */
    z.strictObject({ type: z.literal('run'), step: StepIdSchema, secretIds: z.optional(SecretIdsSchema) }),
    z.strictObject({ type: z.literal('confirm'), step: StepIdSchema, secretIds: z.optional(SecretIdsSchema) }),
    z.strictObject({ type: z.literal('chooseMode'), mode: ConnectionModeSchema }),
    z.strictObject({ type: z.literal('retire'), secretId: z.string().check(z.minLength(1), z.maxLength(100)) }),
    z.strictObject({ type: z.literal('override'), guard: z.enum(OVERRIDDEN_GUARDS) }),
    z.strictObject({ type: z.literal('acknowledge'), guard: z.enum(['productionWithoutPreview', 'previewSoak']) }),
    z.strictObject({ type: z.literal('rollback') }),
    z.strictObject({ type: z.literal('abandon') }),
  ] as const;

/** Every action but the one that carries a value: what a webview page may send (the host asks for the value). */
export const ValuelessActionSchema = z.lazy(() => z.discriminatedUnion('type', [...valuelessActions()]));

export const RotationActionSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    ...valuelessActions(),
    /** The pasted value of the secret in use. Compared, never stored, never journaled. */
    z.strictObject({ type: z.literal('identifyInUse'), value: z.string().check(z.minLength(1), z.maxLength(1000)) }),
  ]),
);
export type RotationAction = z.infer<typeof RotationActionSchema>;
export type ValuelessAction = z.infer<typeof ValuelessActionSchema>;

/** The guards a person can acknowledge: no recent preview rotation, or a paired preview org's soak not over. */
export type AcknowledgedGuard = 'productionWithoutPreview' | 'previewSoak';

/** A secret as a rotation shows it: id, masked value, status and creation time (never its value). */
export interface SecretView {
  id: string;
  masked: string;
  status?: 'ACTIVE' | 'INACTIVE';
  created?: string;
}

/** What the UI can offer now. Each maps to one RotationAction (noted beside it). */
export type NextAction =
  | { type: 'run'; step: StepId } //                                  → {type:'run', step}
  | { type: 'confirm'; step: StepId } //                              → {type:'confirm', step}
  | { type: 'chooseMode'; options: ConnectionMode[]; current?: ConnectionMode } // → {type:'chooseMode', mode}
  | { type: 'retire'; secretId: string; masked: string; reason: 'inactive' | 'notInUse' } // → {type:'retire', secretId}
  | { type: 'identifyInUse'; candidates: SecretView[] } //           → {type:'identifyInUse', value}
  | { type: 'override'; guard: OverriddenGuard } //                  → same
  | { type: 'acknowledge'; guard: AcknowledgedGuard } //             → same
  | { type: 'rollback' } //                                          → same
  | { type: 'abandon' }; //                                          → same

/** Is `action` one of `offered`? The engine performs only what the snapshot offers. */
export function isOffered(action: RotationAction, offered: readonly NextAction[]): boolean {
  return offered.some((o) => matchesOffer(o, action));
}

function matchesOffer(o: NextAction, a: RotationAction): boolean {
  switch (a.type) {
    case 'run':
      return o.type === 'run' && o.step === a.step;
    case 'confirm':
      return o.type === 'confirm' && o.step === a.step;
    case 'chooseMode':
      return o.type === 'chooseMode' && o.options.includes(a.mode);
    case 'retire':
      return o.type === 'retire' && o.secretId === a.secretId;
    case 'override':
      return o.type === 'override' && o.guard === a.guard;
    case 'acknowledge':
      return o.type === 'acknowledge' && o.guard === a.guard;
    case 'identifyInUse':
    case 'rollback':
    case 'abandon':
      return o.type === a.type;
  }
}
