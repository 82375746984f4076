// A stand-in for VS Code's Memento, for tests of the VS Code layer's stores in Node.
import type { Memento } from 'vscode';

/**
 * A stand-in for VS Code's Memento (globalState), the only way to run GlobalStateJournalStore in Node: values are
 * kept as JSON text, as VS Code serialises them. Two instances are two windows before globalState synced.
 */
export class InMemoryMemento implements Memento {
  readonly #values = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.#values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    const text = this.#values.get(key);
    return text === undefined ? defaultValue : (JSON.parse(text) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.#values.delete(key);
    else this.#values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
  rawText(): string {
    return [...this.#values.values()].join('\n');
  }
}
