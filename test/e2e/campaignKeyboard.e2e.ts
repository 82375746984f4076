// The campaign page with the keyboard alone, in a real VS Code: once the campaign is open, only Tab, Space and Enter
// (and F1 to focus the editor). A bulk action over four orgs, slowed down so it updates the rows many times, leaves
// focus on the row control the person moved to (the same element, with the tick they took off it); a row that fails
// is announced once in the page's live region; a modal gives the keyboard back to the control it came from; and
// when the focused control goes (its action ran and the row offers others), focus lands on the row's first action
// that can be used now, not at the top of the page.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { checklistFrame } from './pageChecks.ts';
import { VIEW } from './steps.ts';

const DAY_MS = 86_400_000;
const NAMES = ['alpha', 'bravo', 'charlie', 'delta'] as const;
/** Added to each of Okta's answers once the campaign is open: a bulk action then takes seconds, row by row. */
const LATENCY_MS = 800;
const HEADING = 'Rotate due secrets: 4 orgs';

/** The keys from the page's root down to the focused element (as the page keys its nodes), '' when outside it. */
const FOCUS_PATH = `(() => {
  const root = document.getElementById('root');
  const keys = [];
  let el = document.activeElement;
  for (; el && el !== root; el = el.parentElement) {
    const key = el.getAttribute('data-key');
    if (key !== null) keys.unshift(key);
  }
  return el === root ? keys.join(' > ') : '';
})()`;

/** Counts every update the page gets and keeps what its live region says, from now on. */
const WATCH = `(() => {
  const w = window;
  w.e2e = { updates: 0, said: [], held: null, heldAt: 0, rowChanges: 0 };
  window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'state') w.e2e.updates++;
  });
  new MutationObserver((m) => { w.e2e.rowChanges += m.length; })
    .observe(document.querySelector('tbody'), { subtree: true, childList: true, characterData: true, attributes: true });
  const status = document.getElementById('status');
  new MutationObserver(() => { if (status.textContent) w.e2e.said.push(status.textContent); })
    .observe(status, { subtree: true, childList: true, characterData: true });
})()`;

/** Remembers the focused element, and counts the updates and row changes from now on. */
const HOLD = `(() => {
  const w = window;
  w.e2e.held = document.activeElement;
  w.e2e.heldAt = w.e2e.updates;
  w.e2e.rowChanges = 0;
})()`;

interface Held {
  /** The focused element is the one held. */
  same: boolean;
  checked: boolean | null;
  updates: number;
  rowChanges: number;
  /** Everything the live region said since WATCH. */
  said: string[];
}
const HELD = `(() => {
  const h = window.e2e;
  const el = document.activeElement;
  return {
    same: el === h.held,
    checked: el && el.type === 'checkbox' ? el.checked : null,
    updates: h.updates - h.heldAt,
    rowChanges: h.rowChanges,
    said: h.said,
  };
})()`;

