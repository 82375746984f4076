// Whether a request that failed may still have reached Okta and been acted on (the answer was lost, or the request
// was cancelled once sent), as opposed to one certainly never sent (refused, unresolvable). A write whose request
// may have reached Okta is read back before anything is recorded about it; a write certainly not sent is not.
import { OktaError } from './errors.ts';

const mayHaveReached = new WeakSet<OktaError>();

/** The detail of a write cancelled once it was sent (OktaError kind 'cancelled', requestMayHaveReachedOkta true). */
export const CANCELLED_AFTER_SENDING = 'the request had been sent, so whether Okta carried it out is unknown';

/** Marks `e` as the failure of a request that may have reached Okta; returns it. */
export function mayHaveReachedOkta(e: OktaError): OktaError {
  mayHaveReached.add(e);
  return e;
}

/** True when the request behind `e` may have been executed by Okta although no answer arrived. */
export function requestMayHaveReachedOkta(e: unknown): boolean {
  return e instanceof OktaError && mayHaveReached.has(e);
}

/** `to`, an error that replaces `from`, may have reached Okta when `from` may have: a write still reconciles. */
export function carryReach(from: unknown, to: OktaError): OktaError {
  if (requestMayHaveReachedOkta(from)) mayHaveReached.add(to);
  return to;
}
