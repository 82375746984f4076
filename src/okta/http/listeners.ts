// What the client tells its caller while it works: one line per HTTP exchange (onApiCall) and each wait before a
// retry (onWait). A listener that throws must not fail the call it watches, and its failure must not vanish
// either: it goes to the caller's onListenerError, or else to a process warning.

export interface ApiCallLog {
  method: string;
  /** The URL path, never the query. */
  path: string;
  /** The HTTP status; 'error' when no answer came, 'cancelled' when the caller stopped waiting for it. */
  status: number | 'error' | 'cancelled';
  /** The caller reads any status as an answer (the secret probe: invalid_grant means the secret works). */
  answerExpected?: boolean;
  ms: number;
  rateLimitRemaining?: number;
  errorId?: string;
  /** 1 for the first try of a call, 2… for retries. */
  attempt: number;
}

/** A 429's wait for the rate-limit reset, a retry's backoff, or an answer slow to come (ms: at most how long more). */
export type WaitReason = 'rateLimit' | 'retry' | 'answer';

export type ListenerName = 'onApiCall' | 'onWait';

export type ListenerErrorHandler = (error: unknown, listener: ListenerName) => void;

const WARNING = { type: 'OktaClientListenerWarning', code: 'OWSR_OKTA_LISTENER_FAILED' } as const;

/**
 * The report when the caller gave no onListenerError: a process warning naming the listener. Never the error's
 * text: a logger fails while holding what it was logging, and that text could carry it.
 */
export function warnListenerFailed(_error: unknown, listener: ListenerName): void {
  process.emitWarning(`The Okta client's ${listener} listener threw; the call went on without it.`, WARNING);
}

/** Calls `listener` with `args`; when it throws, the error goes to `onError` and the caller's call goes on. */
export function notifyListener<N extends ListenerName, A extends unknown[]>(
  name: N,
  listener: ((...args: A) => void) | undefined,
  args: A,
  onError: (error: unknown, listener: N) => void = warnListenerFailed,
): void {
  if (!listener) return;
  try {
    listener(...args);
  } catch (error) {
    try {
      onError(error, name);
    } catch {
      // The handler's own error is not shown for the same reason as the listener's (see warnListenerFailed).
      process.emitWarning(
        `The Okta client's onListenerError handler threw while reporting a failing ${name} listener.`,
        WARNING,
      );
    }
  }
}