describe('e2e: the campaign page with the keyboard alone', () => {
  let simulator: Simulator | undefined;
  let vscode: VsCodeSession | undefined;
  const org = (name: string): SimulatedOrg => simulator!.org(name);
  const keyOf = (name: string): string => new URL(org(name).info.baseUrl).host;

  before(async () => {
    const old = new Date(Date.now() - 120 * DAY_MS).toISOString();
    simulator = await startSimulator({
      orgs: NAMES.map((name) => ({
        name,
        environment: 'preview' as const,
        secrets: [{ status: 'ACTIVE' as const, created: old }],
      })),
    });
    vscode = await VsCodeSession.start({
      name: 'campaign-keyboard',
      vsixFiles: [extensionVsix()],
      // One org at a time: a bulk action's rows change one after another, over seconds.
      userSettings: { 'oktaWorkflows.soakHours': 0, 'oktaWorkflows.maxConcurrentOrgs': 1 },
    });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('keyboard only: focus stays on a row’s control while a bulk action updates the rows, and moves to the row’s next action when its control goes', async () => {
    const ui = vscode!;
    await importOrgs(ui);
    await ui.runCommand('Okta Workflows: Rotate Due Secrets…');
    await ui.waitForQuickInput('Rotate Due Secrets: which orgs?');
    await ui.quickInputEnter();
    const frame = await checklistFrame(ui.page, HEADING);
    // From here on, the keyboard only.
    const rows = await frame.evaluate<string[]>(
      `Array.from(document.querySelectorAll('tr.row')).map((r) => r.getAttribute('data-key'))`,
    );
    assert.deepEqual([...rows].sort(), NAMES.map(keyOf).sort());
    const target = rows[rows.length - 1]!;
    const failing = NAMES.find((n) => keyOf(n) === rows[0])!;
    // The first row's org refuses its token from now on: its row fails during the bulk action.
    org(failing).revokeToken(org(failing).info.apiToken);
    for (const n of NAMES) org(n).faults.latencyMs = LATENCY_MS;

    await frame.evaluate(WATCH);

    await commandByKeyboard(ui, 'View: Focus Active Editor Group');
    await tabTo(ui, frame, 'bulk > bulk:check');
    await ui.page.keyboard.press('Enter');
    await confirmByKeyboard(ui, 'Check the orgs (4 orgs)');
    // The modal took the keyboard (and the browser cleared the page's focus): it comes back where it was.
    await waitForFocus(frame, 'bulk > bulk:check', 'focus back on Check the orgs after its modal');

    // To the last row's checkbox while the orgs are checked one by one; Space unticks it there.
    const box = `rows > body > ${target} > select > box`;
    await tabTo(ui, frame, box);
    await frame.evaluate(HOLD);
    await ui.page.keyboard.press('Space');
    await waitForPage(
      frame,
      `!document.querySelector('.running') && /Check the orgs: 3 of 4 went through/.test(document.getElementById('status').textContent)`,
      'the bulk check to end with 3 of 4 orgs through',
    );
    for (const key of rows.slice(1)) await waitForRow(frame, key, /Checked/);
    await waitForRow(frame, rows[0]!, /Could not start|Did not complete/);
    const held = await frame.evaluate<Held>(HELD);
    assert.equal(await frame.evaluate<string>(FOCUS_PATH), box, 'focus is still on the checkbox');
    assert.ok(held.same, 'the focused checkbox is the same element after the updates');
    assert.equal(held.checked, false, 'the tick the person took off stays off');
    assert.ok(held.updates >= 2, `the rows were updated while focus was held (${held.updates} updates)`);
    assert.ok(held.rowChanges > 0, 'the rows changed in the page while focus was held');
    // One live region: the bulk action's start, the failed row and its end, each said once; nothing per update.
    const said = JSON.stringify(held.said);
    assert.equal(held.said.filter((t) => t.startsWith(`${failing}: `)).length, 1, `the failed row said once: ${said}`);
    assert.equal(held.said.filter((t) => t === 'Check the orgs…').length, 1, `the start said once: ${said}`);
    assert.match(held.said.at(-1) ?? '', /^Check the orgs: 3 of 4 went through; 1 failed/, said);
    assert.equal(new Set(held.said).size, held.said.length, `nothing said twice: ${said}`);

    // The row's own action, from its checkbox: Tab, Enter, the modal by keyboard. It runs and goes (the row offers
    // other actions once its secret is created): focus moves to the row's first action usable now.
    await tabTo(ui, frame, `rows > body > ${target} > actions > actions > run:create`, 1);
    await ui.page.keyboard.press('Enter');
    await confirmByKeyboard(ui, 'Create the new secrets (1 org)');
    const fallback = `rows > body > ${target} > actions > actions > openChecklist`;
    await waitForFocus(frame, fallback, 'focus on the row’s Open Checklist once Create the New Secret went');
    await frame.evaluate(HOLD);
    await waitForRow(frame, target, /New secret .* created/);
    await waitForPage(
      frame,
      `/Create the new secrets: 1 of 1 went through/.test(document.getElementById('status').textContent)`,
      'the create to end',
    );
    const after = await frame.evaluate<Held>(HELD);
    assert.equal(await frame.evaluate<string>(FOCUS_PATH), fallback, 'focus stays on Open Checklist');
    assert.ok(after.same, 'Open Checklist is the same element while the row’s other actions came before it');
    await ui.screenshot('campaign-keyboard');
  });

  /** Import Orgs from a JSON file with the four orgs and their tokens (before the campaign: the mouse is fine). */
  async function importOrgs(ui: VsCodeSession): Promise<void> {
    const file = join(ui.folder, 'orgs.json');
    const entries = NAMES.map((name) => ({
      label: name,
      domain: org(name).info.baseUrl,
      environment: 'preview',
      apiToken: org(name).info.apiToken,
    }));
    writeFileSync(file, JSON.stringify(entries, null, 2));
    await ui.openViewContainer('Okta Workflows');
    await ui.runCommand('Okta Workflows: Import Orgs…');
    await ui.waitForQuickInput('Import Orgs: from where?');
    await ui.quickInputPick('From a file (JSON or CSV)…');
    await ui.chooseFile(file);
    await ui.waitForQuickInput('Import Orgs: 4 imported, 0 not imported');
    await ui.page.keyboard.press('Escape');
    for (const name of NAMES) await ui.waitForTreeItem(VIEW, new RegExp(`^${name}\\s*127\\.0\\.0\\.1`));
  }
});

/** Tab (up to `max` times) until the focused element in the page is at `path`. */
async function tabTo(ui: VsCodeSession, frame: Frame, path: string, max = 60): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max && (await frame.evaluate<string>(FOCUS_PATH)) !== path; i++) {
    await ui.page.keyboard.press('Tab');
    trail.push(await frame.evaluate<string>(FOCUS_PATH));
  }
  assert.equal(await frame.evaluate<string>(FOCUS_PATH), path, `Tab never reached ${path}: ${trail.join(' | ')}`);
}

