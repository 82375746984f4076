// Rotation journals in globalState (they hold ids, times and outcomes, never a secret: the engine's strict schema
// guarantees it), one key per journal: a save writes (and VS Code copies) that journal alone, so fifty rotations
// saving at once cost fifty small writes, not fifty copies of every journal. A save reads its journal's revision and
// writes with no await in between: a compare-and-swap within this extension host. Windows share globalState only
// eventually, so across windows a claim also takes a file lock per app in `lockDir` (the extension's globalStorage
// folder, shared by all windows): of two windows claiming the same app at the same instant, exactly one wins. Reads
// go through a JournalReader, which never takes a journal back to an older revision when VS Code echoes an earlier
// write (journalReader.ts). Journals kept by earlier versions under one key are moved to their own keys on first use.
import type * as vscode from 'vscode';
import { FileLock, type LockRecord } from '../../rotation/fileLock.ts';
import { staleJournalError } from '../../rotation/errors.ts';
import { isFinished, lockKeyOf, parseJournal, revisionOf, type RotationJournal } from '../../rotation/model/journal.ts';
import type { RotationJournalStore } from '../../rotation/stores.ts';
import { JournalReader } from './journalReader.ts';

const PREFIX = 'oktaWorkflows.rotationJournal/';
/** Where earlier versions kept every journal, under one key. */
const LEGACY_KEY = 'oktaWorkflows.rotationJournals';
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
  private migration: Promise<void> | undefined;

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
    await this.migrate();
    return this.read(rotationId);
  }

  /** The revision check and the write have no await between them: a compare-and-swap within this window (another
   * window's save reaches this one when globalState syncs, so a later save from here is refused as stale). */
  async save(journal: RotationJournal, expectedRevision: number): Promise<void> {
    await this.migrate();
    const stored = this.read(journal.rotationId);
    if (stored && revisionOf(stored) !== expectedRevision) throw staleJournalError(journal);
    await this.store(journal);
  }

  async importJournal(journal: RotationJournal): Promise<void> {
    await this.migrate();
    await this.store(journal);
  }

  private async store(journal: RotationJournal): Promise<void> {
    const checked = parseJournal(journal);
    this.reader.wrote(checked);
    await this.state.update(PREFIX + checked.rotationId, checked);
    if (isFinished(checked)) {
      await this.dropOldHistory();
      await this.release(checked);
    }
  }

  async delete(rotationId: string): Promise<void> {
    await this.migrate();
    const journal = this.read(rotationId);
    this.reader.deleted(rotationId);
    await this.state.update(PREFIX + rotationId, undefined);
    if (journal) await this.release(journal);
  }

  async list(): Promise<RotationJournal[]> {
    await this.migrate();
    return [...this.all().values()];
  }

  async claim(journal: RotationJournal): Promise<RotationJournal | undefined> {
    await this.migrate();
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
      if (holder) return this.read(holder.owner) ?? parseJournal(JSON.parse(holder.data));
    }
    // Re-read: globalState may have changed while the lock was taken.
    const late = holderIn(this.all());
    if (late) {
      await this.lock?.release(key, journal.rotationId);
      return late;
    }
    const checked = parseJournal(journal);
    this.reader.wrote(checked);
    await this.state.update(PREFIX + checked.rotationId, checked);
    return undefined;
  }

  async release(journal: RotationJournal): Promise<void> {
    // Within this window the lock is the unfinished journal itself; across windows, the file lock.
    await this.lock?.release(lockKeyOf(journal), journal.rotationId);
  }

  /** A lock left by a rotation that ended (or that no window knows of, long after it was taken) may be taken over. */
  private isStale(record: LockRecord, ageMs: number): boolean {
    const known = this.read(record.owner);
    if (known) return isFinished(known);
    return ageMs > UNKNOWN_HOLDER_STALE_MS;
  }

  /** One stored journal that parses (never older than this window wrote it); a broken one is reported and skipped. */
  private read(rotationId: string): RotationJournal | undefined {
    return this.reader.read(rotationId, this.state.get<unknown>(PREFIX + rotationId), (id, e) =>
      this.onProblem(
        `Rotation journal ${id} in globalState cannot be read and is ignored: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }

  /** Every stored journal that parses, this window's recent writes included (an echo may not show their keys yet). */
  private all(): Map<string, RotationJournal> {
    const ids = new Set([
      ...this.state.keys().flatMap((k) => (k.startsWith(PREFIX) ? [k.slice(PREFIX.length)] : [])),
      ...this.reader.recentlyWritten(),
    ]);
    const out = new Map<string, RotationJournal>();
    for (const id of ids) {
      const journal = this.read(id);
      if (journal) out.set(id, journal);
    }
    return out;
  }

  /** The finished journals past the newest KEEP_FINISHED are dropped. */
  private async dropOldHistory(): Promise<void> {
    const finished = [...this.all().values()].filter(isFinished).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    for (const old of finished.slice(KEEP_FINISHED)) {
      this.reader.deleted(old.rotationId);
      await this.state.update(PREFIX + old.rotationId, undefined);
    }
  }

  /** Journals an earlier version kept under one key move to their own keys, once (an entry already moved stays). */
  private migrate(): Promise<void> {
    this.migration ??= this.moveLegacyJournals();
    return this.migration;
  }

  private async moveLegacyJournals(): Promise<void> {
    const legacy = this.state.get<unknown>(LEGACY_KEY);
    if (typeof legacy !== 'object' || legacy === null) return;
    for (const [id, value] of Object.entries(legacy))
      if (this.state.get<unknown>(PREFIX + id) === undefined) await this.state.update(PREFIX + id, value);
    await this.state.update(LEGACY_KEY, undefined);
  }
}
