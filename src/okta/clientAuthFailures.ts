// Is an old secret still presented? The System Log's failed client authentications and failed token grants of one
// app's OAuth client in a time window (GET /api/v1/logs, every page through the client's one paging loop, bounded by
// `until` so the pages end). A Workflows connection left on a deactivated secret shows up here at its next token
// refresh (FACTS.md "Is a secret still used?"): `app.oauth2.invalid_client_credentials`, with the presented secret's
// hash in its debug data (key `client_secret`, inferred from Okta's event catalogue), or `app.oauth2.token.grant`
// with outcome FAILURE.
// Okta does not document which field of these events names the client: the filter asks for events naming the app id
// or the client id as actor, target or client, and each event returned is kept only when one of those (or a value of
// its debug data) does. Only what the watch needs is kept, made safe where it enters: text through oktaText.ts, a
// hash only when it has the hash's shape. Without the right to read the log (403) the answer says so, as a result.
import { OktaError, isOktaError } from './errors.ts';
import { forEachPage } from './http/pages.ts';
import type { RequestLoop } from './http/requestLoop.ts';
import { LogEventListSchema, type LogEventBody } from './identitySchemas.ts';
import { assertAppId, assertClientId, shownAppId } from './ids.ts';
import { sanitizeText } from './oktaText.ts';
import { isSecretHash } from './secretHash.ts';
import { NOT_PERMITTED } from './systemLog.ts';

/** The event types a client that cannot authenticate leaves (org authorization server: /oauth2/v1/token). */
const CLIENT_AUTH_FAILURE_TYPES = ['app.oauth2.invalid_client_credentials', 'app.oauth2.token.grant'] as const;

export interface ClientAuthFailureQuery {
  /** The app (0oa…). */
  appId: string;
  /** Its OAuth client id (by default the app id). */
  clientId: string;
  /** Events published at or after this time. */
  since: Date;
  /**
   * Events published before this time. Default: just after now (the client's clock), so an event of this very
   * millisecond is in. Okta may publish an event some time after it happened: a watch that reads window after window
   * lets them overlap and keeps each failure once (by id).
   */
  until?: Date;
  /** Events per page, 1-1000. Default 1000 (the System Log's bucket is small: fewer, larger pages). */
  limit?: number;
}

/** One failed authentication or grant of the client. Every text is Okta's, made safe: escape it wherever shown. */
export interface ClientAuthFailure {
  /** The event's uuid. */
  id: string;
  /** ISO 8601, as Okta sent it. */
  published: string;
  eventType: string;
  reason?: string;
  clientIp?: string;
  userAgent?: string;
  /** The presented secret's secret_hash (22 base64url characters), when Okta recorded it. */
  secretHash?: string;
}

export type ClientAuthFailuresResult =
  | {
      status: 'listed';
      /** Oldest first. */
      failures: ClientAuthFailure[];
      /** The end of the window read (exclusive): the next window may start here. */
      until: Date;
    }
  | {
      status: 'notPermitted';
      /** In our words: why, and what would give the right. */
      detail: string;
      /** Okta's errorId of the refusal, for Okta Support. */
      errorId?: string;
    };

/** A SCIM string literal: the value quoted, its quotes and backslashes escaped. */
const quoted = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The filter of the query: the failure event types, naming the app or the client as actor, target or client. The ids
 * must already be checked (assertAppId, assertClientId); they are quoted all the same.
 */
export function clientAuthFailureFilter(appId: string, clientId: string): string {
  const [invalidClient, grant] = CLIENT_AUTH_FAILURE_TYPES;
  const types = `eventType eq ${quoted(invalidClient)} or (eventType eq ${quoted(grant)} and outcome.result eq "FAILURE")`;
  const ids = [...new Set([appId, clientId])];
  const named = ids.flatMap((id) => ['actor.id', 'target.id', 'client.id'].map((f) => `${f} eq ${quoted(id)}`));
  return `(${types}) and (${named.join(' or ')})`;
}

/** Whether `e` is a failure and names one of `ids` as actor, target, client or in its debug data. */
function isFailureOf(e: LogEventBody, ids: ReadonlySet<string>): boolean {
  const [invalidClient, grant] = CLIENT_AUTH_FAILURE_TYPES;
  const failed = e.eventType === invalidClient || (e.eventType === grant && e.outcome?.result === 'FAILURE');
  if (!failed) return false;
  const named = [e.actor?.id, e.client?.id, ...(e.target ?? []).map((t) => t.id)];
  const debugValues = Object.values(e.debugContext?.debugData ?? {});
  return [...named, ...debugValues].some((v) => typeof v === 'string' && ids.has(v));
}

/** The presented secret's hash in the debug data (client_secret as the catalogue lists it, clientSecret as the spec says). */
function presentedHash(e: LogEventBody): string | undefined {
  const data = e.debugContext?.debugData ?? {};
  return [data.client_secret, data.clientSecret].find(isSecretHash);
}

function failure(e: LogEventBody): ClientAuthFailure {
  const out: ClientAuthFailure = { id: e.uuid, published: e.published, eventType: e.eventType };
  if (e.outcome?.reason) out.reason = e.outcome.reason;
  if (e.client?.ipAddress) out.clientIp = sanitizeText(e.client.ipAddress, 64);
  const agent = e.client?.userAgent?.rawUserAgent;
  if (agent) out.userAgent = agent;
  const hash = presentedHash(e);
  if (hash) out.secretHash = hash;
  return out;
}

export async function listClientAuthFailures(
  http: RequestLoop,
  maxPages: number,
  query: ClientAuthFailureQuery,
  signal?: AbortSignal,
): Promise<ClientAuthFailuresResult> {
  const operation = `Reading the System Log for failed sign-ins of app ${shownAppId(query.appId)}`;
  const org = http.org;
  const appId = assertAppId(query.appId, operation, org);
  const clientId = assertClientId(query.clientId, operation, org);
  const until = query.until ?? new Date(Date.now() + 1);
  const invalid = (detail: string) => new OktaError({ kind: 'input', operation, org, detail });
  if (!(query.since instanceof Date) || Number.isNaN(query.since.getTime()))
    throw invalid('the since time is not a valid date');
  if (Number.isNaN(until.getTime())) throw invalid('the until time is not a valid date');
  if (query.since.getTime() > until.getTime()) throw invalid('the since time is later than the until time');
  const first = http.url('/api/v1/logs');
  first.searchParams.set('since', query.since.toISOString());
  first.searchParams.set('until', until.toISOString());
  first.searchParams.set('filter', clientAuthFailureFilter(appId, clientId));
  first.searchParams.set('limit', String(Math.min(1000, Math.max(1, Math.floor(query.limit ?? 1000)))));
  first.searchParams.set('sortOrder', 'ASCENDING');
  const ids = new Set([appId, clientId]);
  const failures: ClientAuthFailure[] = [];
  try {
    await forEachPage(
      http,
      { operation, first, schema: LogEventListSchema, maxPages, appsBucket: false, stopAtEmptyPage: true },
      (events) => {
        for (const e of events) if (isFailureOf(e, ids)) failures.push(failure(e));
      },
      signal,
    );
  } catch (e) {
    if (!isOktaError(e, 'forbidden')) throw e;
    return { status: 'notPermitted', detail: NOT_PERMITTED, ...(e.errorId ? { errorId: e.errorId } : {}) };
  }
  return { status: 'listed', failures, until };
}
