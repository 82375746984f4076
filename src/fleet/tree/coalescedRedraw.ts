// The tree's redraws, coalesced: a change with none drawn lately is drawn at once; the changes that follow within
// `everyMs` are drawn together once that time is up. Two hundred orgs loading make a redraw every `everyMs` at
// most, not one per org; and `now()` (the last load ended) draws without waiting for the end of that time.

/** Runs `fn` after `ms`; returns the way to cancel it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

const timers: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export class CoalescedRedraw {
  readonly #draw: () => void;
  readonly #everyMs: number;
  readonly #schedule: Schedule;
  /** Set while the last redraw is less than `everyMs` old: cancels the end of that time. */
  #quiet: (() => void) | undefined;
  #pending = false;
  #disposed = false;

  constructor(draw: () => void, everyMs: number, schedule: Schedule = timers) {
    this.#draw = draw;
    this.#everyMs = everyMs;
    this.#schedule = schedule;
  }

  /** Asks for a redraw: at once when none was drawn within `everyMs`, else one when that time is up. */
  request(): void {
    if (this.#disposed) return;
    if (this.#quiet) this.#pending = true;
    else this.#drawNow();
  }

  /** Draws at once, with whatever was asked for meanwhile (what is drawn now needs no later redraw). */
  now(): void {
    if (this.#disposed) return;
    this.#quiet?.();
    this.#drawNow();
  }

  dispose(): void {
    this.#disposed = true;
    this.#quiet?.();
    this.#quiet = undefined;
  }

  #drawNow(): void {
    this.#pending = false;
    this.#draw();
    this.#quiet = this.#schedule(() => {
      this.#quiet = undefined;
      if (this.#pending) this.request();
    }, this.#everyMs);
  }
}
