// Each org of a bulk action acts on a signal of its own, aborted with the bulk action's (its reason forwarded: a
// deadline stays a deadline, a cancel a cancel). A bulk action's signal is one operation's (one budget of retries,
// rate-limit waits and items); given to every org, fifty orgs would share it and one org's 429s would use up the
// others'. On a signal of its own, each org's step is an operation of its own, as in a single checklist.

export interface OrgSignal {
  readonly signal: AbortSignal | undefined;
  dispose(): void;
}

export function orgSignal(bulk: AbortSignal | undefined): OrgSignal {
  if (!bulk) return { signal: undefined, dispose: () => undefined };
  const own = new AbortController();
  const forward = () => own.abort(bulk.reason);
  if (bulk.aborted) forward();
  else bulk.addEventListener('abort', forward, { once: true });
  return { signal: own.signal, dispose: () => bulk.removeEventListener('abort', forward) };
}
