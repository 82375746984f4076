// Keyboard focus across updates, and across the page losing the keyboard. patch() keeps the focused element when its
// key stays; when it goes (the action it ran is done and another took its place), the page says where focus lands
// instead, from the keys of the element that went. A modal in VS Code takes the keyboard out of the page and the
// browser then clears the page's focus: when the keyboard comes back, focus returns to the person's control (or
// to where it would have moved had it gone meanwhile), not to the top of the page.
import { patch, type VNode } from './dom.ts';

/** Where focus goes when the control it was on went, given that control's keys (outermost first). */
export type FocusFallback = (lost: readonly string[]) => HTMLElement | null | undefined;

/** A renderer of `root`: each call patches it to the nodes given, keeping the person's place as said above. */
export function keepFocus(root: Element, fallback: FocusFallback): (nodes: readonly VNode[]) => void {
  /** The person's control: the last element in `root` that had focus, or where it moved when that one went. */
  let place: Element | undefined;
  /** A pointer went down since the page lost the keyboard: a click picks its own place. */
  let pointed = false;
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof Element && root.contains(e.target) && e.target !== root) place = e.target;
  });
  document.addEventListener('pointerdown', () => (pointed = true), true);
  window.addEventListener('blur', () => (pointed = false));
  window.addEventListener('focus', () => {
    // After the browser's own focus handling (a click on a control focuses it first).
    setTimeout(() => {
      const nothing = document.activeElement === null || document.activeElement === document.body;
      if (!pointed && nothing && place?.isConnected) (place as HTMLElement).focus();
    }, 0);
  });
  return (nodes) => {
    const keys = place ? keyPath(root, place) : undefined;
    const focused = place !== undefined && document.activeElement === place;
    patch(root, nodes);
    if (place === undefined || place.isConnected || keys === undefined) return;
    place = fallback(keys) ?? undefined;
    if (focused) (place as HTMLElement | undefined)?.focus();
  };
}

/** The keys from `root` down to `el` (outermost first), or undefined when `el` is not inside `root`. */
function keyPath(root: Element, el: Element): string[] | undefined {
  const keys: string[] = [];
  for (let at: Element | null = el; at !== null; at = at.parentElement) {
    if (at === root) return keys;
    const key = at.getAttribute('data-key');
    if (key !== null) keys.unshift(key);
  }
  return undefined;
}

/** The element at `keys` under `root`, or the deepest of its keyed ancestors still there (`root` at worst). */
export function nearest(root: Element, keys: readonly string[]): Element {
  let at = root;
  for (const key of keys) {
    const next = Array.from(at.children).find((c) => c.getAttribute('data-key') === key);
    if (!next) break;
    at = next;
  }
  return at;
}
