// Builds the campaign page's elements with DOM calls only: text goes in through textContent, never parsed as markup.
// The page is small and re-rendered whole on each update, so it needs no keyed patching (unlike the checklist).

/** Attributes by name; `text`, `className` and `checked` set the element's text, class and checkbox state. A value
 * of undefined or false leaves the attribute out. */
type Props = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'className') node.className = String(value);
    else if (name === 'checked') {
      if (node instanceof HTMLInputElement) node.checked = true;
    } else node.setAttribute(name, String(value));
  }
  for (const child of children)
    if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

export function icon(name: string): HTMLSpanElement {
  return el('span', {
    className: `codicon codicon-${name}${name === 'loading' ? ' codicon-modifier-spin' : ''}`,
    'aria-hidden': 'true',
  });
}

export function button(
  label: string,
  codicon: string | undefined,
  onClick: () => void,
  kind: string,
  disabled: boolean,
): HTMLButtonElement {
  const node = el('button', { type: 'button', className: kind, disabled }, [
    codicon ? icon(codicon) : undefined,
    el('span', { text: label }),
  ]);
  node.addEventListener('click', onClick);
  return node;
}

export function checkbox(label: string, checked: boolean, onToggle: (checked: boolean) => void): HTMLInputElement {
  const box = el('input', { type: 'checkbox', 'aria-label': label, checked });
  box.addEventListener('change', () => onToggle(box.checked));
  return box;
}
