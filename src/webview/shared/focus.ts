// Keyboard focus across an update: patch() keeps the focused element when its key stays; when it goes (the action
// it ran is done and another took its place), the page says where focus lands instead, from the keys of the
// element that went, rather than letting it fall back to the top of the document.
import { patch, type VNode } from './dom.ts';

/**
 * Patches `root` to `nodes`. When the element that had focus in `root` is gone afterwards, focuses what `fallback`
 * picks, given the keys of the element that went (outermost first).
 */
export function patchKeepingFocus(
  root: Element,
  nodes: readonly VNode[],
  fallback: (lost: readonly string[]) => HTMLElement | null | undefined,
): void {
  const lost = keyPath(root, document.activeElement);
  patch(root, nodes);
  if (lost === undefined || root.contains(document.activeElement)) return;
  fallback(lost)?.focus();
}

/** The keys from `root` down to `el` (outermost first), or undefined when `el` is not inside `root`. */
export function keyPath(root: Element, el: Element | null): string[] | undefined {
  const keys: string[] = [];
  for (let at = el; at !== null; at = at.parentElement) {
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
