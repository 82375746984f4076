// The engine's view of a rotation for a UI (model/snapshot.ts): the steps with their states and what the person can
// do right now, from the journal only, so a snapshot never holds a secret value. What the person can do is each
// current step's offers (its module), the guard waiting for an acknowledgement, and the ways out (rollback,
// abandon) while they are safe.
import type { NextAction } from './model/actions.ts';
import { previewSoakPending, productionGuardPending } from './model/guards.ts';
import { currentStepOf, type RotationJournal } from './model/journal.ts';
import type { RunningElsewhere } from './model/ownership.ts';
import { connectorDomain, workflowsConsoleUrl, type RotationSnapshot } from './model/snapshot.ts';
import { STEP_IDS, stepKind } from './model/steps.ts';
import { stepModule } from './steps/registry.ts';

function canRollback(journal: RotationJournal): boolean {
  if (journal.outcome !== 'inProgress' || journal.rollback?.state === 'running') return false;
  const deleteState = journal.steps.deleteOld.state;
  const gone = (journal.outsideChanges ?? []).some(
    (c) => c.change === 'deleted' && journal.deactivated.includes(c.secretId),
  );
  return (
    journal.deactivated.length > 0 &&
    journal.deleted.length === 0 &&
    !gone &&
    (deleteState === 'pending' || deleteState === 'failed')
  );
}

/**
 * Abandoning is possible until deactivation was first attempted (after that, an attempt whose answer was lost may
 * have changed Okta: the way out is a retry, which reads Okta first, or a rollback), and never while a step runs or
 * its outcome is unknown (a create sent and its secret not found yet must be read back from Okta first).
 */
function canAbandon(journal: RotationJournal): boolean {
  return (
    journal.outcome === 'inProgress' &&
    journal.deactivated.length === 0 &&
    journal.steps.deactivateOld.state === 'pending' &&
    !STEP_IDS.some((id) => journal.steps[id].state === 'running' || journal.steps[id].state === 'uncertain')
  );
}

export function computeNextActions(journal: RotationJournal): NextAction[] {
  if (journal.outcome !== 'inProgress' || journal.rollback?.state === 'running') return [];
  const step = currentStepOf(journal);
  const actions: NextAction[] = [];
  if (productionGuardPending(journal)) {
    actions.push({ type: 'acknowledge', guard: 'productionWithoutPreview' });
  } else if (step !== undefined && journal.steps[step].state !== 'running') {
    if (step === 'createSecret' && previewSoakPending(journal))
      actions.push({ type: 'acknowledge', guard: 'previewSoak' });
    for (const offer of stepModule(step).offers(journal)) actions.push(offer);
  }
  if (canRollback(journal)) actions.push({ type: 'rollback' });
  if (canAbandon(journal)) actions.push({ type: 'abandon' });
  return actions;
}

/**
 * The snapshot of `journal`; `busy`: a step (or a rollback) runs in this engine now; `elsewhere`: in another window.
 * Either way nothing is offered.
 */
export function buildSnapshot(journal: RotationJournal, busy: boolean, elsewhere?: RunningElsewhere): RotationSnapshot {
  const current = currentStepOf(journal);
  const j = journal;
  const pg = j.guards.productionWithoutPreview;
  const soak = j.guards.previewSoak;
  const consoleUrl = workflowsConsoleUrl(j.org.host);
  const snapshot: RotationSnapshot = {
    rotationId: j.rotationId,
    org: { ...j.org },
    environment: j.environment,
    app: { id: j.app.id, name: j.app.name, label: j.app.label, clientId: j.app.clientId },
    outcome: j.outcome,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    ...(j.endedAt ? { endedAt: j.endedAt } : {}),
    ...(j.mode ? { mode: j.mode } : {}),
    ...(current && j.outcome === 'inProgress' ? { currentStep: current } : {}),
    busy,
    ...(elsewhere ? { runningElsewhere: elsewhere } : {}),
    steps: STEP_IDS.map((id) => ({
      id,
      kind: stepKind(id),
      ...j.steps[id],
      current: id === current && j.outcome === 'inProgress',
    })),
    secrets: {
      ...(j.inUse ? { inUse: { ...j.inUse } } : {}),
      ...(j.newSecret ? { new: { ...j.newSecret } } : {}),
      old: (j.identify?.candidates ?? [])
        .filter((c) => j.oldSecretIds === undefined || j.oldSecretIds.includes(c.id))
        .map((s) => ({ ...s })),
      listed: j.preflight.secrets.map((s) => ({ ...s })),
    },
    ...(j.verification
      ? { verification: { outcome: j.verification.outcome, reason: j.verification.reason, at: j.verification.at } }
      : {}),
    manual: {
      domain: connectorDomain(j.org.host),
      clientId: j.app.clientId,
      ...(consoleUrl ? { workflowsConsoleUrl: consoleUrl } : {}),
      ...(j.newSecret ? { newSecretMasked: j.newSecret.masked } : {}),
    },
    guards: {
      ...(pg
        ? {
            productionWithoutPreview: {
              required: pg.required,
              acknowledged: pg.acknowledgedAt !== undefined,
              days: pg.days,
              ...(pg.lastPreviewCompletedAt ? { lastPreviewCompletedAt: pg.lastPreviewCompletedAt } : {}),
            },
          }
        : {}),
      ...(j.guards.unverifiedOverride ? { unverifiedOverride: { ...j.guards.unverifiedOverride } } : {}),
      ...(soak
        ? {
            previewSoak: {
              previewOrg: soak.previewOrg,
              hours: soak.hours,
              ...(soak.previewCompletedAt ? { previewCompletedAt: soak.previewCompletedAt } : {}),
              ...(soak.satisfied !== undefined ? { satisfied: soak.satisfied } : {}),
              ...(soak.acknowledgedAt ? { acknowledgedAt: soak.acknowledgedAt } : {}),
            },
          }
        : {}),
    },
    ...(j.rollback ? { rollback: { state: j.rollback.state, reactivated: [...j.rollback.reactivated] } } : {}),
    report: [...j.report],
    nextActions: busy || elsewhere ? [] : computeNextActions(j),
    journal: j,
  };
  // Plain data only (the journal copied with it): a UI may keep or post it as is.
  return JSON.parse(JSON.stringify(snapshot)) as RotationSnapshot;
}
