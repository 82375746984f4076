// Keeping the history as rotations go: each change of a rotation's journal rebuilds its history record, off the
// rotation's path. A rotation never waits on its history: writes are queued per rotation (only the newest journal
// waits; one in between is superseded), run one at a time per rotation, and a write that fails is reported while
// the rotation goes on. Who acted is asked by the caller's context function, which bounds its own time.
import type { RotationJournal } from '../rotation/model/journal.ts';
import { historyRecordOf, type RecordContext } from './fromJournal.ts';
import type { FileHistoryStore } from './store.ts';

type HistoryRecords = Pick<FileHistoryStore, 'get' | 'put'>;

interface Queue {
  /** The newest journal not written yet. */
  next: { journal: RotationJournal; context: () => Promise<RecordContext> } | undefined;
  /** The write under way (and those queued after it), done when the queue is empty. */
  running: Promise<void>;
}

export class HistoryRecorder {
  readonly #store: HistoryRecords;
  readonly #onProblem: (context: string, error: unknown) => void;
  readonly #queues = new Map<string, Queue>();

  constructor(store: HistoryRecords, onProblem: (context: string, error: unknown) => void) {
    this.#store = store;
    this.#onProblem = onProblem;
  }

  /** Queues the record of `journal` as it is now; returns at once. */
  record(journal: RotationJournal, context: () => Promise<RecordContext>): void {
    const id = journal.rotationId;
    const queue = this.#queues.get(id);
    if (queue) {
      queue.next = { journal, context };
      return;
    }
    const fresh: Queue = { next: { journal, context }, running: Promise.resolve() };
    this.#queues.set(id, fresh);
    fresh.running = this.#drain(id, fresh);
  }

  /** Resolves once every queued write is done (tests; before the window closes). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()].map((q) => q.running));
  }

  async #drain(id: string, queue: Queue): Promise<void> {
    try {
      while (queue.next) {
        const { journal, context } = queue.next;
        queue.next = undefined;
        try {
          const previous = await this.#store.get(id);
          await this.#store.put(historyRecordOf(journal, await context(), previous));
        } catch (e) {
          this.#onProblem(`Recording the history of rotation ${id}`, e);
        }
      }
    } finally {
      this.#queues.delete(id);
    }
  }
}

/** Records for the journals that have none yet (journals kept before the history was), without an actor. */
export async function backfillHistory(
  store: HistoryRecords,
  journals: readonly RotationJournal[],
  contextOf: (journal: RotationJournal) => RecordContext,
): Promise<number> {
  let added = 0;
  for (const journal of journals) {
    if (await store.get(journal.rotationId)) continue;
    await store.put(historyRecordOf(journal, contextOf(journal)));
    added++;
  }
  return added;
}
