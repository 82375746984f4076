// The engine's saves, one at a time: a change is applied to a copy of the journal as last saved and written as a
// compare-and-swap on its revision. Changes never run side by side (a step's save and its heartbeat would both
// read revision r and one would lose). When the store refuses because another window wrote meanwhile, and what
// that window wrote is only a record of the app's secrets changed outside the rotation (the Orgs tree's actions),
// the change is applied again on top of it; anything else is refused as stale. A store that fails is a
// JournalStoreFailure: the engine stops, since no state can be recorded.
import { isRotationError, JournalStoreFailure, staleJournalError } from './errors.ts';
import { cloneJournal, parseJournal, revisionOf, type RotationJournal } from './model/journal.ts';

export interface UpdateTarget {
  read(): RotationJournal;
  load(): Promise<RotationJournal | undefined>;
  save(journal: RotationJournal, expectedRevision: number): Promise<void>;
  now(): string;
  saved(journal: RotationJournal, quiet: boolean): void;
}

export class UpdateQueue {
  readonly #target: UpdateTarget;
  #last: Promise<void> = Promise.resolve();

  constructor(target: UpdateTarget) {
    this.#target = target;
  }

  update(change: (journal: RotationJournal) => void, options: { quiet?: boolean } = {}): Promise<void> {
    const run = this.#last.then(() => this.#apply(change, options.quiet === true));
    this.#last = run.catch(() => undefined);
    return run;
  }

  async #apply(change: (journal: RotationJournal) => void, quiet: boolean): Promise<void> {
    let base = this.#target.read();
    for (let attempt = 0; ; attempt++) {
      const next = cloneJournal(base);
      change(next);
      // A heartbeat that found nothing to renew (the step ended meanwhile) writes nothing.
      if (quiet && sameContent(next, base)) return;
      next.updatedAt = this.#target.now();
      next.revision = revisionOf(base) + 1;
      const checked = parseJournal(next);
      try {
        await this.#target.save(checked, revisionOf(base));
      } catch (e) {
        if (!isRotationError(e, 'staleJournal') || attempt >= 2) throw new JournalStoreFailure(e);
        const stored = await this.#target.load().catch(() => undefined);
        if (!stored || !onlyOutsideChanges(base, stored)) throw new JournalStoreFailure(staleJournalError(base));
        base = stored;
        continue;
      }
      this.#target.saved(checked, quiet);
      return;
    }
  }
}

function sameContent(a: RotationJournal, b: RotationJournal): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Does `stored` differ from `base` only by what the Orgs tree records (outside changes and the lists they touch)? */
function onlyOutsideChanges(base: RotationJournal, stored: RotationJournal): boolean {
  const strip = (j: RotationJournal) => {
    const { revision: _r, updatedAt: _u, outsideChanges: _o, deactivated: _d, deleted: _x, ...rest } = j;
    return JSON.stringify(rest);
  };
  return strip(base) === strip(stored) && (stored.outsideChanges?.length ?? 0) > (base.outsideChanges?.length ?? 0);
}
