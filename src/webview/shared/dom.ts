// A small keyed renderer: the page describes what it shows as a tree of nodes with keys stable across updates,
// and patch() changes the live DOM in place. An element whose key stays is the same element after an update, so
// keyboard focus, a screen reader's position and text selection stay where they were; only what changed is
// touched. Text is set with textContent, never parsed as markup.

export interface VNode {
  tag: string;
  /** Unique among its siblings; the same key renders into the same element across updates. */
  key: string;
  attrs?: Record<string, string | undefined>;
  /** The element's text (for a leaf); ignored when children are given. */
  text?: string;
  children?: VNode[];
  onClick?: () => void;
}

type Child = VNode | undefined | false;

/** A node; children that are undefined or false are left out (conditional parts read naturally). */
export function h(
  tag: string,
  key: string,
  attrs: Record<string, string | undefined> = {},
  children: Child[] | string = [],
  onClick?: () => void,
): VNode {
  const node: VNode = { tag, key, attrs };
  if (typeof children === 'string') node.text = children;
  else node.children = children.filter((c): c is VNode => c !== undefined && c !== false);
  if (onClick) node.onClick = onClick;
  return node;
}

/** The attributes this renderer set on an element, so it can remove those no longer given. */
const managed = new WeakMap<Element, Set<string>>();
/** The current click handler of an element: one listener each, calling whatever the latest render gave. */
const handlers = new WeakMap<Element, () => void>();

/** Makes `parent`'s children match `nodes`, reusing the element of each key. */
export function patch(parent: Element, nodes: readonly VNode[]): void {
  const byKey = new Map<string, Element>();
  for (const child of Array.from(parent.children)) {
    const key = child.getAttribute('data-key');
    if (key !== null) byKey.set(key, child);
  }
  // Anything not rendered by us (a text node, an unkeyed element) goes.
  for (const node of Array.from(parent.childNodes)) {
    if (!(node instanceof Element) || !node.hasAttribute('data-key')) node.remove();
  }
  nodes.forEach((node, i) => {
    let el = byKey.get(node.key);
    if (el && el.tagName.toLowerCase() !== node.tag) el = undefined;
    if (el) byKey.delete(node.key);
    else {
      el = document.createElement(node.tag);
      el.setAttribute('data-key', node.key);
    }
    update(el, node);
    const at = parent.children[i];
    if (at !== el) parent.insertBefore(el, at ?? null);
  });
  for (const stale of byKey.values()) stale.remove();
}

function update(el: Element, node: VNode): void {
  const previous = managed.get(el) ?? new Set<string>();
  const now = new Set<string>();
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (value === undefined) continue;
    now.add(name);
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }
  for (const name of previous) if (!now.has(name)) el.removeAttribute(name);
  managed.set(el, now);
  if (node.children) patch(el, node.children);
  else if (el.textContent !== (node.text ?? '')) el.textContent = node.text ?? '';
  if (node.onClick) {
    if (!handlers.has(el)) el.addEventListener('click', () => handlers.get(el)?.());
    handlers.set(el, node.onClick);
  } else if (handlers.has(el)) {
    handlers.set(el, () => undefined);
  }
}
