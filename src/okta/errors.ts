// One error type for everything that can go wrong talking to Okta, classified so callers can branch on `kind`
// and people can act on `message`. Messages never contain a token or a secret value: they are built from
// Okta's error fields and our own words only, and pass through redact() anyway. Every text an OktaError holds
// (message, stack, each property, its cause) is sanitized and redacted when it is built, so whatever view is
// taken of it (String(), util.inspect, JSON.stringify, the cause chain) shows only that.
import { duration, utcTime } from '../presentation/time.ts';
import { redact } from '../redact.ts';
import type { ConnectionFailureReason } from './network/connectionFailures.ts';
import { OKTA_TEXT_MAX, sanitizeText } from './oktaText.ts';
import type { OktaErrorBody } from './errorBodies.ts';

export type OktaErrorKind =
  | 'invalidToken' //        401 E0000011
  | 'forbidden' //           403 E0000006: missing admin role or scope
  | 'notFound' //            404 E0000007
  | 'secretLimitReached' //  400 E0000001: two secrets already
  | 'onlyActiveSecret' //    400 E0000001: cannot deactivate the only active secret
  | 'deleteActiveSecret' //  400 E0000001: cannot delete an active secret
  | 'validation' //          any other 400
  | 'rateLimited' //         429 E0000047 after our retries
  | 'serverError' //         5xx after our retries
  | 'protocol' //            a body that breaks the contract, or an unexpected status
  | 'network' //             connection refused, reset, DNS...
  | 'timeout' //             no answer in time
  | 'cancelled' //           the caller aborted
  | 'outcomeUnknown' //      a write whose result could not be determined even after reconciling
  | 'input'; //              our own validation of what the person typed

export interface OktaErrorInit {
  kind: OktaErrorKind;
  /** What we were doing, e.g. "Deactivating secret ocs…". */
  operation: string;
  /** The org's host, e.g. "acme.okta.com". */
  org?: string;
  status?: number;
  body?: OktaErrorBody;
  /** For rateLimited: when another try may succeed. */
  retryAt?: Date;
  /** For rateLimited: the time retryAt was computed at (the client's clock), for "in about N s". Default: now. */
  now?: Date;
  cause?: unknown;
  /** Overrides the default advice for the kind. */
  advice?: string;
  /** What exactly was wrong, in our words (e.g. "the body is not valid JSON"). Never a value from the body. */
  detail?: string;
  /** For createSecret's outcomeUnknown: the id of a secret that was created but whose value was lost. */
  orphanSecretId?: string;
  /** What signed the request in ("API token", "service app"): named when Okta refuses it. */
  credential?: string;
  /** For network: what refused the connection before the request left (a proxy, a certificate), when known. */
  connection?: ConnectionFailureReason;
}

/**
 * How a message starts: what failed for the person, with the org ("acme.okta.com refused the API token"). The
 * API call (`operation`) is kept on the error for the log; it leads only where it is what the person must know
 * (a result that is unknown, what they typed, a cancel).
 */
