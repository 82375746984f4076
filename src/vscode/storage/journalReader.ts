// Reading a rotation journal kept in globalState: never backwards, and without validating it again when it has not
// changed. VS Code hands a window's own writes back to its extension host a moment later (the main thread echoes
// every change of the extension's global state), and with several rotations saving at once (a campaign) the echo of
// an earlier write can land after a later one. Read as is, a journal would go back to an older revision, and its
// engine would be refused as stale at its next save. So for a while after each write (echoes arrive within
// milliseconds) a window never reads an older revision of a journal it wrote; and a journal already parsed is reused
// while its stored text is the same. Pure: no `vscode` import, tested in Node.
import { parseJournal, revisionOf, type RotationJournal } from '../../rotation/model/journal.ts';

/** How long after its own write a window trusts that write over what the store shows (echoes take milliseconds). */
const ECHO_WINDOW_MS = 10_000;

export class JournalReader {
  /** This window's recent writes, with when: an echo of an earlier state must not take them back. */
  readonly #written = new Map<string, { journal: RotationJournal; at: number }>();
  /** Journals this window deleted, which an echo of an earlier state must not bring back. */
  readonly #deleted = new Set<string>();
  /** Each journal as last parsed, by id, with its stored text. */
  readonly #parsed = new Map<string, { text: string; journal: RotationJournal }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The journal `id` as stored (`raw`, undefined when absent), at the newest revision this window knows of. */
  read(id: string, raw: unknown, onProblem: (id: string, error: unknown) => void): RotationJournal | undefined {
    if (this.#deleted.has(id)) return undefined;
    let stored: RotationJournal | undefined;
    if (typeof raw === 'object' && raw !== null) {
      const text = JSON.stringify(raw);
      const known = this.#parsed.get(id);
      stored = known?.text === text ? known.journal : undefined;
      if (!stored) {
        try {
          stored = parseJournal(raw);
          this.#parsed.set(id, { text, journal: stored });
        } catch (e) {
          onProblem(id, e);
        }
      }
    } else this.#parsed.delete(id);
    const mine = this.#written.get(id);
    if (!mine) return stored;
    // Another window moved it on, or the echoes have long settled: the store decides (a deletion included).
    if ((stored && revisionOf(stored) > revisionOf(mine.journal)) || this.#now() - mine.at > ECHO_WINDOW_MS) {
      this.#written.delete(id);
      return stored;
    }
    return stored && revisionOf(stored) >= revisionOf(mine.journal) ? stored : mine.journal;
  }

  /** The ids this window wrote recently (their keys may not show in an echoed state yet). */
  recentlyWritten(): string[] {
    return [...this.#written.keys()];
  }

  /** This window wrote `journal` (a save, a claim, an import), stored as JSON text. */
  wrote(journal: RotationJournal): void {
    this.#written.set(journal.rotationId, { journal, at: this.#now() });
    this.#parsed.set(journal.rotationId, { text: JSON.stringify(journal), journal });
    this.#deleted.delete(journal.rotationId);
  }

  /** This window deleted (or dropped as old history) the journal `id`. */
  deleted(id: string): void {
    this.#written.delete(id);
    this.#parsed.delete(id);
    this.#deleted.add(id);
  }
}
