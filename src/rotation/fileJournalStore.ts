// Rotation journals as JSON files in one directory, shared by every process that opens it (in VS Code, every
// window: each is its own extension host, so this is the one place they all see at once). Writes go to a temporary
// file renamed into place, so a crash never leaves half a journal. A save is a compare-and-swap on the revision under
// a lock per rotation, and a claim takes a lock per app, both FileLocks in `locks/`: of two windows saving (or
// claiming) at the same instant, exactly one wins and the other is told. Finished journals are kept for the guards
// and the history: the newest completed rotation of every org always, others up to a year and a count.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { staleJournalError } from './errors.ts';
import { FileLock, type LockRecord } from './fileLock.ts';
import { cloneJournal, isFinished, lockKeyOf, parseJournal, revisionOf } from './model/journal.ts';
import type { RotationJournal } from './model/journal.ts';
import { ROTATION_ID } from './model/shapes.ts';
import type { RotationJournalStore } from './stores.ts';

const SAVE_LOCK_TRIES = 100;
const SAVE_LOCK_STALE_MS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface FileJournalStoreOptions {
  /** Finished journals older than this are dropped (the newest completed one of each org stays). Default 400 days. */
  keepFinishedDays?: number;
  /** At most this many finished journals are kept (the same exception). Default 2000. */
  keepFinished?: number;
  now?: () => number;
}

export class FileJournalStore implements RotationJournalStore {
  readonly #dir: string;
  readonly #keepDays: number;
  readonly #keepCount: number;
  readonly #now: () => number;
  /** Each journal file as last parsed, with the stamp of the file it was read from: list() reads only what changed. */
  readonly #parsed = new Map<string, { stamp: string; journal: RotationJournal }>();

  constructor(dir: string, options: FileJournalStoreOptions = {}) {
    this.#dir = dir;
    this.#keepDays = options.keepFinishedDays ?? 400;
    this.#keepCount = options.keepFinished ?? 2000;
    this.#now = options.now ?? Date.now;
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
    if (isFinished(journal)) await this.#dropOldFinished();
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

  /** Every journal kept; a file another process is replacing, or one that does not parse, is skipped. */
  async list(): Promise<RotationJournal[]> {
    let names: string[];
    try {
      names = (await readdir(join(this.#dir, 'journals'))).filter((n) => n.endsWith('.json'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const seen = new Set(names);
    for (const name of this.#parsed.keys()) if (!seen.has(name)) this.#parsed.delete(name);
    const out: RotationJournal[] = [];
    for (const name of names) {
      const journal = await this.#cached(name);
      if (journal) out.push(journal);
    }
    return out;
  }

  async #cached(name: string): Promise<RotationJournal | undefined> {
    const path = join(this.#dir, 'journals', name);
    try {
      const info = await stat(path);
      const stamp = `${info.mtimeMs}:${info.size}:${info.ino}`;
      const known = this.#parsed.get(name);
      if (known?.stamp === stamp) return cloneJournal(known.journal);
      const journal = parseJournal(JSON.parse(await readFile(path, 'utf8')));
      this.#parsed.set(name, { stamp, journal });
      return cloneJournal(journal);
    } catch {
      return undefined;
    }
  }

  /**
   * Drops finished journals past the retention, oldest first; never an unfinished one, nor the newest completed
   * rotation of an org (the preview guards read it, however old).
   */
  async #dropOldFinished(): Promise<void> {
    const finished = (await this.list()).filter(isFinished).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    const newestCompleted = new Set<string>();
    const protectedIds = new Set<string>();
    for (const j of finished)
      if (j.outcome === 'completed' && !newestCompleted.has(j.org.host)) {
        newestCompleted.add(j.org.host);
        protectedIds.add(j.rotationId);
      }
    const oldest = this.#now() - this.#keepDays * DAY_MS;
    const drop = finished.filter(
      (j, i) => !protectedIds.has(j.rotationId) && (i >= this.#keepCount || Date.parse(j.updatedAt) < oldest),
    );
    for (const j of drop) await this.delete(j.rotationId);
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
