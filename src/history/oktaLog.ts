// Okta's own record beside ours: the System Log events whose target is the Workflows OAuth app, within each
// rotation's window, so an auditor can compare both. Reading the System Log needs a right the credential may lack
// (okta.logs.read for a service app; for an API token, an admin who may read the log): without it the export says
// so and is otherwise complete. Okta keeps its System Log for 90 days, so events are kept in the history record
// once the window has closed and they can no longer change.
import type { OktaClient, SystemLogEvent } from '../okta/client.ts';
import type { HistoryRecord, LogParty, OktaLogCapture, OktaLogEvent } from './record.ts';

/** What the history needs of an Okta client: one query of the System Log, all pages followed. */
export type OktaLogReader = Pick<OktaClient, 'listSystemLogEvents'>;

export type OktaLogSection =
  | { status: 'listed'; capture: OktaLogCapture; fromHistory: boolean }
  | { status: 'notPermitted' | 'notQueried' | 'failed'; detail: string };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Okta keeps System Log events this long. */
const RETENTION_MS = 90 * DAY;
/** Events are written within seconds; the window extends past the rotation's end to catch late ones. */
const BEFORE_MS = 2 * MINUTE;
const AFTER_MS = 10 * MINUTE;
/** After this long past the window, Okta's events for it are settled and are kept in the history. */
const SETTLED_MS = 60 * MINUTE;

/** The query for a record: the app as target, from just before the start to just after the end (or now). */
function oktaLogQuery(record: HistoryRecord, now: Date): { since: string; until: string; filter: string } {
  const start = Date.parse(record.startedAt) - BEFORE_MS;
  const end = record.endedAt ? Date.parse(record.endedAt) + AFTER_MS : now.getTime();
  return {
    since: new Date(start).toISOString(),
    until: new Date(Math.min(end, now.getTime())).toISOString(),
    filter: `target.id eq "${record.app.id}"`,
  };
}

export interface OrgLogOptions {
  now: Date;
  signal?: AbortSignal;
  /** Told of a capture that can no longer change, so the history keeps it past Okta's 90 days. */
  keep?: (record: HistoryRecord, capture: OktaLogCapture) => Promise<void>;
}

/**
 * The System Log section of each record of ONE org, queried one record after another. The first refusal (the
 * right is missing) or failure stops the queries for the org: the rest say why, and nothing hammers Okta.
 * `reader` is undefined, with why, when the org cannot be asked (not configured, no credentials).
 */
export async function oktaLogForOrg(
  records: readonly HistoryRecord[],
  reader: OktaLogReader | { unavailable: string },
  options: OrgLogOptions,
): Promise<Map<string, OktaLogSection>> {
  const out = new Map<string, OktaLogSection>();
  let stop: OktaLogSection | undefined;
  for (const record of records) {
    if (record.oktaLog) {
      out.set(record.rotationId, { status: 'listed', capture: record.oktaLog, fromHistory: true });
      continue;
    }
    const query = oktaLogQuery(record, options.now);
    if (options.now.getTime() - Date.parse(query.until) > RETENTION_MS) {
      out.set(record.rotationId, {
        status: 'notQueried',
        detail: 'The rotation is older than the 90 days Okta keeps its System Log, and no events were kept then.',
      });
      continue;
    }
    if ('unavailable' in reader) {
      out.set(record.rotationId, { status: 'notQueried', detail: reader.unavailable });
      continue;
    }
    if (stop) {
      out.set(record.rotationId, stop);
      continue;
    }
    options.signal?.throwIfAborted();
    let answer: Awaited<ReturnType<OktaLogReader['listSystemLogEvents']>>;
    try {
      const { since, until, filter } = query;
      answer = await reader.listSystemLogEvents(
        { since: new Date(since), until: new Date(until), filter },
        options.signal,
      );
    } catch (e) {
      if (options.signal?.aborted) throw e;
      const detail = `Okta's System Log could not be read: ${e instanceof Error ? e.message : String(e)}`;
      stop = { status: 'failed', detail };
      out.set(record.rotationId, stop);
      continue;
    }
    if (!answer.permitted) {
      const errorId = answer.errorId ? ` Okta error ID: ${answer.errorId}.` : '';
      stop = { status: 'notPermitted', detail: `${answer.reason}${errorId}` };
      out.set(record.rotationId, stop);
      continue;
    }
    const capture: OktaLogCapture = {
      queriedAt: options.now.toISOString(),
      ...query,
      events: answer.events
        .map(historyEventOf)
        .sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0)),
    };
    out.set(record.rotationId, { status: 'listed', capture, fromHistory: false });
    const settled = record.outcome !== 'inProgress' && options.now.getTime() - Date.parse(query.until) >= SETTLED_MS;
    if (settled) await options.keep?.(record, capture);
  }
  return out;
}

/** Okta's event as the history keeps it: its texts clipped to the record's bounds, empty ones left out. */
function historyEventOf(e: SystemLogEvent): OktaLogEvent {
  const out: OktaLogEvent = {
    uuid: clip(e.uuid, 500) || 'unknown',
    published: clip(e.published, 500) || 'unknown',
    eventType: clip(e.eventType, 500) || 'unknown',
    targets: e.targets.map(partyOf),
  };
  const message = clip(e.displayMessage ?? '', 2000);
  if (message) out.displayMessage = message;
  const outcome = clip(e.outcome?.result ?? '', 500);
  if (outcome) out.outcome = outcome;
  if (e.actor) out.actor = partyOf(e.actor);
  return out;
}

function partyOf(p: LogParty): LogParty {
  const out: LogParty = {};
  const id = clip(p.id ?? '', 500);
  if (id) out.id = id;
  const type = clip(p.type ?? '', 500);
  if (type) out.type = type;
  const alternateId = clip(p.alternateId ?? '', 500);
  if (alternateId) out.alternateId = alternateId;
  const displayName = clip(p.displayName ?? '', 2000);
  if (displayName) out.displayName = displayName;
  return out;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
