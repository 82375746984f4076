// The rotation journals as last read from the store, oldest first: what the tree's markers, Resume Rotation and the
// campaign read without going to the files each time. Many saves at once (a campaign) are read again once.
import { isFinished, revisionOf, type RotationJournal } from './model/journal.ts';

export interface JournalsAsReadOptions {
  /** Every journal kept (the store's list). */
  list(): Promise<RotationJournal[]>;
  /** After every reading, whether or not anything changed. */
  read(): void;
  /** A reading that failed: the journals stay as last read. */
  failed(e: unknown): void;
  /** How long saves are gathered before one reading. Default 100 ms. */
  gatherMs?: number;
}

export class JournalsAsRead {
  #journals: RotationJournal[] = [];
  #scheduled: ReturnType<typeof setTimeout> | undefined;
  readonly #options: JournalsAsReadOptions;

  constructor(options: JournalsAsReadOptions) {
    this.#options = options;
  }

  all(): RotationJournal[] {
    return [...this.#journals];
  }

  find(rotationId: string): RotationJournal | undefined {
    return this.#journals.find((j) => j.rotationId === rotationId);
  }

  unfinished(): RotationJournal[] {
    return this.#journals.filter((j) => !isFinished(j));
  }

  /** The org's rotation in progress (of `appId` when given), if any. */
  unfinishedOf(orgKey: string, appId?: string): RotationJournal | undefined {
    return this.#journals.find(
      (j) => j.org.host === orgKey && !isFinished(j) && (appId === undefined || j.app.id === appId),
    );
  }

  /** Reads the journals again now. */
  async reload(): Promise<void> {
    try {
      this.#journals = (await this.#options.list()).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    } catch (e) {
      this.#options.failed(e);
    }
    this.#options.read();
  }

  /**
   * Takes a journal this window just saved, at once and without telling `read` (the reading that follows does):
   * what renders before that reading (an org reloaded when the step ended) already has the step's state. A newer
   * revision read meanwhile (another window's) is kept.
   */
  saved(journal: RotationJournal): void {
    const i = this.#journals.findIndex((j) => j.rotationId === journal.rotationId);
    const held = this.#journals[i];
    if (held && revisionOf(held) > revisionOf(journal)) return;
    if (held) this.#journals[i] = journal;
    else this.#journals = [...this.#journals, journal].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  /** Reads them again soon: the saves made meanwhile are read once. */
  reloadSoon(): void {
    if (this.#scheduled) return;
    this.#scheduled = setTimeout(() => {
      this.#scheduled = undefined;
      void this.reload();
    }, this.#options.gatherMs ?? 100);
  }

  dispose(): void {
    if (this.#scheduled) clearTimeout(this.#scheduled);
    this.#scheduled = undefined;
  }
}
