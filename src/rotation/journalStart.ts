// A rotation's first journal: every step pending, the production guard judged from the preview history, and the
// app's lock claimed in the store (one rotation per app at a time, across windows sharing the store).
import { randomUUID } from 'node:crypto';
import { rotationAlreadyInProgress } from '../presentation/rotationErrors.ts';
import { appRecord } from './appRecord.ts';
import type { RotationDeps, StartRotation } from './deps.ts';
import { RotationError } from './errors.ts';
import { DEFAULT_PREVIEW_RECENCY_DAYS, evaluateProductionGuard } from './guards.ts';
import { currentStepOf, JOURNAL_VERSION, parseJournal, type RotationJournal } from './model/journal.ts';
import { systemClock } from './port.ts';
import { perStep } from './model/steps.ts';

/** The new rotation's journal, saved and holding the app's lock. RotationError 'alreadyRunning' when another has it. */
export async function claimNewJournal(params: StartRotation, deps: RotationDeps): Promise<RotationJournal> {
  const now = (deps.clock ?? systemClock).now();
  const recencyDays = deps.previewRecencyDays ?? DEFAULT_PREVIEW_RECENCY_DAYS;
  // A paired production org is guarded by its own preview org's soak, checked when the create runs.
  const pairing = params.environment === 'production' ? params.pairing : undefined;
  const guards = pairing
    ? { previewSoak: { previewOrg: pairing.previewOrg, hours: pairing.soakHours, recencyDays } }
    : {
        productionWithoutPreview: evaluateProductionGuard(
          params.environment,
          await deps.previewHistory(),
          now,
          recencyDays,
        ),
      };
  const iso = now.toISOString();
  const journal = parseJournal({
    version: JOURNAL_VERSION,
    rotationId: (deps.newRotationId ?? randomUUID)(),
    org: { host: params.org.host, baseUrl: params.org.baseUrl },
    environment: params.environment,
    app: appRecord(params.app),
    createdAt: iso,
    updatedAt: iso,
    outcome: 'inProgress',
    steps: perStep(() => ({ state: 'pending' })),
    preflight: { secrets: [], needsInUseIdentification: false, retired: [] },
    deactivated: [],
    deleted: [],
    guards,
    report: [],
  });
  const holder = await deps.journals.claim(journal);
  if (holder) {
    throw new RotationError('alreadyRunning', rotationAlreadyInProgress(holder, currentStepOf(holder)));
  }
  return journal;
}
