// The Okta client's wait while a checklist action runs (a 429's reset, a retry's backoff, a slow answer), kept
// so the page can count it down and drop it when it ends. Backoffs under a second pass unnoticed, as in the
// progress notification; a slow answer's wait of 0 is its end.
import type { WaitReason } from './view.ts';

export class ClientWait {
  #wait: { reason: WaitReason; until: number } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #changed: () => void;
  readonly #now: () => number;

  /** `changed` is called whenever what the page should say of the wait changes (a new one, or one that ended). */
  constructor(changed: () => void, now: () => number = Date.now) {
    this.#changed = changed;
    this.#now = now;
  }

  /** A wait the client announced: `ms` long from now (0 ends a slow answer's wait). */
  note(reason: WaitReason, ms: number): void {
    if (reason === 'answer' && ms <= 0) {
      if (this.#wait?.reason === 'answer') {
        this.clear();
        this.#changed();
      }
      return;
    }
    if (reason === 'retry' && ms < 1000) return;
    this.clear();
    this.#wait = { reason, until: this.#now() + ms };
    this.#timer = setTimeout(() => {
      this.clear();
      this.#changed();
    }, ms);
    this.#changed();
  }

  /** The wait as the view says it: its reason and the whole seconds left (at least one), or none. */
  shown(): { reason: WaitReason; seconds: number } | undefined {
    if (!this.#wait) return undefined;
    return { reason: this.#wait.reason, seconds: Math.max(1, Math.ceil((this.#wait.until - this.#now()) / 1000)) };
  }

  /** Forgets the wait without a change said (the action ended, or the panel closed). */
  clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#wait = undefined;
  }
}
