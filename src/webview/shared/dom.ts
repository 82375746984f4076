// The webview pages' one renderer: a page describes what it shows as a tree of nodes with keys stable across
// updates, and patch() changes the live DOM in place. An element whose key stays is the same element after an
// update, so keyboard focus, a screen reader's position and text selection stay where they were; only what changed
// is touched. Text is set with textContent, never parsed as markup; listeners are added here, never inline.

/** An attribute's value: a string, true for a bare attribute (disabled), false or undefined for none. */
type AttrValue = string | boolean | undefined;
export type Attrs = Record<string, AttrValue>;

export interface Listeners {
  click?: () => void;
  /** The person changed a checkbox or a field: the element, to read its checked state or value. */
  change?: (input: HTMLInputElement) => void;
}

export interface VNode {
  tag: string;
  /** Unique among its siblings; the same key renders into the same element across updates. */
  key: string;
  attrs: Attrs;
  /** The element's text (for a leaf); ignored when children are given. */
  text?: string;
  children?: VNode[];
  on?: Listeners;
}

type Child = VNode | undefined | false;

/**
 * A node; children that are undefined or false are left out (conditional parts read naturally). `checked` and
 * `value` among the attributes are the control's live state, not attributes: see setLive().
 */
export function h(
  tag: string,
  key: string,
  attrs: Attrs = {},
  children: readonly Child[] | string = [],
  on?: Listeners,
): VNode {
  const node: VNode = { tag, key, attrs };
  if (typeof children === 'string') node.text = children;
  else node.children = children.filter((c): c is VNode => c !== undefined && c !== false);
  if (on) node.on = on;
  return node;
}

/** The attributes this renderer set on an element, so it can remove those no longer given. */
const managed = new WeakMap<Element, Set<string>>();
/** The live state (checked, value) last rendered into a control, to tell a new render from the person's change. */
const rendered = new WeakMap<Element, Map<string, AttrValue>>();
/** The current listeners of an element: one DOM listener per event, calling whatever the latest render gave. */
const listeners = new WeakMap<Element, Listeners>();
const clickable = new WeakSet<Element>();
const changeable = new WeakSet<Element>();
const LIVE = new Set(['checked', 'value']);

/** Makes `parent`'s children match `nodes`, reusing the element of each key. */
export function patch(parent: Element, nodes: readonly VNode[]): void {
  const byKey = new Map<string, Element>();
  for (const child of Array.from(parent.children)) {
    const key = child.getAttribute('data-key');
    if (key !== null && !byKey.has(key)) byKey.set(key, child);
  }
  const wanted = nodes.map((node) => {
    let el = byKey.get(node.key);
    if (el && el.tagName.toLowerCase() !== node.tag) el = undefined;
    if (el) byKey.delete(node.key);
    else {
      el = document.createElement(node.tag);
      el.setAttribute('data-key', node.key);
    }
    update(el, node);
    return el;
  });
  // Anything not rendered by us (a text node, an unkeyed element) goes, and so does every key no longer given.
  const keep = new Set(wanted);
  for (const node of Array.from(parent.childNodes)) if (!(node instanceof Element) || !keep.has(node)) node.remove();
  order(parent, wanted);
}

/**
 * Puts `wanted` in order under `parent` (which holds nothing else now). An element holding the focus is never
 * moved itself: the browser takes focus away from a moved element, so the others move around it instead.
 */
function order(parent: Element, wanted: readonly Element[]): void {
  const focused = document.activeElement;
  wanted.forEach((el, i) => {
    if (parent.children[i] === el) return;
    if (el.parentNode === parent && focused !== null && el.contains(focused)) {
      // el is further down: each sibling before it goes to the end until it is at i (those are placed later).
      for (let at = parent.children[i]; at && at !== el; at = parent.children[i]) parent.appendChild(at);
    } else {
      parent.insertBefore(el, parent.children[i] ?? null);
    }
  });
}

function update(el: Element, node: VNode): void {
  const previous = managed.get(el) ?? new Set<string>();
  const now = new Set<string>();
  for (const [name, value] of Object.entries(node.attrs)) {
    if (LIVE.has(name)) {
      setLive(el, name, value);
      continue;
    }
    if (value === undefined || value === false) continue;
    const text = value === true ? '' : value;
    now.add(name);
    if (el.getAttribute(name) !== text) el.setAttribute(name, text);
  }
  for (const name of previous) if (!now.has(name)) el.removeAttribute(name);
  managed.set(el, now);
  if (node.children) patch(el, node.children);
  else if (el.textContent !== (node.text ?? '')) el.textContent = node.text ?? '';
  listen(el, node.on ?? {});
}

/**
 * A control's checked state or value is set only when the page renders a different one than last time: a box the
 * person ticked, or text they typed, stays as they left it through updates that do not change what the page says.
 */
function setLive(el: Element, name: string, value: AttrValue): void {
  const last = rendered.get(el) ?? new Map<string, AttrValue>();
  rendered.set(el, last);
  if (last.has(name) && last.get(name) === value) return;
  last.set(name, value);
  const input = el as HTMLInputElement;
  if (name === 'checked') input.checked = value === true;
  else input.value = typeof value === 'string' ? value : '';
}

function listen(el: Element, on: Listeners): void {
  listeners.set(el, on);
  // One DOM listener per event and element, added the first time a render gives a handler for it.
  if (on.click && !clickable.has(el)) {
    clickable.add(el);
    el.addEventListener('click', () => listeners.get(el)?.click?.());
  }
  if (on.change && !changeable.has(el)) {
    changeable.add(el);
    el.addEventListener('change', () => listeners.get(el)?.change?.(el as HTMLInputElement));
  }
}
