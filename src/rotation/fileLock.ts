// A cross-process lock per key in a directory, for stores whose own storage is not atomic across processes
// (VS Code's globalState is shared between windows only eventually; FileJournalStore uses it too). The
// lock file appears complete in one step (a hard link of a fully written temporary file), and link() fails when
// the name exists, so of two processes claiming at once exactly one wins. Pure Node, no vscode.
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a lock file holds: who owns it, and a short description the loser can show (no secret, ever). */
export interface LockRecord {
  owner: string;
  data: string;
}

/** Decides whether a lock whose owner is not this process is left over from a crash and may be taken over. */
export type StaleCheck = (holder: LockRecord, ageMs: number) => boolean | Promise<boolean>;

export class FileLock {
  readonly #dir: string;
  readonly #now: () => number;

  constructor(dir: string, opts: { now?: () => number } = {}) {
    this.#dir = dir;
    this.#now = opts.now ?? Date.now;
  }

  #path(key: string): string {
    return join(this.#dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`);
  }

  /** The lock's record and age, or undefined when nobody holds it (or it cannot be read). */
  async holder(key: string): Promise<{ record: LockRecord; ageMs: number } | undefined> {
    const path = this.#path(key);
    try {
      const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
      const parsed = JSON.parse(text) as Partial<LockRecord>;
      if (typeof parsed.owner !== 'string' || typeof parsed.data !== 'string') return undefined;
      return { record: { owner: parsed.owner, data: parsed.data }, ageMs: Math.max(0, this.#now() - info.mtimeMs) };
    } catch {
      return undefined;
    }
  }

  /**
   * Takes the lock `key` for `owner`. Resolves undefined when it is now held by `owner` (also when it already
   * was), or the current holder's record when someone else holds it. A holder `isStale` judges dead is taken
   * over once; a rival taking it over at the same instant is detected and loses.
   */
  async acquire(key: string, owner: string, data: string, isStale: StaleCheck): Promise<LockRecord | undefined> {
    await mkdir(this.#dir, { recursive: true });
    const path = this.#path(key);
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, JSON.stringify({ owner, data } satisfies LockRecord), { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          await link(tmp, path);
          return undefined;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const current = await this.holder(key);
        if (!current) continue; // released (or unreadable) meanwhile: try again
        if (current.record.owner === owner) return undefined;
        if (!(await isStale(current.record, current.ageMs))) return current.record;
        // Move the stale lock aside, then check it is the one judged stale (not a rival's fresh one).
        const aside = `${path}.${randomUUID()}.stale`;
        try {
          await rename(path, aside);
        } catch {
          continue;
        }
        const moved = await readFile(aside, 'utf8').then(
          (t) => (JSON.parse(t) as Partial<LockRecord>).owner,
          () => undefined,
        );
        if (moved !== current.record.owner) {
          // A rival's fresh lock: put it back and lose.
          await link(aside, path).catch(() => undefined);
          await unlink(aside).catch(() => undefined);
          return (await this.holder(key))?.record ?? current.record;
        }
        await unlink(aside).catch(() => undefined);
      }
      const last = await this.holder(key);
      if (last && last.record.owner !== owner) return last.record;
      throw new Error(`Could not take the lock ${key}: another process keeps taking it. Try again.`);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  /** Releases the lock if `owner` holds it; does nothing otherwise. */
  async release(key: string, owner: string): Promise<void> {
    const current = await this.holder(key);
    if (current?.record.owner === owner) await unlink(this.#path(key)).catch(() => undefined);
  }
}
