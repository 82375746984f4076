// How a rotation ends other than by its last step: rolled back (the old secret reactivated) or abandoned; and
// what every ending does (endRotation): remaining steps skipped, the outcome journaled, the lock released. How an
// ending reads is the presentation's, told from the journal (src/presentation/endings.ts).
// The new secret's value is wiped from the PendingSecretStore at every ending.
import { isOktaError } from '../okta/errors.ts';
import type { ActionOutcome } from './deps.ts';
import { JournalStoreFailure, RotationError, toStepError } from './errors.ts';
import type { RotationJournal } from './model/journal.ts';
import { STEP_IDS } from './model/steps.ts';
import type { StepContext } from './steps/context.ts';

export type RotationEnding = 'completed' | 'rolledBack' | 'abandoned';

export async function endRotation(
  ctx: Pick<StepContext, 'update' | 'now' | 'journal'>,
  release: (journal: RotationJournal) => Promise<void>,
  outcome: RotationEnding,
): Promise<void> {
  await ctx.update((j) => {
    j.outcome = outcome;
    j.endedAt = ctx.now();
    for (const id of STEP_IDS) {
      const s = j.steps[id];
      if (s.state === 'pending' || s.state === 'failed')
        j.steps[id] = { ...s, state: 'skipped', result: { ...s.result, reason: outcome } };
      if (id === 'finish' && outcome === 'completed')
        j.steps.finish = { ...j.steps.finish, state: 'done', endedAt: ctx.now(), result: { valueWiped: true } };
    }
  });
  await release(ctx.journal);
}

/** Reactivates every old secret deactivated so far, then ends the rotation as rolled back. */
export async function rollback(ctx: StepContext): Promise<ActionOutcome> {
  await ctx.update((j) => {
    j.rollback = { state: 'running', startedAt: ctx.now(), reactivated: [] };
  });
  try {
    const appId = ctx.journal.app.id;
    const secrets = await ctx.okta.listSecrets(appId, ctx.signal);
    for (const oldId of ctx.journal.deactivated) {
      const current = secrets.find((s) => s.id === oldId);
      if (!current)
        throw new RotationError(
          'unexpectedState',
          `${ctx.where}: old secret ${oldId} no longer exists; it cannot be reactivated.`,
        );
      if (current.status === 'INACTIVE') await ctx.okta.activateSecret(appId, oldId, ctx.signal);
      await ctx.update((j) => {
        j.rollback?.reactivated.push(oldId);
      });
    }
    await completeRollback(ctx);
    return { ok: true };
  } catch (e) {
    if (e instanceof JournalStoreFailure) throw e;
    const cancelled = ctx.signal?.aborted === true || isOktaError(e, 'cancelled');
    await ctx.update((j) => {
      delete j.rollback;
    });
    return cancelled
      ? {
          ok: false,
          cancelled: true,
          error: { kind: 'cancelled', message: 'Rollback cancelled; it can be started again.' },
        }
      : { ok: false, error: toStepError(e, ctx.where) };
  }
}

/** Every old secret is active again: the rollback is done and the rotation ends. */
export async function completeRollback(ctx: StepContext): Promise<void> {
  const j = ctx.journal;
  await ctx.secrets.delete(j.rotationId);
  await ctx.update((jj) => {
    if (jj.rollback) {
      jj.rollback.state = 'done';
      jj.rollback.endedAt = ctx.now();
    }
  });
  await ctx.end('rolledBack');
}

export async function abandon(ctx: StepContext): Promise<ActionOutcome> {
  await ctx.secrets.delete(ctx.journal.rotationId);
  await ctx.end('abandoned');
  return { ok: true };
}
