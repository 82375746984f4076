// Rotation journals in globalState (they hold ids, times and outcomes, never a secret: the engine's strict
// schema guarantees it). One key holds them all, so claim() checks and writes without an await in between:
// atomic within this extension host. Windows share globalState only eventually, so across windows the claim
// also takes a file lock per app in `lockDir` (the extension's globalStorage folder, shared by all windows):
// of two windows claiming the same app at the same instant, exactly one wins. Reads go through a JournalReader,
// which never takes a journal back to an older revision when VS Code echoes an earlier write (journalReader.ts).
import type * as vscode from 'vscode';
import { FileLock, type LockRecord } from '../../rotation/fileLock.ts';
import { staleJournalError } from '../../rotation/errors.ts';
import { isFinished, lockKeyOf, parseJournal, revisionOf, type RotationJournal } from '../../rotation/journal.ts';
import type { RotationJournalStore } from '../../rotation/stores.ts';
import { JournalReader } from './journalReader.ts';

const KEY = 'oktaWorkflows.rotationJournals';
/** Finished journals kept as history (the preview-recency guard reads them); older ones are dropped. */
const KEEP_FINISHED = 50;
/** A lock whose rotation this window has never seen (not even after globalState synced) is a leftover after this long. */
const UNKNOWN_HOLDER_STALE_MS = 10 * 60 * 1000;

export interface GlobalStateJournalStoreOptions {
  /** A directory shared by every window (context.globalStorageUri.fsPath): claims lock across windows there. */
  lockDir?: string;
  now?: () => number;
}

export class GlobalStateJournalStore implements RotationJournalStore {
  private readonly state: vscode.Memento;
  private readonly onProblem: (message: string) => void;
  private readonly lock: FileLock | undefined;
  private readonly reader = new JournalReader();

  constructor(
    state: vscode.Memento,
    onProblem: (message: string) => void,
    options: GlobalStateJournalStoreOptions = {},
  ) {
    this.state = state;
    this.onProblem = onProblem;
    this.lock = options.lockDir ? new FileLock(options.lockDir, options.now ? { now: options.now } : {}) : undefined;
  }

  async load(rotationId: string): Promise<RotationJournal | undefined> {
    return this.all().get(rotationId);
  }

  /** The revision check and the write have no await between them: a compare-and-swap within this window (another
   * window's save reaches this one when globalState syncs, so a later save from here is refused as stale). */
  async save(journal: RotationJournal, expectedRevision: number): Promise<void> {
    const all = this.all();
    const stored = all.get(journal.rotationId);
    if (stored && revisionOf(stored) !== expectedRevision) throw staleJournalError(journal);
    await this.store(all, journal);
  }

  async importJournal(journal: RotationJournal): Promise<void> {
    await this.store(this.all(), journal);
  }

  private async store(all: Map<string, RotationJournal>, journal: RotationJournal): Promise<void> {
    const checked = parseJournal(journal);
    all.set(journal.rotationId, checked);
    this.reader.wrote(checked);
    await this.write(all);
    if (isFinished(journal)) await this.release(journal);
  }

  async delete(rotationId: string): Promise<void> {
    const all = this.all();
    const journal = all.get(rotationId);
    this.reader.deleted(rotationId);
    if (all.delete(rotationId)) await this.write(all);
    if (journal) await this.release(journal);
  }

  async list(): Promise<RotationJournal[]> {
    return [...this.all().values()];
  }

  async claim(journal: RotationJournal): Promise<RotationJournal | undefined> {
    const key = lockKeyOf(journal);
    const holderIn = (all: Map<string, RotationJournal>) =>
      [...all.values()].find(
        (other) => other.rotationId !== journal.rotationId && !isFinished(other) && lockKeyOf(other) === key,
      );
    const seen = holderIn(this.all());
    if (seen) return seen;
    if (this.lock) {
      const holder = await this.lock.acquire(key, journal.rotationId, JSON.stringify(journal), (record, ageMs) =>
        this.isStale(record, ageMs),
      );
      if (holder) return this.all().get(holder.owner) ?? parseJournal(JSON.parse(holder.data));
    }
    // Re-read: globalState may have changed while the lock was taken.
    const all = this.all();
    const late = holderIn(all);
    if (late) {
      await this.lock?.release(key, journal.rotationId);
      return late;
    }
    const checked = parseJournal(journal);
    all.set(journal.rotationId, checked);
    this.reader.wrote(checked);
    await this.write(all);
    return undefined;
  }

  async release(journal: RotationJournal): Promise<void> {
    // Within this window the lock is the unfinished journal itself; across windows, the file lock.
    await this.lock?.release(lockKeyOf(journal), journal.rotationId);
  }

  /** A lock left by a rotation that ended (or that no window knows of, long after it was taken) may be taken over. */
  private isStale(record: LockRecord, ageMs: number): boolean {
    const known = this.all().get(record.owner);
    if (known) return isFinished(known);
    return ageMs > UNKNOWN_HOLDER_STALE_MS;
  }

  /** Every stored journal that parses (never older than this window wrote it); a broken one is reported and skipped. */
  private all(): Map<string, RotationJournal> {
    return this.reader.read(this.state.get<unknown>(KEY), (id, e) =>
      this.onProblem(
        `Rotation journal ${id} in globalState cannot be read and is ignored: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }

  private write(all: Map<string, RotationJournal>): Thenable<void> {
    const finished = [...all.values()].filter(isFinished).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    for (const old of finished.slice(KEEP_FINISHED)) {
      all.delete(old.rotationId);
      this.reader.deleted(old.rotationId);
    }
    return this.state.update(KEY, Object.fromEntries(all));
  }
}
