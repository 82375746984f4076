// Where the engine keeps its state, behind two small interfaces: in VS Code the journal goes to globalState and
// the new secret's value to SecretStorage; tests use memory or files. The value and the journal are
// kept apart on purpose: the journal never holds a secret.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { staleJournalError } from './errors.ts';
import { FileLock, type LockRecord } from './fileLock.ts';
import { ROTATION_ID } from './model/shapes.ts';
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

const SAVE_LOCK_TRIES = 100;
const SAVE_LOCK_STALE_MS = 10_000;

/**
 * Journals as JSON files in a directory (tests, and processes sharing one folder). Writes go to a temporary file
 * renamed into place, so a crash never leaves half a journal. The per-app lock and the per-rotation save lock are
 * FileLocks in `locks/`, which makes check-and-claim and compare-and-swap atomic across processes sharing the
 * directory.
 */
export class FileJournalStore implements RotationJournalStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  #journalPath(rotationId: string): string {
    if (!ROTATION_ID.test(rotationId)) throw new Error(`Not a rotation id: ${JSON.stringify(rotationId.slice(0, 80))}`);
    return join(this.#dir, 'journals', `${rotationId}.json`);
  }

  #locks(): FileLock {
    return new FileLock(join(this.#dir, 'locks'));
  }

  async load(rotationId: string): Promise<RotationJournal | undefined> {
    try {
      return parseJournal(JSON.parse(await readFile(this.#journalPath(rotationId), 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async save(journal: RotationJournal, expectedRevision: number): Promise<void> {
    // Compare-and-swap across processes: read, compare and write under a lock per rotation.
    await this.#underSaveLock(journal.rotationId, async () => {
      const stored = await this.load(journal.rotationId);
      if (stored && revisionOf(stored) !== expectedRevision) throw staleJournalError(journal);
      await this.#write(journal);
    });
  }

  async importJournal(journal: RotationJournal): Promise<void> {
    await this.#write(journal);
  }

  async #write(journal: RotationJournal): Promise<void> {
    const path = this.#journalPath(journal.rotationId);
    const text = JSON.stringify(cloneJournal(journal), null, 2);
    await mkdir(join(this.#dir, 'journals'), { recursive: true });
    const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path);
  }

  /** Runs `body` holding the save lock of `rotationId`; waits (bounded) while another save holds it. */
  async #underSaveLock(rotationId: string, body: () => Promise<void>): Promise<void> {
    const lock = this.#locks();
    const key = `save:${rotationId}`;
    const owner = randomUUID();
    // A save takes milliseconds: a lock older than SAVE_LOCK_STALE_MS was left by a crash mid-save.
    const isStale = (_holder: unknown, ageMs: number) => ageMs > SAVE_LOCK_STALE_MS;
    for (let attempt = 0; ; attempt++) {
      if ((await lock.acquire(key, owner, rotationId, isStale)) === undefined) break;
      if (attempt >= SAVE_LOCK_TRIES)
        throw new Error(`Could not save rotation ${rotationId}: another process keeps its journal locked. Try again.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    try {
      await body();
    } finally {
      await lock.release(key, owner);
    }
  }

  async delete(rotationId: string): Promise<void> {
    await rm(this.#journalPath(rotationId), { force: true });
  }

  async list(): Promise<RotationJournal[]> {
    let names: string[];
    try {
      names = await readdir(join(this.#dir, 'journals'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: RotationJournal[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const journal = await this.load(name.slice(0, -'.json'.length));
      if (journal) out.push(journal);
    }
    return out;
  }

  /**
   * The per-app lock is a FileLock held by the claiming rotation's id. A holder whose journal is gone or finished
   * ended without releasing it (a crash) and is taken over.
   */
  async claim(journal: RotationJournal): Promise<RotationJournal | undefined> {
    const key = lockKeyOf(journal);
    const isLeftover = async (record: LockRecord): Promise<boolean> => {
      const holder = ROTATION_ID.test(record.owner) ? await this.load(record.owner) : undefined;
      return !holder || isFinished(holder);
    };
    // The journal is written before the lock, so a lock always names a journal that exists.
    await this.#write(journal);
    try {
      // Two tries: the holder may finish between the lock's answer and our reading of its journal.
      for (let attempt = 0; attempt < 2; attempt++) {
        const record = await this.#locks().acquire(key, journal.rotationId, journal.rotationId, isLeftover);
        if (record === undefined) return undefined;
        const holder = ROTATION_ID.test(record.owner) ? await this.load(record.owner) : undefined;
        if (holder && !isFinished(holder)) {
          await this.delete(journal.rotationId); // a refused claim leaves nothing behind
          return holder;
        }
      }
    } catch (e) {
      await this.delete(journal.rotationId);
      throw e;
    }
    await this.delete(journal.rotationId);
    throw new Error(`Could not take the rotation lock for ${key}: another process keeps taking it. Try again.`);
  }

  async release(journal: RotationJournal): Promise<void> {
    await this.#locks().release(lockKeyOf(journal), journal.rotationId);
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
