// A history record derived from a rotation journal, plus what the journal does not know: the org's label as the
// person named it, whether it is a practice org, and who acted. Pure: the same journal and context always give the
// same record, so the record can be rebuilt after every save and compared in tests.
import type { RotationJournal, SecretRef, StepRecord } from '../rotation/model/journal.ts';
import { endingLines } from '../presentation/endings.ts';
import { stepTitle } from '../presentation/stories/titles.ts';
import { STEP_IDS, stepKind, type StepId } from '../rotation/model/steps.ts';
import {
  HISTORY_VERSION,
  parseHistoryRecord,
  type Actor,
  type Decision,
  type HistoryRecord,
  type SecretEntry,
  type StepEntry,
} from './record.ts';

export interface RecordContext {
  orgLabel: string;
  practice: boolean;
  /** Who drives the rotation now; absent when nobody is known (a journal from before the history was kept). */
  actor?: Actor;
  /** Another org (a paired preview org) as the person named it. */
  labelOf?: (host: string) => string;
}

/** When the rotation ended (or was last saved): the secrets' ages in its report are as of then. */
function endTime(journal: RotationJournal): Date {
  return new Date(journal.endedAt ?? journal.updatedAt);
}

/**
 * The record of `journal`. `previous` (the record as stored) keeps what the journal cannot say again: the actors
 * seen before this one, and Okta's System Log events already captured.
 */
export function historyRecordOf(
  journal: RotationJournal,
  context: RecordContext,
  previous?: HistoryRecord,
): HistoryRecord {
  const known = knownSecrets(journal);
  const entry = (id: string): SecretEntry => {
    const ref = known.get(id);
    return { id, ...(ref?.masked ? { masked: ref.masked } : {}), ...(ref?.created ? { created: ref.created } : {}) };
  };
  const oldIds = journal.oldSecretIds ?? (journal.inUse ? [journal.inUse.id] : []);
  return parseHistoryRecord({
    version: HISTORY_VERSION,
    rotationId: journal.rotationId,
    org: {
      label: context.orgLabel,
      host: journal.org.host,
      baseUrl: journal.org.baseUrl,
      environment: journal.environment,
      practice: context.practice,
    },
    app: { id: journal.app.id, label: journal.app.label, clientId: journal.app.clientId },
    outcome: journal.outcome,
    ...(journal.mode ? { mode: journal.mode } : {}),
    startedAt: journal.createdAt,
    ...(journal.endedAt ? { endedAt: journal.endedAt } : {}),
    updatedAt: journal.updatedAt,
    oldSecrets: oldIds.map(entry),
    ...(journal.newSecret ? { newSecret: entry(journal.newSecret.id) } : {}),
    retired: journal.preflight.retired.map(entry),
    deactivated: [...journal.deactivated],
    deleted: [...journal.deleted],
    reactivated: [...(journal.rollback?.reactivated ?? [])],
    steps: STEP_IDS.map((id) => stepEntry(id, journal.steps[id])),
    acknowledgements: acknowledgements(journal),
    overrides: overrides(journal),
    ...(journal.verification ? { verification: { ...journal.verification } } : {}),
    ...(journal.watch ? { watch: structuredClone(journal.watch) } : {}),
    actors: withActor(previous?.actors ?? [], context.actor),
    // Journals of 0.2 kept their ending as sentences; later ones are told from their state.
    report: journal.report.length > 0 ? [...journal.report] : endingLines(journal, endTime(journal), context.labelOf),
    ...(previous?.oktaLog ? { oktaLog: previous.oktaLog } : {}),
  });
}

/** Every secret the journal saw, by id, with its masked value and creation time (the latest sighting wins). */
function knownSecrets(journal: RotationJournal): Map<string, SecretRef> {
  const out = new Map<string, SecretRef>();
  const sightings = [
    ...journal.preflight.secrets,
    ...(journal.identify?.candidates ?? []),
    ...(journal.inUse ? [journal.inUse] : []),
    ...(journal.newSecret ? [journal.newSecret] : []),
  ];
  for (const s of sightings) out.set(s.id, { ...out.get(s.id), ...s });
  return out;
}

function stepEntry(id: StepId, record: StepRecord): StepEntry {
  const note = stepNote(record);
  return {
    id,
    label: stepTitle(id),
    kind: stepKind(id),
    state: record.state,
    ...(record.startedAt ? { startedAt: record.startedAt } : {}),
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(note ? { note } : {}),
    ...(record.error
      ? {
          error: {
            kind: record.error.kind,
            message: record.error.message,
            ...(record.error.errorId ? { errorId: record.error.errorId } : {}),
          },
        }
      : {}),
  };
}