function lead(init: OktaErrorInit): string {
  const org = init.org ?? 'Okta';
  const where = init.org ? ` in ${init.org}` : '';
  switch (init.kind) {
    case 'invalidToken':
      return `${org} refused the ${init.credential ?? 'credential'}`;
    case 'forbidden':
      return `${org} refused the request: the ${init.credential ?? 'credential'} lacks a permission`;
    case 'notFound':
      return `${org} did not find it`;
    case 'secretLimitReached':
    case 'onlyActiveSecret':
    case 'deleteActiveSecret':
    case 'validation':
      return `${org} refused the change`;
    case 'rateLimited':
      return `${org} is rate limiting the extension`;
    case 'serverError':
      return `${org} had a server error`;
    case 'protocol':
      return `${org} answered in an unexpected form`;
    case 'network':
      return `${org} could not be reached`;
    case 'timeout':
      return `${org} did not answer in time`;
    case 'outcomeUnknown':
      return `The result of ${lowerFirst(init.operation)}${where} is unknown`;
    case 'cancelled':
      // A cancel with a detail is one whose outcome matters (a write that may have been carried out).
      return `${init.operation}${where} ${init.detail ? 'was cancelled' : 'failed'}`;
    case 'input':
      return `${init.operation}${where} failed`;
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const ADVICE: Record<OktaErrorKind, string> = {
  invalidToken:
    'The API token was refused: it may be revoked, expired or for another org. Set a new API token for this org.',
  forbidden:
    'The token lacks permission: its admin needs a role that can manage apps (Super Administrator, or a custom role with okta.apps.read and okta.apps.manage). Use a token created by such an admin.',
  notFound: 'It no longer exists in Okta. Refresh to see the current state.',
  secretLimitReached:
    'Okta allows two client secrets per app. Deactivate and delete the one that is not in use, then try again.',
  onlyActiveSecret: 'Okta refuses to deactivate the only active client secret. Create and activate another first.',
  deleteActiveSecret: 'Okta deletes only inactive secrets. Deactivate it first (after moving every flow off it).',
  validation: 'Okta refused the request as invalid. Check the values and try again.',
  rateLimited: 'Okta is rate limiting this org: wait before trying again.',
  serverError:
    'Okta answered with a server error. Try again in a few minutes; if it persists, contact Okta Support with the error id.',
  protocol: 'Okta answered in a form we do not understand. Try again; if it persists, report it with the log.',
  network: 'Could not reach the org. Check the domain, your network or proxy, then retry.',
  timeout: 'Okta did not answer in time. Retry; nothing is lost.',
  cancelled: 'Cancelled.',
  outcomeUnknown:
    'The result is unknown: the connection was lost after the request was sent. Refresh the secrets list to see what Okta did before acting again.',
  input: 'Check what was entered and try again.',
};

/**
 * Okta's text, or our own words around it: one safe line, redacted. Redacted before it is cut, so a cut never
 * leaves the start of a credential that redaction would no longer recognise.
 */
function clean(text: string | undefined, max = OKTA_TEXT_MAX): string | undefined {
  if (typeof text !== 'string') return undefined;
  const head = text.length > max * 4 ? `${text.slice(0, max * 4)}…` : text;
  return sanitizeText(redact(head), max);
}

/** Our own longer words (an operation, a detail, advice): the same, with room for a sentence or three. */
const OUR_TEXT_MAX = 1000;
/** Okta's causes shown at most; the rest are counted. */
const MAX_CAUSES = 5;

function validDate(d: Date | undefined): Date | undefined {
  return d instanceof Date && Number.isFinite(d.getTime()) ? d : undefined;
}

/**
 * What an OktaError keeps of a cause that is not an OktaError (an undici or Node error): its name, code and
 * message, sanitized and redacted, and the same of its own causes; never its other properties or stack.
 */
class CauseSummary extends Error {
  readonly code: string | undefined;

  constructor(cause: unknown, depth = 0) {
    const error = cause instanceof Error ? cause : undefined;
    const inner = error && 'cause' in error && error.cause !== undefined && depth < 4 ? error.cause : undefined;
    super(
      clean(error ? error.message : String(cause), OUR_TEXT_MAX) ?? '',
      inner === undefined ? undefined : { cause: safeCause(inner, depth + 1) },
    );
    this.name = clean(error ? error.name : typeof cause, 60) ?? 'Error';
    const code = error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    this.code = clean(code, 60);
    this.stack = `${this.name}: ${this.message}`;
  }
}

function safeCause(cause: unknown, depth = 0): unknown {
  return cause === undefined || cause instanceof OktaError ? cause : new CauseSummary(cause, depth);
}

export class OktaError extends Error {
  readonly kind: OktaErrorKind;
  readonly operation: string;
  readonly org: string | undefined;
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  readonly errorSummary: string | undefined;
  readonly errorId: string | undefined;
  readonly causes: readonly string[];
  readonly retryAt: Date | undefined;
  readonly advice: string;
  readonly detail: string | undefined;
  readonly orphanSecretId: string | undefined;
  readonly connection: ConnectionFailureReason | undefined;

  constructor(init: OktaErrorInit) {
    const safe = OktaError.cleanInit(init);
    const causes = (safe.body?.errorCauses ?? []).map((c) => c.errorSummary ?? '').filter((s) => s.length > 0);
    const advice = safe.advice ?? ADVICE[init.kind];
    super(
      OktaError.compose(safe, causes, advice),
      init.cause === undefined ? undefined : { cause: safeCause(init.cause) },
    );
    this.name = 'OktaError';
    this.kind = init.kind;
    this.operation = safe.operation;
    this.org = safe.org;
    this.status = safe.status;
    this.errorCode = safe.body?.errorCode;
    this.errorSummary = safe.body?.errorSummary;
    this.errorId = safe.body?.errorId;
    this.causes = causes;
    this.retryAt = safe.retryAt;
    this.advice = advice;
    this.detail = safe.detail;
    this.orphanSecretId = safe.orphanSecretId;
    this.connection = init.connection;
  }

  /** What JSON.stringify shows: the same clean fields, and the message. */
  toJSON(): Record<string, unknown> {
    const { name, kind, operation, org, status, errorCode, errorSummary, errorId, causes, detail, message } = this;
    return { name, kind, operation, org, status, errorCode, errorSummary, errorId, causes, detail, message };
  }

  /** Every text of `init` as one safe line, redacted; Okta's causes capped in number too. */
  private static cleanInit(init: OktaErrorInit): OktaErrorInit {
    const body = init.body;
    const causes = body?.errorCauses ?? [];
    const shown = causes.slice(0, MAX_CAUSES).map((c) => ({ errorSummary: clean(c.errorSummary) }));
    if (causes.length > MAX_CAUSES) shown.push({ errorSummary: `and ${causes.length - MAX_CAUSES} more` });
    return {
      ...init,
      operation: clean(init.operation, OUR_TEXT_MAX) ?? '',
      org: clean(init.org, 260),
      status: Number.isInteger(init.status) ? init.status : undefined,
      retryAt: validDate(init.retryAt),
      now: validDate(init.now),
      advice: clean(init.advice, OUR_TEXT_MAX),
      detail: clean(init.detail, OUR_TEXT_MAX),
      orphanSecretId: clean(init.orphanSecretId, 64),
      body: body && {
        errorCode: clean(body.errorCode, 64),
        errorSummary: clean(body.errorSummary),
        errorId: clean(body.errorId, 64),
        errorCauses: shown,
      },
    };
  }

  private static compose(init: OktaErrorInit, causes: string[], advice: string): string {
    const parts = [lead(init)];
    // Okta's texts often end with a period; ours add punctuation around them.
    const bare = (s: string | undefined): string | undefined => s?.replace(/[.\s]+$/, '');
    const codes = [init.status, init.body?.errorCode].filter((x) => x !== undefined && x !== '');
    if (codes.length > 0) parts.push(` (${codes.join(', ')})`);
    const summary = bare(init.body?.errorSummary);
    const okta = [...codes, ...(summary ? [summary] : [])];
    if (summary) parts.push(`: ${summary}`);
    if (causes.length > 0) parts.push(` (${causes.map(bare).join('; ')})`);
    if (init.detail) parts.push(`${okta.length > 0 || causes.length > 0 ? ',' : ':'} ${init.detail}`);
    parts.push(`. ${advice}`);
    if (init.kind === 'rateLimited' && init.retryAt)
      parts.push(` ${tryAgainAfter(init.retryAt, init.now ?? new Date())}`);
    if (init.body?.errorId) parts.push(` Okta error ID: ${init.body.errorId}.`);
    return redact(parts.join(''));
  }
}

/**
 * "Try again after 14:04 UTC (in about 61 s)." in the extension's one time convention (UTC said explicitly: the
 * extension host's time zone may not be the person's); the minute rounded up, so "after" stays true.
 */
export function tryAgainAfter(retryAt: Date, now: Date): string {
  return `Try again after ${utcTime(retryAt, now, { roundUp: true })} (in about ${duration(retryAt.getTime() - now.getTime())}).`;
}

export function isOktaError(e: unknown, kind?: OktaErrorKind): e is OktaError {
  return e instanceof OktaError && (kind === undefined || e.kind === kind);
}
