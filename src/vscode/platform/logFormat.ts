// Log line formats, pure (tested in Node). Every line passes through redact() before it is written.
import type { ApiCallLog } from '../../okta/client.ts';
import { isOktaError } from '../../okta/errors.ts';
import { sanitizeText } from '../../okta/oktaText.ts';
import { redact } from '../../redact.ts';

/** The longest log line: an error with its causes fits; a runaway text is cut with an ellipsis. */
const MAX_LINE = 4000;

/** What the log channel writes of `text`: redacted, then one line (line breaks and control characters visible). */
export function logLine(text: string): string {
  return sanitizeText(redact(text), MAX_LINE);
}

/** An API call's log line: formatApiCall redacts it already, so it is only made one line (one call in hundreds). */
export function apiCallLine(org: string, c: ApiCallLog): string {
  return sanitizeText(formatApiCall(org, c), MAX_LINE);
}

export function formatApiCall(org: string, c: ApiCallLog): string {
  const parts = [`${org}`, c.method, c.path, String(c.status), `${Math.round(c.ms)} ms`];
  if (c.rateLimitRemaining !== undefined) parts.push(`rate-limit remaining ${c.rateLimitRemaining}`);
  if (c.errorId) parts.push(`errorId ${c.errorId}`);
  if (c.attempt > 1) parts.push(`attempt ${c.attempt}`);
  return redact(parts.join(' '));
}

/**
 * How loud an API call's line is: a failure warns; a cancel (the person's choice) and an answer the caller
 * expected whatever its status (the secret probe's invalid_grant, which means the secret works) do not.
 */
export function apiCallLevel(c: ApiCallLog): 'info' | 'warn' {
  if (c.status === 'cancelled' || c.answerExpected === true) return 'info';
  return c.status === 'error' || c.status >= 400 ? 'warn' : 'info';
}

/** The full text of an error for the log, on one line: message, the API call that failed (an OktaError's), the cause chain. */
export function describeError(e: unknown): string {
  const lines: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur !== undefined && depth < 5; depth++) {
    if (cur instanceof Error) {
      lines.push(depth === 0 ? `${cur.name}: ${cur.message}` : `caused by ${cur.name}: ${cur.message}`);
      // The person's message leads with what failed for them; the log also keeps what was being done.
      if (isOktaError(cur)) lines.push(`while: ${cur.operation}${cur.org ? ` in ${cur.org}` : ''}`);
      cur = (cur as { cause?: unknown }).cause;
    } else {
      lines.push(String(cur));
      cur = undefined;
    }
  }
  return redact(lines.join(' | '));
}
