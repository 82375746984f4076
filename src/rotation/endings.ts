// How a rotation ends other than by its last step: rolled back (the old secret reactivated) or abandoned; and
// what every ending does (endRotation): remaining steps skipped, the outcome journaled, the lock released, then the
// new secret's value wiped (after the ending is saved: a crash between them leaves a value that the next load of
// the finished journal wipes, never a journal that says "wiped" while the value is still there). How an ending
// reads is the presentation's, told from the journal (src/presentation/endings.ts).
import { isOktaError } from '../okta/errors.ts';
import { OperationBudget } from '../okta/http/operationBudget.ts';
import type { ActionOutcome } from './deps.ts';
import { mayHaveChangedOkta } from './runStep.ts';
import { JournalStoreFailure, RotationError, toStepError } from './errors.ts';
import type { RotationJournal } from './model/journal.ts';
import { STEP_IDS } from './model/steps.ts';
import type { StepContext } from './steps/context.ts';

export type RotationEnding = 'completed' | 'rolledBack' | 'abandoned';

export async function endRotation(
  ctx: Pick<StepContext, 'update' | 'now' | 'journal' | 'secrets'>,
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
  await ctx.secrets.delete(ctx.journal.rotationId);
}

/** Reactivates every old secret deactivated so far, then ends the rotation as rolled back. */
export async function rollback(ctx: StepContext, window: string): Promise<ActionOutcome> {
  await ctx.update((j) => {
    j.rollback = { state: 'running', startedAt: ctx.now(), owner: { window, beatAt: ctx.now() }, reactivated: [] };
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
    return afterRollbackFailure(ctx, e);
  }
}

/**
 * A rollback that did not complete: Okta is read back (an activation cancelled after it left may have happened).
 * Every old secret active again: the rollback is complete after all. Otherwise it can be started again.
 */
async function afterRollbackFailure(ctx: StepContext, e: unknown): Promise<ActionOutcome> {
  const allActive = mayHaveChangedOkta(e) ? await oldSecretsActive(ctx) : false;
  if (allActive === true) {
    await ctx.update((j) => {
      if (j.rollback) j.rollback.reactivated = [...j.deactivated];
    });
    await completeRollback(ctx);
    return { ok: true };
  }
  await ctx.update((j) => {
    delete j.rollback;
  });
  if (allActive === undefined)
    return {
      ok: false,
      error: {
        kind: 'outcomeUnknown',
        message: `${ctx.where}: the rollback may have reactivated the old secret, and Okta could not be read back. Roll back again: it reads Okta first and reactivates only what is still inactive.`,
      },
    };
  const cancelled = ctx.signal?.aborted === true || isOktaError(e, 'cancelled');
  return cancelled
    ? {
        ok: false,
        cancelled: true,
        error: { kind: 'cancelled', message: 'Rollback cancelled; it can be started again.' },
      }
    : { ok: false, error: toStepError(e, ctx.where) };
}

/** Whether every deactivated old secret is ACTIVE in Okta now (undefined: Okta could not be read), on a budget of its own. */
async function oldSecretsActive(ctx: StepContext): Promise<boolean | undefined> {
  const budget = new OperationBudget({ ...ctx.operation, deadlineMs: 60_000 });
  try {
    const listed = await ctx.okta.listSecrets(ctx.journal.app.id, budget.signal);
    return ctx.journal.deactivated.every((id) => listed.some((s) => s.id === id && s.status === 'ACTIVE'));
  } catch {
    return undefined;
  } finally {
    budget.dispose();
  }
}

/** Every old secret is active again: the rollback is done and the rotation ends. */
export async function completeRollback(ctx: StepContext): Promise<void> {
  await ctx.update((j) => {
    if (j.rollback) {
      j.rollback.state = 'done';
      j.rollback.endedAt = ctx.now();
      delete j.rollback.owner;
    }
  });
  await ctx.end('rolledBack');
}

/**
 * Ends the rotation as abandoned: offered only while nothing could have changed the secret in use, and never while
 * a create's outcome is unknown (model: snapshot's canAbandon).
 */
export async function abandon(ctx: StepContext): Promise<ActionOutcome> {
  await ctx.end('abandoned');
  return { ok: true };
}
