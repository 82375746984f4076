// Okta's own record: the System Log events matching a query (GET /api/v1/logs), every page through the client's one
// paging loop. Without the right to read the log (403: a service app lacks okta.logs.read, an admin's role may not
// view it) the answer says so as a result, not an exception: an audit export is complete without it.
// Each event is reduced to what an auditor compares (ids, type, time, actor, targets, outcome): a target's
// detailEntry and the request's context are dropped, as public samples show Okta putting credentials there.
import { OktaError, isOktaError } from './errors.ts';
import { readAllPages } from './http/pages.ts';
import type { RequestLoop } from './http/requestLoop.ts';
import { LogEventListSchema, type LogEventBody } from './identitySchemas.ts';

export interface SystemLogQuery {
  /** Events published at or after this time. Default (Okta's): 7 days before `until`. */
  since?: Date;
  /** Events published before this time. Default (Okta's): now. */
  until?: Date;
  /** A SCIM filter, e.g. `target.id eq "0oa…" and eventType sw "app.oauth2.credentials"`. */
  filter?: string;
  /** Events per page, 1-1000. Default 1000 (the System Log's bucket is small: fewer, larger pages). */
  limit?: number;
}

interface LogParty {
  id?: string;
  type?: string;
  alternateId?: string;
  displayName?: string;
}

/** One event as Okta logged it (its values are Okta's text: escape them wherever they are shown). */
export interface SystemLogEvent {
  uuid: string;
  /** ISO 8601, as Okta sent it. */
  published: string;
  eventType: string;
  displayMessage?: string;
  severity?: string;
  actor?: LogParty;
  targets: LogParty[];
  outcome?: { result?: string; reason?: string };
  /** For OAuth requests, the client id that made the request. */
  clientId?: string;
  ipAddress?: string;
  transactionId?: string;
}

export type SystemLogResult =
  | { permitted: true; events: SystemLogEvent[] }
  | {
      permitted: false;
      /** In our words: why, and what would give the right. */
      reason: string;
      /** Okta's errorId of the refusal, for Okta Support. */
      errorId?: string;
    };

export const NOT_PERMITTED =
  'Okta refused to read the System Log (403): a service app needs the okta.logs.read scope, an admin a role that may view the System Log (for example super, org, app, read-only or report admin).';

function party(p: NonNullable<LogEventBody['actor']>): LogParty {
  const out: LogParty = {};
  if (p.id) out.id = p.id;
  if (p.type) out.type = p.type;
  if (p.alternateId) out.alternateId = p.alternateId;
  if (p.displayName) out.displayName = p.displayName;
  return out;
}

function event(e: LogEventBody): SystemLogEvent {
  const out: SystemLogEvent = { uuid: e.uuid, published: e.published, eventType: e.eventType, targets: [] };
  if (e.displayMessage) out.displayMessage = e.displayMessage;
  if (e.severity) out.severity = e.severity;
  if (e.actor) out.actor = party(e.actor);
  out.targets = (e.target ?? []).map(party);
  if (e.outcome) {
    out.outcome = {};
    if (e.outcome.result) out.outcome.result = e.outcome.result;
    if (e.outcome.reason) out.outcome.reason = e.outcome.reason;
  }
  if (e.client?.id) out.clientId = e.client.id;
  if (e.client?.ipAddress) out.ipAddress = e.client.ipAddress;
  if (e.transaction?.id) out.transactionId = e.transaction.id;
  return out;
}

export async function listSystemLogEvents(
  http: RequestLoop,
  maxPages: number,
  query: SystemLogQuery,
  signal?: AbortSignal,
): Promise<SystemLogResult> {
  const operation = `Reading the System Log${query.filter ? ` matching ${query.filter}` : ''}`;
  const first = http.url('/api/v1/logs');
  for (const [name, at] of [
    ['since', query.since],
    ['until', query.until],
  ] as const) {
    if (at === undefined) continue;
    if (Number.isNaN(at.getTime()))
      throw new OktaError({ kind: 'input', operation, org: http.org, detail: `the ${name} time is not a valid date` });
    first.searchParams.set(name, at.toISOString());
  }
  if (query.filter !== undefined) first.searchParams.set('filter', query.filter);
  first.searchParams.set('limit', String(Math.min(1000, Math.max(1, Math.floor(query.limit ?? 1000)))));
  first.searchParams.set('sortOrder', 'ASCENDING');
  try {
    const events = await readAllPages(
      http,
      { operation, first, schema: LogEventListSchema, maxPages, appsBucket: false, stopAtEmptyPage: true },
      signal,
    );
    return { permitted: true, events: events.map(event) };
  } catch (e) {
    if (!isOktaError(e, 'forbidden')) throw e;
    return { permitted: false, reason: NOT_PERMITTED, ...(e.errorId ? { errorId: e.errorId } : {}) };
  }
}