const REASONS: Record<string, string> = {
  reauthorized: 'not needed: the existing connection was re-authorized',
  completed: 'not needed',
  rolledBack: 'not reached: the rotation was rolled back',
  abandoned: 'not reached: the rotation was abandoned',
  'no old active secret': 'no old secret was active',
  predatesWatch: 'not done: the rotation began before the extension watched the System Log',
};

const WATCH_NOTES: Record<string, string> = {
  clean: "no failed sign-in with the old secret in Okta's System Log for the watch's whole length",
  caught: "Okta's System Log showed a connection still using the old secret",
  cannotWatch: 'Okta refused to read its System Log',
  watching: 'watched, not long enough yet',
  deleteDespiteFindings: 'the person chose to delete although a connection still used the old secret',
  confirmedWithoutWatch: "the person confirmed every flow moved, without a watch (their word, not Okta's record)",
};

/** The step's result in words, from the few result fields that mean something to a reader. */
function stepNote(record: StepRecord): string | undefined {
  const r = record.result ?? {};
  const notes: string[] = [];
  if (r['confirmedBy'] === 'person') notes.push('confirmed by the person');
  if (r['confirmed'] === true) notes.push('old secret(s) confirmed by the person');
  if (r['overridden'] === true) notes.push('skipped by the person’s override (deactivation allowed unverified)');
  if (r['recovered'] === true) notes.push('the create’s answer was lost; the new secret was found in the list');
  if (r['valueWiped'] === true) notes.push('the new secret’s stored value was wiped');
  const decision = r['decision'];
  const watch = r['watch'];
  if (typeof decision === 'string') notes.push(WATCH_NOTES[decision] ?? decision);
  else if (typeof watch === 'string' && record.state !== 'pending') notes.push(WATCH_NOTES[watch] ?? watch);
  // A watch that ran, then the rotation ended: it was reached, and the ending says what followed.
  if (typeof watch === 'string' && record.state === 'skipped' && typeof r['reason'] === 'string') {
    notes.push(`then the rotation was ${r['reason'] === 'rolledBack' ? 'rolled back' : r['reason']}`);
    return notes.join('; ');
  }
  if (record.state === 'skipped' && typeof r['reason'] === 'string') notes.push(REASONS[r['reason']] ?? r['reason']);
  return notes.length > 0 ? notes.join('; ') : undefined;
}

function acknowledgements(journal: RotationJournal): Decision[] {
  const out: Decision[] = [];
  const g = journal.guards.productionWithoutPreview;
  if (g?.acknowledgedAt) {
    const last = g.lastPreviewCompletedAt
      ? `the last one completed ${g.lastPreviewCompletedAt}`
      : 'none ever completed';
    out.push({
      kind: 'productionWithoutPreview',
      at: g.acknowledgedAt,
      text: `Rotating production without a preview rotation completed within ${g.days} days (${last}): acknowledged.`,
    });
  }
  const d = journal.watch?.decision;
  if (d?.kind === 'confirmedWithoutWatch')
    out.push({
      kind: 'noWatch',
      at: d.at,
      text: "Every flow confirmed moved to the new connection by the person: Okta refused to read its System Log, so the old secret's delete rests on this word, not on Okta's record.",
    });
  return out;
}

function overrides(journal: RotationJournal): Decision[] {
  const out: Decision[] = [];
  const o = journal.guards.unverifiedOverride;
  if (o) {
    const outcome = o.verificationOutcome === 'none' ? 'not run' : o.verificationOutcome;
    out.push({
      kind: 'unverifiedNewSecret',
      at: o.at,
      text: `Old secret allowed to be deactivated although the new secret's verification was ${outcome}.`,
    });
  }
  const d = journal.watch?.decision;
  if (d?.kind === 'deleteDespiteFindings')
    out.push({
      kind: 'oldSecretStillUsed',
      at: d.at,
      text: "Old secret allowed to be deleted although Okta's System Log showed a connection still using it.",
    });
  return out;
}

/** The actors so far, plus `actor` when it differs from the last one (a rotation resumed by someone else). */
function withActor(actors: readonly Actor[], actor: Actor | undefined): Actor[] {
  const last = actors.at(-1);
  if (!actor || (last && sameActor(last, actor))) return [...actors];
  return [...actors, actor];
}

function sameActor(a: Actor, b: Actor): boolean {
  return (
    a.osUser === b.osUser &&
    a.credential === b.credential &&
    a.oktaLogin === b.oktaLogin &&
    a.oktaUserId === b.oktaUserId &&
    a.clientId === b.clientId
  );
}
