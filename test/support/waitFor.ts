// The one way a test waits for a state it cannot await directly: polled, bounded, and failing with what it
// waited for (never a fixed sleep, never an unbounded loop).
export interface WaitOptions {
  /** Default 10 000 ms: generous for a loaded CI machine; a state that takes longer is a bug worth a failure. */
  timeoutMs?: number;
  /** Default 5 ms; 0 polls on every turn of the event loop. */
  intervalMs?: number;
  /** What the failure adds about the state seen last (e.g. the text on screen). */
  describe?: () => Promise<string>;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 10_000, intervalMs = 5, describe }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) {
      const seen = describe ? ` (${await describe().catch((e: unknown) => `describing it failed: ${String(e)}`)})` : '';
      throw new Error(`Waited ${timeoutMs / 1000} s for ${what}; it did not happen${seen}.`);
    }
    await new Promise((resolve) => (intervalMs > 0 ? setTimeout(resolve, intervalMs) : setImmediate(resolve)));
  }
}
