// globalState written one round at a time. VS Code's extension host keeps an extension's globalState as one object:
// update() sets a key in it and schedules a write of the WHOLE object, and every write (this window's own included)
// is echoed back, replacing that object. An echo of an earlier write that lands between an update() and its write
// takes the update back, and the write then stores the older object: with rotations, the campaign and the tree's
// remembered orgs saving at once, a journal's latest revision was lost on reload. Here no write starts before the
// previous one was acknowledged (its echo arrives before that), and the updates made meanwhile go together in the
// next round; until their round is acknowledged, get() and keys() answer them from here.
import type * as vscode from 'vscode';

/** A value written and not yet acknowledged (undefined: the key deleted). */
interface Pending {
  readonly value: unknown;
}

export class SerialMemento implements vscode.Memento {
  readonly #inner: vscode.Memento;
  readonly #pending = new Map<string, Pending>();
  /** Keys updated since the current round started. */
  readonly #dirty = new Set<string>();
  /** The rounds so far, one after another. */
  #rounds: Promise<void> = Promise.resolve();
  /** The round that will carry the dirty keys (not started yet). */
  #next: Promise<void> | undefined;

  constructor(inner: vscode.Memento) {
    this.#inner = inner;
  }

  keys(): readonly string[] {
    const keys = new Set(this.#inner.keys());
    for (const [key, { value }] of this.#pending)
      if (value === undefined) keys.delete(key);
      else keys.add(key);
    return [...keys];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    const pending = this.#pending.get(key);
    if (!pending) return defaultValue === undefined ? this.#inner.get<T>(key) : this.#inner.get<T>(key, defaultValue);
    // A Memento hands back what was stored under the type its caller names (VS Code's own does the same).
    return pending.value === undefined ? defaultValue : (pending.value as T);
  }

  update(key: string, value: unknown): Promise<void> {
    this.#pending.set(key, { value });
    this.#dirty.add(key);
    this.#next ??= this.#rounds = this.#rounds.then(
      () => this.#round(),
      () => this.#round(),
    );
    return this.#next;
  }

  /** Writes every dirty key in one tick (VS Code then makes them one write) and waits for the acknowledgement. */
  async #round(): Promise<void> {
    this.#next = undefined;
    const batch = [...this.#dirty].flatMap((key) => {
      const pending = this.#pending.get(key);
      return pending ? [{ key, pending }] : [];
    });
    this.#dirty.clear();
    try {
      await Promise.all(batch.map(({ key, pending }) => this.#inner.update(key, pending.value)));
    } finally {
      // Acknowledged (or failed): reads go to the stored value again, unless the key was written since.
      for (const { key, pending } of batch) if (this.#pending.get(key) === pending) this.#pending.delete(key);
    }
  }
}
