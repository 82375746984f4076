// Rotation journals in globalState (they hold ids, times and outcomes, never a secret: the engine's strict
// schema guarantees it). One key holds them all, so claim() checks and writes without an await in between:
// atomic within this extension host. Windows share globalState only eventually, so two windows claiming within
// the same instant are not excluded by this store (the engine re-checks Okta's state at every step).
import type * as vscode from 'vscode';
import { isFinished, lockKeyOf, parseJournal, type RotationJournal } from '../../rotation/journal.ts';
import type { RotationJournalStore } from '../../rotation/stores.ts';

const KEY = 'oktaWorkflows.rotationJournals';
/** Finished journals kept as history (the preview-recency guard reads them); older ones are dropped. */
const KEEP_FINISHED = 50;

export class GlobalStateJournalStore implements RotationJournalStore {
  private readonly state: vscode.Memento;
  private readonly onProblem: (message: string) => void;

  constructor(state: vscode.Memento, onProblem: (message: string) => void) {
    this.state = state;
    this.onProblem = onProblem;
  }

  async load(rotationId: string): Promise<RotationJournal | undefined> {
    return this.all().get(rotationId);
  }

  async save(journal: RotationJournal): Promise<void> {
    const all = this.all();
    all.set(journal.rotationId, parseJournal(journal));
    await this.write(all);
  }

  async delete(rotationId: string): Promise<void> {
    const all = this.all();
    if (all.delete(rotationId)) await this.write(all);
  }

  async list(): Promise<RotationJournal[]> {
    return [...this.all().values()];
  }

  async claim(journal: RotationJournal): Promise<RotationJournal | undefined> {
    const all = this.all();
    const key = lockKeyOf(journal);
    for (const other of all.values()) {
      if (other.rotationId !== journal.rotationId && !isFinished(other) && lockKeyOf(other) === key) return other;
    }
    all.set(journal.rotationId, parseJournal(journal));
    await this.write(all);
    return undefined;
  }

  async release(_journal: RotationJournal): Promise<void> {
    // The lock is the unfinished journal itself: saving it finished releases it.
  }

  /** Every stored journal that parses; a broken one is reported and skipped, never fatal. */
  private all(): Map<string, RotationJournal> {
    const raw = this.state.get<unknown>(KEY);
    const out = new Map<string, RotationJournal>();
    if (typeof raw !== 'object' || raw === null) return out;
    for (const [id, value] of Object.entries(raw)) {
      try {
        out.set(id, parseJournal(value));
      } catch (e) {
        this.onProblem(`Rotation journal ${id} in globalState cannot be read and is ignored: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }

  private write(all: Map<string, RotationJournal>): Thenable<void> {
    const finished = [...all.values()].filter(isFinished).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    for (const old of finished.slice(KEEP_FINISHED)) all.delete(old.rotationId);
    return this.state.update(KEY, Object.fromEntries(all));
  }
}
