// What the checklist page must be for a person, checked inside its webview frame: words, not fields
// (internalWords, shared with the Node tests of the view); no text running out of its box; and axe-core's
// accessibility rules. The browser-side code is plain JavaScript in strings (this project's Node
// typings have no DOM); it is evaluated through the DevTools protocol, which the page's CSP does not govern.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ImpactValue } from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { waitUntil } from './harness.ts';

/** The checklist's own document (the webview's inner frame), found by its heading. */
export async function checklistFrame(page: Page, heading: string): Promise<Frame> {
  let found: Frame | undefined;
  await waitUntil(async () => {
    for (const frame of page.frames()) {
      const h1 = await frame
        .evaluate<string>(`document.querySelector('main#root h1')?.textContent ?? ''`)
        .catch(() => '');
      if (h1 === heading) {
        found = frame;
        return true;
      }
    }
    return false;
  }, `the checklist frame headed "${heading}"`);
  return found!;
}

/** Elements whose content is wider than their box (text cut off or running past the edge), by tag and text. */
export async function overflowingElements(frame: Frame): Promise<string[]> {
  return frame.evaluate<string[]>(`(() => {
    const out = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push('the page scrolls sideways: ' + root.scrollWidth + ' > ' + root.clientWidth);
    for (const el of document.querySelectorAll('body *')) {
      if (el.clientWidth === 0 || !el.textContent.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        out.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.trim().slice(0, 80) + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
    }
    return out;
  })()`);
}

export interface AxeViolation {
  id: string;
  impact: ImpactValue | 'unknown';
  help: string;
  nodes: string[];
}

const axeSource = (): string => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations in the frame's document (every rule axe runs by default, WCAG 2.x A and AA). */
export async function axeViolations(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate<boolean>(`typeof window.axe === 'object'`))) await frame.evaluate(axeSource());
  return frame.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    // A run that checked nothing would pass vacuously.
    if (result.passes.length + result.violations.length < 10) throw new Error('axe checked ' + result.passes.length + ' rules only');
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + (n.failureSummary ?? '').replace(/\\s+/g, ' ')),
    }));
  })()`);
}

/** The critical and serious ones, as one readable list ('' when none). */
export function seriousOnes(violations: readonly AxeViolation[]): string {
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join(' | ')}`)
    .join('\n');
}

/** Where keyboard focus is in the frame: the focused control's text, or '' when it is the page's body. */
export async function focusedControl(frame: Frame): Promise<string> {
  return frame.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    return (el.getAttribute('aria-label') || el.textContent || '').trim();
  })()`);
}

/** Whether the focused control is the current step's primary action. */
export async function focusOnPrimaryAction(frame: Frame): Promise<boolean> {
  return frame.evaluate<boolean>(
    `document.activeElement?.matches('li[aria-current="step"] button[data-primary]:not([aria-disabled="true"])') ?? false`,
  );
}
