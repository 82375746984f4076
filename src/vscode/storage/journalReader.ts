// Reading the rotation journals kept in globalState: never backwards, and without parsing them all again each time.
// VS Code hands a window's own writes back to its extension host a moment later (the main thread echoes every change
// of the extension's global state), and with several rotations saving at once (a campaign) the echo of an earlier
// write can land after a later one. Read as is, a journal would go back to an older revision, and its engine would
// be refused as stale at its next save. So for a while after each write (echoes arrive within milliseconds) a window
// never reads an older revision of a journal it wrote; and a journal already parsed is reused, not validated again,
// while its stored text is the same. Pure: no `vscode` import, tested in Node.
import { parseJournal, revisionOf, type RotationJournal } from '../../rotation/journal.ts';

/** How long after its own write a window trusts that write over what the store shows (echoes take milliseconds). */
const ECHO_WINDOW_MS = 10_000;

export class JournalReader {
  /** This window's recent writes, with when: an echo of an earlier state must not take them back. */
  readonly #written = new Map<string, { journal: RotationJournal; at: number }>();
  readonly #now: () => number;
  /** Journals this window deleted, which an echo of an earlier state must not bring back. */
  readonly #deleted = new Set<string>();
  /** Each journal as last parsed, by id, with its stored text. */
  #parsed = new Map<string, { signature: string; journal: RotationJournal }>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Every journal in `raw` (the stored map) that parses, each at its newest revision known to this window. */
  read(raw: unknown, onProblem: (id: string, error: unknown) => void): Map<string, RotationJournal> {
    const out = new Map<string, RotationJournal>();
    const parsed = new Map<string, { signature: string; journal: RotationJournal }>();
    if (typeof raw === 'object' && raw !== null) {
      for (const [id, value] of Object.entries(raw)) {
        if (this.#deleted.has(id)) continue;
        const signature = signatureOf(value);
        const known = this.#parsed.get(id);
        let journal = known?.signature === signature ? known.journal : undefined;
        if (!journal) {
          try {
            journal = parseJournal(value);
          } catch (e) {
            onProblem(id, e);
            continue;
          }
        }
        parsed.set(id, { signature, journal });
        out.set(id, journal);
      }
    }
    this.#parsed = parsed;
    const now = this.#now();
    for (const [id, { journal: mine, at }] of [...this.#written]) {
      const stored = out.get(id);
      // Another window moved it on, or the echoes have long settled: the store decides (a deletion included).
      if ((stored && revisionOf(stored) > revisionOf(mine)) || now - at > ECHO_WINDOW_MS) this.#written.delete(id);
      else if (!stored || revisionOf(stored) < revisionOf(mine)) out.set(id, mine);
    }
    return out;
  }

  /** This window wrote `journal` (a save, a claim, an import). */
  wrote(journal: RotationJournal): void {
    this.#written.set(journal.rotationId, { journal, at: this.#now() });
    this.#parsed.set(journal.rotationId, { signature: signatureOf(journal), journal });
    this.#deleted.delete(journal.rotationId);
  }

  /** This window deleted (or dropped as old history) the journal `id`. */
  deleted(id: string): void {
    this.#written.delete(id);
    this.#deleted.add(id);
  }
}

/** The stored form of a journal as text: an exact comparison (an import may rewrite a journal at the same revision). */
function signatureOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : '';
}
