// Where the engine keeps its state, behind two small interfaces: the journals as files (fileJournalStore.ts: in
// VS Code in the extension's global storage, shared by every window) and the new secret's value in SecretStorage;
// tests also use memory. The value and the journal are kept apart on purpose: the journal never holds a secret.
import { staleJournalError } from './errors.ts';
import { cloneJournal, isFinished, lockKeyOf, parseJournal, revisionOf } from './model/journal.ts';
import type { RotationJournal } from './model/journal.ts';

export interface RotationJournalStore {
  load(rotationId: string): Promise<RotationJournal | undefined>;
  /**
   * Saves `journal` as a compare-and-swap on the revision: when a journal with that id is stored under another
   * revision than `expectedRevision`, nothing is written and the store throws staleJournalError(journal)
   * (another window's engine saved it since this one read it). The revision is required, so no caller can turn
   * the guard off by leaving it out.
   */
  save(journal: RotationJournal, expectedRevision: number): Promise<void>;
  /** Writes `journal` whatever is stored under its id: imports and tests only, never the engine. */
  importJournal(journal: RotationJournal): Promise<void>;
  delete(rotationId: string): Promise<void>;
  /** Every journal kept, finished ones included (the preview-recency guard reads the history from them). */
  list(): Promise<RotationJournal[]>;
  /**
   * Check-and-claim, atomically: if another rotation still in progress holds the lock of the journal's app
   * (lockKeyOf), return that rotation's journal and save nothing; otherwise save `journal` and hold the lock for
   * it. The lock is held until release(), or until the holder's journal is saved finished.
   */
  claim(journal: RotationJournal): Promise<RotationJournal | undefined>;
  release(journal: RotationJournal): Promise<void>;
}

/** The new secret's value between its creation and the end of the rotation, keyed by rotation id. */
export interface PendingSecretStore {
  store(rotationId: string, value: string): Promise<void>;
  get(rotationId: string): Promise<string | undefined>;
  delete(rotationId: string): Promise<void>;
}

/** Journals kept as JSON text in memory (so nothing is shared by reference with an engine). */
export class MemoryJournalStore implements RotationJournalStore {
  readonly #journals = new Map<string, string>();

  async load(rotationId: string): Promise<RotationJournal | undefined> {
    const text = this.#journals.get(rotationId);
    return text === undefined ? undefined : parseJournal(JSON.parse(text));
  }

  /** Atomic because nothing between the check and the write awaits. */
  async save(journal: RotationJournal, expectedRevision: number): Promise<void> {
    const text = JSON.stringify(cloneJournal(journal));
    const stored = this.#journals.get(journal.rotationId);
    if (stored !== undefined && revisionOf(parseJournal(JSON.parse(stored))) !== expectedRevision) {
      throw staleJournalError(journal);
    }
    this.#journals.set(journal.rotationId, text);
  }

  async importJournal(journal: RotationJournal): Promise<void> {
    this.#journals.set(journal.rotationId, JSON.stringify(cloneJournal(journal)));
  }

  async delete(rotationId: string): Promise<void> {
    this.#journals.delete(rotationId);
  }

  async list(): Promise<RotationJournal[]> {
    return [...this.#journals.values()].map((text) => parseJournal(JSON.parse(text)));
  }

  /** Atomic because nothing between the check and the save awaits. */
  async claim(journal: RotationJournal): Promise<RotationJournal | undefined> {
    const key = lockKeyOf(journal);
    for (const text of this.#journals.values()) {
      const other = parseJournal(JSON.parse(text));
      if (other.rotationId !== journal.rotationId && !isFinished(other) && lockKeyOf(other) === key) return other;
    }
    this.#journals.set(journal.rotationId, JSON.stringify(cloneJournal(journal)));
    return undefined;
  }

  async release(_journal: RotationJournal): Promise<void> {
    // The lock is the unfinished journal itself: saving it finished releases it.
  }

  /** The raw stored text, for tests that search it for secrets. */
  rawText(): string {
    return [...this.#journals.values()].join('\n');
  }
}

/** The pending secret in memory (tests). Never written anywhere. */
export class MemoryPendingSecretStore implements PendingSecretStore {
  readonly #values = new Map<string, string>();

  async store(rotationId: string, value: string): Promise<void> {
    this.#values.set(rotationId, value);
  }

  async get(rotationId: string): Promise<string | undefined> {
    return this.#values.get(rotationId);
  }

  async delete(rotationId: string): Promise<void> {
    this.#values.delete(rotationId);
  }

  get size(): number {
    return this.#values.size;
  }
}
