// When a call that failed is tried again: a 429 waited out until Okta's reset, a network error or a 5xx after a
// jittered backoff, each only while the call's tries and the operation's retries, waits and time allow. Decides
// only; the request loop sends, waits and logs.
import { OktaError } from '../errors.ts';
import type { OktaErrorBody } from '../errorBodies.ts';
import { rateLimitWaitMs, requestIdOf } from '../rateLimit.ts';
import { errorForStatus, type ErrorContext } from '../responseErrors.ts';
import type { HttpResponse } from '../transport.ts';
import type { OperationBudget } from './operationBudget.ts';

/** The state of one call across its attempts. */
export interface Attempts {
  failures: number;
  rateLimitRetries: number;
  reauthorized: boolean;
  retryFor: string | undefined;
}

export interface RetryLimits {
  maxRateLimitRetries: number;
  maxRateLimitWaitMs: number;
  retryBaseDelayMs: number;
  random: () => number;
}

/**
 * A 429: how long to wait until Okta's reset (on Okta's clock), when the call and the operation allow one more wait
 * of that length (counted in `state` and `budget`); otherwise throws a rateLimited error saying when to try again.
 */
export function rateLimitWait(
  res: HttpResponse,
  at: number,
  state: Attempts,
  budget: OperationBudget,
  limits: RetryLimits,
  context: ErrorContext,
  body: OktaErrorBody | undefined,
): number {
  const wait = rateLimitWaitMs(res.headers, at);
  if (wait === undefined) {
    throw new OktaError({
      kind: 'rateLimited',
      operation: context.operation,
      org: context.org,
      status: 429,
      body,
      detail: 'its X-Rate-Limit-Reset is not a believable time, so the extension did not wait',
      advice: 'Okta is rate limiting this org: try again in a few minutes.',
    });
  }
  const retryAt = new Date(at + wait);
  budget.rateLimitSeen(retryAt);
  if (
    state.rateLimitRetries >= limits.maxRateLimitRetries ||
    wait > limits.maxRateLimitWaitMs ||
    !budget.canWaitForRateLimit()
  )
    throw errorForStatus(context, 429, body, retryAt, new Date(at));
  if (wait >= budget.remainingMs())
    throw budget.rateLimitPastDeadline(context.operation, context.org, retryAt, new Date(at), body);
  state.rateLimitRetries++;
  state.retryFor = requestIdOf(res.headers) ?? state.retryFor;
  budget.rateLimitWait(wait, retryAt);
  return wait;
}

/** The backoff before trying a failed try again, when the call's tries and the operation's retries and time allow. */
export function retryDelay(
  tries: number,
  state: Attempts,
  budget: OperationBudget,
  limits: RetryLimits,
): number | undefined {
  state.failures++;
  if (state.failures >= tries || !budget.canRetry()) return undefined;
  const ceiling = Math.min(4000, limits.retryBaseDelayMs * 2 ** (state.failures - 1));
  const delay = Math.round(ceiling / 2 + (limits.random() * ceiling) / 2);
  if (delay >= budget.remainingMs()) return undefined;
  budget.retried();
  return delay;
}
