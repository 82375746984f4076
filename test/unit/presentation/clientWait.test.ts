// The Okta client's wait as the checklist keeps it: what it says, when it is dropped, which waits pass unnoticed.
// Pure: a clock of our own for the seconds left, real (short) timers for the end of a wait.
import assert from 'node:assert/strict';
import { ClientWait } from '../../../src/presentation/checklist/clientWait.ts';

function waitWith(start = 1_000_000): { wait: ClientWait; changes: () => number; at: (ms: number) => void } {
  let now = start;
  let changes = 0;
  const wait = new ClientWait(
    () => changes++,
    () => now,
  );
  return { wait, changes: () => changes, at: (ms) => (now = start + ms) };
}

describe('ClientWait: the wait a checklist action shows', () => {
  it("says a rate limit's wait in whole seconds left, at least one", () => {
    const { wait, changes, at } = waitWith();
    wait.note('rateLimit', 42_500);
    assert.deepEqual(wait.shown(), { reason: 'rateLimit', seconds: 43 });
    at(42_400);
    assert.deepEqual(wait.shown(), { reason: 'rateLimit', seconds: 1 });
    assert.equal(changes(), 1);
    wait.clear();
  });

  it('lets a backoff under a second pass unnoticed, and says a longer one', () => {
    const { wait, changes } = waitWith();
    wait.note('retry', 999);
    assert.equal(wait.shown(), undefined);
    assert.equal(changes(), 0);
    wait.note('retry', 2_000);
    assert.deepEqual(wait.shown(), { reason: 'retry', seconds: 2 });
    wait.clear();
  });

  it("drops a slow answer's wait when the answer comes (its wait of 0), and only that kind of wait", () => {
    const { wait, changes } = waitWith();
    wait.note('rateLimit', 10_000);
    wait.note('answer', 0);
    assert.equal(wait.shown()?.reason, 'rateLimit', 'an answer ending does not end a rate-limit wait');
    wait.note('answer', 30_000);
    assert.equal(changes(), 2);
    wait.note('answer', 0);
    assert.equal(wait.shown(), undefined);
    assert.equal(changes(), 3);
  });

  it('drops the wait by itself when its time is over, and says so', async () => {
    let changed!: () => void;
    const ended = new Promise<void>((resolve) => (changed = resolve));
    let calls = 0;
    const wait = new ClientWait(() => {
      if (++calls === 2) changed();
    });
    wait.note('rateLimit', 20);
    await ended;
    assert.equal(wait.shown(), undefined);
  });

  it('clear() forgets the wait and its timer without a change said', async () => {
    const { wait, changes } = waitWith();
    wait.note('rateLimit', 20);
    wait.clear();
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(wait.shown(), undefined);
    assert.equal(changes(), 1, 'only the note itself');
  });
});
