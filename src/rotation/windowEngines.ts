// The rotation engines of one window, at most one per rotation. Two callers can ask for the same rotation at the
// same instant (VS Code restoring a checklist in a window just opened, and Resume Rotation from the palette): they
// share one engine, loaded once. Two engines of one rotation in a window would each hold a copy of the journal, and
// a checklist bound to the one nobody reads again would never see another window's step end. While a step of one
// of these rotations runs in another window, its engine reads the journal again now and then, so what shows it
// follows that window; when that window goes quiet mid-step (closed, crashed), the step is recovered here.
import type { RotationEngine } from './engine.ts';
import type { RotationSnapshot } from './model/snapshot.ts';
import { isOktaError } from '../okta/errors.ts';

export interface WindowEnginesOptions<O> {
  /** Every change of an engine here: its org, the snapshot before (none when it was adopted) and after. */
  changed: (org: O, previous: RotationSnapshot | undefined, snapshot: RotationSnapshot) => void;
  /** A read of the journal that failed while following another window (the next one tries again). */
  followFailed: (e: unknown) => void;
  /** How often a rotation whose step runs in another window is read again. Default 2 s. */
  followMs?: number;
}

interface Entry<O> {
  engine: RotationEngine;
  org: O;
  unsubscribe: () => void;
}

export class WindowEngines<O> {
  readonly #entries = new Map<string, Entry<O>>();
  readonly #loading = new Map<string, Promise<RotationEngine>>();
  readonly #options: WindowEnginesOptions<O>;
  #following: ReturnType<typeof setInterval> | undefined;
  /** The engines whose step runs in another window, as last seen. */
  readonly #followed = new Set<RotationEngine>();
  #disposed = false;

  constructor(options: WindowEnginesOptions<O>) {
    this.#options = options;
  }

  get(rotationId: string): RotationEngine | undefined {
    return this.#entries.get(rotationId)?.engine;
  }

  all(): RotationEngine[] {
    return [...this.#entries.values()].map((e) => e.engine);
  }

  /**
   * The rotation's engine in this window, or the one `load` makes, adopted. However many ask while it loads, `load`
   * runs once and all get the same engine (or the same error). A load cancelled by the one who started it is not
   * the others' cancel: each of them then loads again with its own `load`.
   */
  getOrLoad(rotationId: string, org: O, load: () => Promise<RotationEngine>): Promise<RotationEngine> {
    const running = this.get(rotationId);
    if (running) return Promise.resolve(running);
    const shared = this.#loading.get(rotationId);
    if (shared)
      return shared.catch((e: unknown) => {
        if (!isCancelled(e)) throw e;
        return this.getOrLoad(rotationId, org, load);
      });
    const loading = load()
      .then((engine) => {
        const meanwhile = this.get(rotationId);
        if (meanwhile) return meanwhile;
        this.adopt(engine, org);
        return engine;
      })
      .finally(() => this.#loading.delete(rotationId));
    this.#loading.set(rotationId, loading);
    return loading;
  }

  /** Keeps `engine` (a rotation started here, or resumed) and tells `changed` of each of its changes from now on. */
  adopt(engine: RotationEngine, org: O): void {
    const replaced = this.#entries.get(engine.rotationId);
    replaced?.unsubscribe();
    if (replaced) this.#followed.delete(replaced.engine);
    let previous: RotationSnapshot | undefined;
    const tell = (snapshot: RotationSnapshot): void => {
      if (this.#disposed) return;
      this.#options.changed(org, previous, snapshot);
      previous = snapshot;
      this.#follow();
    };
    const unsubscribe = engine.onDidChange(tell);
    this.#entries.set(engine.rotationId, { engine, org, unsubscribe });
    tell(engine.snapshot());
  }

  /** Drops the rotation's engine (its org is gone). */
  forget(rotationId: string): void {
    const entry = this.#entries.get(rotationId);
    entry?.unsubscribe();
    if (entry) this.#followed.delete(entry.engine);
    this.#entries.delete(rotationId);
  }

  /** Reads every rotation here again (another window may have moved one on). */
  async refreshAll(): Promise<void> {
    await Promise.all(this.all().map((engine) => engine.refresh().catch(() => false)));
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#following) clearInterval(this.#following);
    this.#following = undefined;
    for (const { unsubscribe } of this.#entries.values()) unsubscribe();
  }

  /**
   * While a step of one of these rotations runs in another window, read it again now and then. When it stops
   * running there without a word (that window closed or crashed mid-step), it is recovered here from Okta.
   */
  #follow(): void {
    const elsewhere = (engine: RotationEngine) => engine.snapshot().runningElsewhere !== undefined;
    for (const engine of this.all()) if (elsewhere(engine)) this.#followed.add(engine);
    if (this.#following || this.#disposed || this.#followed.size === 0) return;
    this.#following = setInterval(() => {
      for (const engine of [...this.#followed]) {
        if (elsewhere(engine)) {
          engine.refresh().catch(this.#options.followFailed);
          continue;
        }
        this.#followed.delete(engine);
        engine
          .refresh()
          .then(() => engine.recoverAbandoned())
          .catch(this.#options.followFailed);
      }
      if (this.#followed.size > 0) return;
      clearInterval(this.#following);
      this.#following = undefined;
    }, this.#options.followMs ?? 2_000);
    this.#following.unref?.();
  }
}

/** A load that stopped because its own signal was aborted (the client's cancel, or an AbortError). */
function isCancelled(e: unknown): boolean {
  return isOktaError(e, 'cancelled') || (e instanceof Error && e.name === 'AbortError');
}
