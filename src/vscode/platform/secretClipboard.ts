// A secret copied for the person to paste (the new secret, into the Workflows console) does not stay in the
// clipboard: after a minute, if the clipboard still holds it, it is emptied. Whatever the person copied since is
// left alone. Pure: the clipboard is passed in (VS Code's env.clipboard), so Node tests drive it.
export interface Clipboard {
  readText(): Thenable<string>;
  writeText(value: string): Thenable<void>;
}

/** How long a copied secret stays in the clipboard. */
const SECRET_CLIPBOARD_MS = 60_000;

export class SecretClipboard {
  readonly #clipboard: Clipboard;
  readonly #afterMs: number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(clipboard: Clipboard, afterMs = SECRET_CLIPBOARD_MS) {
    this.#clipboard = clipboard;
    this.#afterMs = afterMs;
  }

  /** Copies `value`, and clears the clipboard in a minute if it still holds it. */
  async copy(value: string): Promise<void> {
    await this.#clipboard.writeText(value);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#clearIfStill(value);
    }, this.#afterMs);
    timer.unref?.();
    this.#timers.add(timer);
  }

  async #clearIfStill(value: string): Promise<void> {
    try {
      if ((await this.#clipboard.readText()) === value) await this.#clipboard.writeText('');
    } catch {
      // A clipboard that cannot be read (a browser without permission) is left as it is.
    }
  }

  /** On deactivation: the secrets still due to go are cleared now. */
  async dispose(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