/** A command from the palette, by keyboard: F1, its title typed, Enter on the row it selects. */
async function commandByKeyboard(ui: VsCodeSession, title: string): Promise<void> {
  await ui.page.keyboard.press('F1');
  await ui.quickInput.locator('input.input').waitFor({ state: 'visible' });
  await ui.page.keyboard.insertText(title);
  const selected = ui.quickInput.locator('.quick-input-list .monaco-list-row.focused .label-name');
  await waitUntil(
    async () => (await selected.allInnerTexts()).join('').trim() === title,
    `the palette to select ${title}`,
    undefined,
    async () => (await selected.allInnerTexts()).join(''),
  );
  await ui.page.keyboard.press('Enter');
  await ui.waitForQuickInputClosed();
}

/** A bulk action's modal, answered with Enter on its focused button (the action's own, which it focuses first). */
async function confirmByKeyboard(ui: VsCodeSession, button: string): Promise<void> {
  await ui.dialog.waitFor({ state: 'visible' });
  const focused = `(document.activeElement && document.activeElement.textContent || '').trim()`;
  await waitUntil(
    async () => (await ui.page.evaluate<string>(focused)) === button,
    `the modal's button ${button} focused`,
    undefined,
    () => ui.page.evaluate<string>(focused),
  );
  await ui.page.keyboard.press('Enter');
  await ui.dialog.waitFor({ state: 'hidden' });
}

/** Waits until the keyboard is in the page, on the element at `path`. */
async function waitForFocus(frame: Frame, path: string, what: string): Promise<void> {
  const where = async (): Promise<string> =>
    `${await frame.evaluate<string>(FOCUS_PATH)}${(await frame.evaluate<boolean>('document.hasFocus()')) ? '' : ' (keyboard elsewhere)'}`;
  await waitUntil(async () => (await where()) === path, what, 30_000, where);
}

async function waitForPage(frame: Frame, condition: string, what: string): Promise<void> {
  await waitUntil(
    () => frame.evaluate<boolean>(condition),
    what,
    120_000,
    () => frame.evaluate<string>(`document.getElementById('status').textContent`),
  );
}

async function waitForRow(frame: Frame, key: string, state: RegExp): Promise<void> {
  const text = `(document.querySelector('tr.row[data-key="${key}"] td.state') || {}).textContent || ''`;
  await waitUntil(
    async () => state.test(await frame.evaluate<string>(text)),
    `the row ${key} to read ${state}`,
    120_000,
    () => frame.evaluate<string>(text),
  );
}
