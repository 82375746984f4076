// A bounded wait for a condition the test does not control the timing of (a request reaching the simulator, an
// engine being refused). Fails naming what it waited for, instead of hanging or passing on a stale state. Not a
// timed assertion: the bound only turns "never" into a clear failure.
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** Check again after this long (default 5 ms). */
  intervalMs?: number;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 5000, intervalMs = 5 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() >= deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}; it did not happen.`);
    await sleep(intervalMs);
  }
}
