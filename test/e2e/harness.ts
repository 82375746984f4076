// A real VS Code (code-server) with our extension installed, driven in Debian's Chromium by playwright-core as a
// person would: palette, quick inputs, tree, context menus, dialogs, notifications, the checklist webview.
//   const vscode = await VsCodeSession.start({ name: 'rotation', vsixFiles: [vsix], userSettings: { ... } });
//   await vscode.runCommand('Okta Workflows: Add Org');
//   await vscode.close(); // always, in an after hook: stops Chromium and code-server's whole process group
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { CodeServer } from './codeServer.ts';
import { loadToolPaths, outputDir } from './toolPaths.ts';
import { waitFor } from '../support/waitFor.ts';

export interface SessionOptions {
  /** Names the output folder test-output/e2e/<name>/ (screenshots, code-server log, VS Code logs). */
  name: string;
  vsixFiles: string[];
  /** User settings written before start, e.g. { 'oktaWorkflows.orgs': [...] } to skip adding orgs by hand. */
  userSettings?: Record<string, unknown>;
  /** The folder to open (default: a fresh empty temp folder). */
  folder?: string;
  /** Added to code-server's environment (its extension host's too), e.g. NODE_EXTRA_CA_CERTS. */
  env?: Record<string, string>;
}

/** Flags from ../shared/e2e/CODE-SERVER.md: no sandbox (root in a container), no network beyond loopback. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Settings every session starts with unless the suite says otherwise: the watch of the old secret is one look (the
 * suites about the watch set a short one), so a whole rotation does not wait the real 75 minutes.
 */
const SUITE_DEFAULTS: Readonly<Record<string, unknown>> = { 'oktaWorkflows.deactivationWatchMinutes': 0 };

/** Generous: two busy cores, a cold extension host. Waits are for states, never fixed sleeps. */
const UI_TIMEOUT_MS = 30_000;

export class VsCodeSession {
  readonly page: Page;
  readonly outputDir: string;
  readonly userDataDir: string;
  readonly folder: string;
  readonly #server: CodeServer;
  readonly #browser: Browser;
  readonly #tempDir: string;
  /** The first window owns the server and the browser; another window (openAnotherWindow) only its page. */
  readonly #owner: VsCodeSession | undefined;

  private constructor(
    page: Page,
    server: CodeServer,
    browser: Browser,
    dirs: { output: string; temp: string; userData: string; folder: string },
    owner?: VsCodeSession,
  ) {
    this.page = page;
    this.#server = server;
    this.#browser = browser;
    this.outputDir = dirs.output;
    this.#tempDir = dirs.temp;
    this.userDataDir = dirs.userData;
    this.folder = dirs.folder;
    this.#owner = owner;
  }

  /**
   * A second VS Code window on the same server and folder: a new browser tab of the same profile (so the same
   * secret storage and global state), with its own extension host, as when a person opens the folder twice.
   * Close it with close() (which closes only its tab).
   */
  async openAnotherWindow(): Promise<VsCodeSession> {
    const page = await this.page.context().newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const other = new VsCodeSession(
      page,
      this.#server,
      this.#browser,
      { output: this.outputDir, temp: this.#tempDir, userData: this.userDataDir, folder: this.folder },
      this,
    );
    await page.goto(`${this.#server.url}/?folder=${encodeURIComponent(this.folder)}`);
    await other.waitForWorkbench();
    return other;
  }

  get url(): string {
    return this.#server.url;
  }

  static async start(opts: SessionOptions): Promise<VsCodeSession> {
    const tools = loadToolPaths();
    const output = join(outputDir, opts.name);
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { recursive: true });
    const temp = mkdtempSync(join(tmpdir(), 'owsr-e2e-'));
    liveTempDirs.add(temp);
    const userData = join(temp, 'user-data');
    const folder = opts.folder ?? join(temp, 'workspace');
    mkdirSync(folder, { recursive: true });

    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    try {
      server = await CodeServer.start({
        tools,
        vsixFiles: opts.vsixFiles,
        userDataDir: userData,
        extensionsDir: join(temp, 'extensions'),
        folder,
        userSettings: { ...SUITE_DEFAULTS, ...opts.userSettings },
        logFile: join(output, 'code-server.log'),
        ...(opts.env ? { env: opts.env } : {}),
      });
      browser = await chromium.launch({ executablePath: tools.chromium, args: CHROMIUM_ARGS, headless: true });
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // The extension's clipboard writes (Copy Secret ID, Copy New Secret) go through the page's clipboard.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      const session = new VsCodeSession(page, server, browser, { output, temp, userData, folder });
      await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
      await session.waitForWorkbench();
      return session;
    } catch (err) {
      await browser?.close().catch(() => undefined);
      await server?.stop();
      copyLogs(userData, output);
      rmSync(temp, { recursive: true, force: true });
      liveTempDirs.delete(temp);
      throw err;
    }
  }

  /** Waits until the workbench is rendered and the extension host is connected (the status bar shows up). */
  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.locator('.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  }

  // ---- the command palette and quick inputs

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * F1, type the full title ("Okta Workflows: Add Org"), pick the row with exactly that label. Right after start
   * the palette may not know the extension's commands yet (the remote extension host is still scanning), and an
   * open palette never refreshes its list: it then shows "No matching commands" or "similar commands", and we
   * close and reopen it until the command shows up.
   */
  async runCommand(title: string): Promise<void> {
    const row = this.quickInputRow(title);
    const anyRow = this.quickInput.locator('.quick-input-list .monaco-list-row');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      await this.openPalette();
      // A webview that takes the focus as it shows (the tab under a closed one) closes the palette it blurs: the
      // fill then finds no input, and the palette is opened again.
      const typed = await this.quickInput
        .locator('input.input')
        .fill(`>${title}`, { timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      // A palette opened while another quick input is still closing can stay empty: then it is reopened too.
      const listed =
        typed &&
        (await anyRow
          .first()
          .waitFor({ state: 'visible', timeout: 5_000 })
          .then(
            () => true,
            () => false,
          ));
      // The list is filtered synchronously on input: once a row shows, the match is either there or not.
      if (listed && (await row.isVisible())) break;
      if (Date.now() > deadline) {
        const shown = (await anyRow.allInnerTexts()).map((t) => t.trim()).join(' | ');
        throw new Error(
          `e2e: the command palette has no command "${title}" after ${UI_TIMEOUT_MS / 1000} s (shows: ${shown})`,
        );
      }
      // Closed and reopened: the palette reads the command list afresh (bounded by the deadline above).
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden' });
    }
    await row.click();
  }

  async openPalette(): Promise<void> {
    if (await this.quickInput.isVisible()) await this.page.keyboard.press('Escape');
    await this.quickInput.waitFor({ state: 'hidden' });
    // F1 pressed while a webview hands the keyboard back to the workbench can be lost (seen on a loaded machine):
    // pressed again until the palette shows, within the usual timeout.
    const input = this.quickInput.locator('input.input');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      await this.page.keyboard.press('F1');
      const shown = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (shown) return;
      if (Date.now() > deadline)
        throw new Error(`e2e: F1 did not open the command palette in ${UI_TIMEOUT_MS / 1000} s`);
    }
  }

  /** The quick-pick row whose label is exactly `label` (no description, no detail). */
  quickInputRow(label: string): Locator {
    return this.quickInput
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactText(label) }) });
  }

  /** Waits for a quick input (input box or pick) whose prompt or placeholder contains `hint`, then returns it. */
  async waitForQuickInput(hint?: string | RegExp): Promise<Locator> {
    await this.quickInput.waitFor({ state: 'visible' });
    if (hint !== undefined) {
      const input = this.quickInput.locator('input.input');
      const message = this.quickInput.locator('.quick-input-message, .quick-input-title, .quick-input-description');
      const matches = async (): Promise<boolean> => {
        const text = [
          (await input.getAttribute('placeholder')) ?? '',
          (await input.getAttribute('aria-label')) ?? '',
          ...(await message.allInnerTexts()),
        ].join('\n');
        return typeof hint === 'string' ? text.includes(hint) : hint.test(text);
      };
      await waitUntil(matches, `a quick input mentioning ${String(hint)}`);
    }
    return this.quickInput;
  }

  /** Types into the open quick input (replacing its content). Works for password inputs too. */
  async quickInputType(text: string): Promise<void> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
  }

  async quickInputEnter(): Promise<void> {
    await this.quickInput.locator('input.input').press('Enter');
  }

  /** Clicks the quick-pick row labelled `label`. */
  async quickInputPick(label: string): Promise<void> {
    const row = this.quickInputRow(label);
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** The validation message under a quick input (e.g. a rejected domain), '' when none. */
  async quickInputMessage(): Promise<string> {
    const message = this.quickInput.locator('.quick-input-message');
    return (await message.count()) > 0 ? (await message.innerText()).trim() : '';
  }

  async waitForQuickInputClosed(): Promise<void> {
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /**
   * Answers VS Code's own open-file dialog (in the browser a quick input that takes a path): types the file's full
   * path and accepts it.
   */
  async chooseFile(path: string): Promise<void> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    // The dialog fills in its start folder and lists it after it shows: typing before that would be overwritten.
    await this.quickInputRow('..').waitFor({ state: 'visible' });
    await waitUntil(
      async () => (await input.inputValue()).endsWith('/'),
      'the file dialog to show its start folder',
      undefined,
      async () => input.inputValue(),
    );
    await input.fill(path);
    // The dialog completes the path as it is typed; wait until it shows exactly the file before accepting.
    await waitUntil(
      async () => (await input.inputValue()) === path,
      `the file dialog to show ${path}`,
      undefined,
      async () => input.inputValue(),
    );
    await input.press('Enter');
  }

  /**
   * Answers VS Code's own save dialog (in the browser a quick input holding the proposed path): replaces the path
   * with `path` and accepts it.
   */
  async saveFile(path: string): Promise<void> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    // The dialog fills in the proposed file after it shows: typing before that would be overwritten.
    await waitUntil(
      async () => /\.\w+$/.test(await input.inputValue()),
      'the save dialog to propose a file',
      undefined,
      async () => input.inputValue(),
    );
    await input.fill(path);
    await waitUntil(
      async () => (await input.inputValue()) === path,
      `the save dialog to show ${path}`,
      undefined,
      async () => input.inputValue(),
    );
    await input.press('Enter');
  }

  // ---- the status bar

  /** The status bar item whose text matches `pattern`, once it shows; returns its text. */
  async waitForStatusBarItem(pattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const item = this.page.locator('.statusbar-item', { hasText: pattern }).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await item.innerText()).replace(/\s+/g, ' ').trim();
  }

  async clickStatusBarItem(pattern: RegExp): Promise<void> {
    await this.page
      .locator('.statusbar-item', { hasText: pattern })
      .first()
      .locator('a, .statusbar-item-label')
      .first()
      .click();
  }

  // ---- notifications and dialogs

  /** The text of every notification toast currently shown (message and source), newest last. */
  async notifications(): Promise<string[]> {
    const toasts = this.page.locator('.notifications-toasts .notification-list-item');
    return (await toasts.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /**
   * Waits for a notification whose text matches, returns its full text. A notification that came while several
   * others were shown may go straight to the notification center without a toast (seen with five in a row): the
   * center is looked at too before giving up.
   */
  async waitForNotification(pattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    let found = '';
    const match = async (): Promise<boolean> => {
      found = (await this.notifications()).find((n) => pattern.test(n)) ?? '';
      return found !== '';
    };
    try {
      await waitUntil(match, `a notification matching ${pattern}`, timeoutMs);
      return found;
    } catch (toastMissing) {
      const inCenter = await this.notificationCenterTexts();
      found = inCenter.find((n) => pattern.test(n)) ?? '';
      if (found !== '') return found;
      throw new Error(`${(toastMissing as Error).message} Notification center: ${JSON.stringify(inCenter)}`, {
        cause: toastMissing,
      });
    }
  }

  /** The notification center's entries (opened with its command, which focuses it; closed again with Escape). */
  async notificationCenterTexts(): Promise<string[]> {
    await this.runCommand('Notifications: Show Notifications');
    const center = this.page.locator('.notifications-center');
    await center.waitFor({ state: 'visible' });
    const texts = (await center.locator('.notification-list-item').allInnerTexts()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
    await this.page.keyboard.press('Escape');
    await center.waitFor({ state: 'hidden' });
    return texts;
  }

  /** Closes every notification toast (so the next wait sees only new ones). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** Clicks a button on a notification matching `pattern`. */
  async clickNotificationButton(pattern: RegExp, button: string): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: pattern });
    await toast.getByRole('button', { name: button, exact: true }).click();
  }

  get dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Waits for a modal dialog and returns its message and detail text. */
  async dialogText(): Promise<string> {
    await this.dialog.waitFor({ state: 'visible' });
    return (await this.dialog.locator('.dialog-message-row').innerText()).replace(/\s+/g, ' ').trim();
  }

  async dialogButton(label: string): Promise<void> {
    await this.dialog.waitFor({ state: 'visible' });
    await this.dialog.locator('.dialog-buttons').getByRole('button', { name: label, exact: true }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  // ---- views and the tree

  /** Clicks the activity-bar entry titled `title` (e.g. 'Okta Workflows') unless its container is already open. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible' });
    const checked = await item
      .locator('a.action-label')
      .getAttribute('aria-checked')
      .catch(() => null);
    const expanded = await item.getAttribute('aria-pressed').catch(() => null);
    if (checked !== 'true' && expanded !== 'true' && !(await this.sideBarTitle(title).isVisible())) {
      await item.click();
    }
    await this.sideBarTitle(title).waitFor({ state: 'visible' });
  }

  activityBarItem(title: string): Locator {
    return this.page
      .locator('.activitybar .action-item')
      .filter({ has: this.page.locator(`a.action-label[aria-label^="${cssEscape(title)}"]`) });
  }

  /** The side bar's title: "Okta Workflows", or "Okta Workflows: Orgs" when the container has a single view. */
  sideBarTitle(title: string): Locator {
    return this.page.locator('.sidebar .composite.title h2', {
      hasText: new RegExp(`^\\s*${escapeRegExp(title)}(:|\\s*$)`, 'i'),
    });
  }

  /** Clicks a button in the side bar's title bar (e.g. 'Refresh', 'Add Org'), matched by its tooltip/aria label. */
  async viewTitleAction(label: string): Promise<void> {
    const action = this.page
      .locator(`.sidebar .title-actions .action-label[aria-label^="${cssEscape(label)}"]`)
      .first();
    await action.click();
  }

  /** The welcome content of a view (shown when its tree is empty), '' when none is shown. */
  async viewWelcome(viewName: string): Promise<string> {
    const welcome = this.viewPane(viewName).locator('.welcome-view-content');
    return (await welcome.isVisible()) ? (await welcome.innerText()).replace(/\s+/g, ' ').trim() : '';
  }

  /** The pane of the view titled `viewName` inside the open side bar (its header is hidden when it is the only view). */
  viewPane(viewName: string): Locator {
    return this.page
      .locator('.sidebar .pane')
      .filter({ has: this.page.locator('.pane-header h3.title', { hasText: exactText(viewName, 'i') }) });
  }

  /** The rows of a tree view: the text a person sees on each row (label and description), top to bottom. */
  async treeItems(viewName: string): Promise<string[]> {
    const rows = this.viewPane(viewName).locator('.monaco-list-row');
    // A row may go while it is read (the tree reloading): it then reads as '' and the caller's wait goes on.
    return Promise.all((await rows.all()).map((row) => rowText(row, 1_000).catch(() => '')));
  }

  /** The row of a tree view whose text matches. */
  treeItem(viewName: string, text: string | RegExp): Locator {
    return this.viewPane(viewName).locator('.monaco-list-row').filter({ hasText: text });
  }

  /** Waits for a tree row whose text matches, returns its text. */
  async waitForTreeItem(viewName: string, text: string | RegExp): Promise<string> {
    // The tree reuses its row elements as it reloads: a row found by its text may show another item's by the
    // time it is read, so the text read must match again.
    let found = '';
    await waitUntil(
      async () => {
        for (const row of await this.treeItem(viewName, text).all()) {
          const read = await rowText(row, 1_000).catch(() => '');
          const whole = await row.innerText({ timeout: 1_000 }).catch(() => '');
          if (rowMatches(read, text) || rowMatches(whole, text)) {
            found = read || whole;
            return true;
          }
        }
        return false;
      },
      `tree row ${String(text)}`,
      UI_TIMEOUT_MS,
      async () => JSON.stringify(await this.treeItems(viewName)),
    );
    return found;
  }

  /** Expands a collapsed tree row (no-op when already expanded). */
  async expandTreeItem(viewName: string, text: string | RegExp): Promise<void> {
    const row = this.treeItem(viewName, text).first();
    await row.waitFor({ state: 'visible' });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    await waitUntil(
      async () => (await row.getAttribute('aria-expanded')) !== 'false',
      `tree row ${String(text)} expanded`,
    );
  }

  /** Right-clicks a tree row and picks a context-menu entry. */
  async treeItemContextMenu(viewName: string, text: string | RegExp, entry: string): Promise<void> {
    const menu = await this.openContextMenu(viewName, text);
    const item = menu
      .locator('.action-item')
      .filter({ has: this.page.locator('.action-label', { hasText: exactText(entry) }) });
    await item.first().waitFor({ state: 'visible' });
    // A synthetic click on a context-menu entry focuses it but does not run it in code-server's Chromium;
    // hover (which focuses the entry) then Enter does, as it does for a keyboard user.
    await item.first().hover();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
  }

  /** The labels of a tree row's context menu (then closes it): for checking `when` clauses. */
  async treeItemContextMenuEntries(viewName: string, text: string | RegExp): Promise<string[]> {
    const menu = await this.openContextMenu(viewName, text);
    const labels = (await menu.locator('.action-item:not(.disabled) .action-label').allInnerTexts())
      .map((t) => t.trim())
      .filter(Boolean);
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    return labels;
  }

  /**
   * Right-clicks the tree row whose text matches until its context menu shows, for that row: a right-click that
   * lands while the tree re-renders the row (a refresh after an action, on a busy machine) opens nothing, and one on
   * an element the tree has just reused for another item opens that item's menu, which is closed again.
   */
  private async openContextMenu(viewName: string, text: string | RegExp): Promise<Locator> {
    const menu = this.page.locator('.context-view .monaco-menu');
    for (let attempt = 1; ; attempt++) {
      const row = await this.treeItem(viewName, text).first().elementHandle({ timeout: UI_TIMEOUT_MS });
      if (!row) throw new Error(`no tree row ${String(text)} in ${viewName}`);
      await row.click({ button: 'right' });
      try {
        await menu.waitFor({ state: 'visible', timeout: 10_000 });
      } catch (e) {
        if (attempt >= 3) throw e;
        continue;
      }
      const read = await row.innerText().catch(() => '');
      if (rowMatches(read, text)) return menu;
      if (attempt >= 3) throw new Error(`the tree row ${String(text)} showed "${read}" when it was right-clicked`);
      await this.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
    }
  }

  // ---- webviews

  /** The content of the webview whose tab/panel title is `title` (or the visible one: the active editor's): two iframes deep. */
  webviewFrame(title?: string): FrameLocator {
    const outer = title
      ? this.page.locator(`iframe.webview.ready[title="${cssEscape(title)}"]`)
      : this.page.locator('iframe.webview.ready').filter({ visible: true });
    return outer.first().contentFrame().locator('iframe#active-frame').contentFrame();
  }

  /** What the page's clipboard holds (VS Code for the web writes vscode.env.clipboard there). */
  async clipboardText(): Promise<string> {
    // The page runs in the browser: its globals are not in this project's Node typings.
    return this.page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
  }

  /** Closes the editor tab titled `title` (e.g. a checklist panel "Rotate: Acme") with its close button. */
  async closeEditorTab(title: string): Promise<void> {
    const tab = this.editorTab(title);
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'detached' });
  }

  /** The editor tab titled exactly `title`. */
  editorTab(title: string): Locator {
    return this.page
      .locator('.tabs-container .tab')
      .filter({ has: this.page.locator('.tab-label .label-name', { hasText: exactText(title) }) });
  }

  // ---- window

  /**
   * "Developer: Reload Window" from the palette, as a person does: the page reloads, the remote extension host is
   * replaced by a new one, restored webview panels go through their serializer. Waits for the new workbench.
   */
  async reloadWindow(): Promise<void> {
    const main = this.page.mainFrame();
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (f) => f === main, timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.waitForWorkbench();
  }

  // ---- what the session wrote (for leak checks)

  /** The text of every frame of the page: the workbench and each webview's outer and inner document. */
  async frameContents(): Promise<Array<[where: string, html: string]>> {
    const out: Array<[string, string]> = [];
    for (const [i, frame] of this.page.frames().entries()) {
      const html = await frame.content().catch(() => '');
      out.push([`frame #${i} ${frame.url().slice(0, 80)}`, html]);
    }
    return out;
  }

  /**
   * Every log file VS Code wrote so far under the user data folder (window, extension hosts, and our
   * "Okta Workflows" output channel, one per extension host since a reload starts a new one).
   */
  logFiles(): Array<[path: string, text: string]> {
    return listFiles(join(this.userDataDir, 'logs')).map((f) => [f, readFileSync(f, 'utf8')] as [string, string]);
  }

  /**
   * Every file of the server side of this session (user data folder: settings, logs, global storage, caches),
   * read as latin1 so binary files can be searched too.
   */
  userDataFiles(): Array<[path: string, text: string]> {
    return listFiles(this.userDataDir).map((f) => [f, readFileSync(f, 'latin1')] as [string, string]);
  }

  /** The browser side's localStorage (VS Code for the web keeps its secret storage there, encrypted). */
  async browserLocalStorage(): Promise<Array<[key: string, value: string]>> {
    return this.page.evaluate(() => {
      const storage = (
        globalThis as unknown as {
          localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
        }
      ).localStorage;
      const out: Array<[string, string]> = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        out.push([`localStorage ${key}`, storage.getItem(key) ?? '']);
      }
      return out;
    });
  }

  /** The text our "Okta Workflows" log channel wrote (all extension hosts of this session, in order). */
  extensionLog(): string {
    return this.logFiles()
      .filter(([f]) => f.endsWith(`${EXTENSION_LOG_NAME}.log`))
      .map(([, t]) => t)
      .join('\n');
  }

  /** The user settings.json as VS Code left it (the extension writes the orgs there). */
  userSettingsText(): string {
    return readFileSync(join(this.userDataDir, 'User', 'settings.json'), 'utf8');
  }

  /** "Preferences: Color Theme" from the palette, the theme typed and picked, as a person switches themes. */
  async setColorTheme(theme: string): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    for (;;) {
      // The theme picker closes as the palette does when a webview takes the focus: then it is asked for again.
      const picked = await this.pickColorTheme(theme).then(
        () => true,
        (err: unknown) => {
          if (Date.now() > deadline) throw err;
          return false;
        },
      );
      if (picked) return;
    }
  }

  private async pickColorTheme(theme: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.waitForQuickInput();
    const input = this.quickInput.locator('input.input');
    await input.fill(theme, { timeout: 5_000 });
    await this.quickInputRow(theme).first().waitFor({ state: 'visible', timeout: 5_000 });
    await input.press('Enter', { timeout: 5_000 });
    await this.waitForQuickInputClosed();
  }

  /**
   * Edits the user settings as a person does: "Preferences: Open User Settings (JSON)", the text replaced (`changes`
   * replace those keys, the rest stays), saved, the editor closed. VS Code applies a setting saved in its editor at
   * once; a file written behind its back may be noticed much later.
   */
  async changeUserSettings(changes: Record<string, unknown>): Promise<void> {
    const current: unknown = JSON.parse(this.userSettingsText());
    const wanted = { ...(typeof current === 'object' && current !== null ? current : {}), ...changes };
    await this.runCommand('Preferences: Open User Settings (JSON)');
    // An editor showing the file (VS Code 1.139 opens it over the others, not in a tab): the harness's own quiet
    // settings are always in it.
    const editor = this.page
      .locator('.monaco-editor')
      .filter({ visible: true, has: this.page.locator('.view-lines', { hasText: '"workbench.startupEditor"' }) })
      .first();
    await editor.waitFor({ state: 'visible' });
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    // One line (no auto-indent); whatever the editor closed for us after the cursor (a quote, a brace) is removed.
    await this.page.keyboard.insertText(JSON.stringify(wanted));
    await this.page.keyboard.press('Shift+ControlOrMeta+End');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.press('ControlOrMeta+S');
    await waitUntil(
      async () => {
        try {
          return JSON.stringify(JSON.parse(this.userSettingsText())) === JSON.stringify(wanted);
        } catch {
          return false; // not saved yet, or saved half-way
        }
      },
      'the edited user settings to be saved',
      undefined,
      async () => this.userSettingsText(),
    );
    // The editor shown over the others closes on Escape (the text editor may take a first one for itself).
    for (let i = 0; i < 3 && (await editor.isVisible()); i++) {
      await this.page.keyboard.press('Escape');
      await editor.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    await editor.waitFor({ state: 'hidden' });
  }

  // ---- output

  /** A full-page screenshot into test-output/e2e/<session>/<name>.png; returns the path. */
  async screenshot(name: string): Promise<string> {
    const file = join(this.outputDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Stops Chromium and code-server (its whole process group), keeps the logs, removes the temp folders; another window closes only its tab. */
  async close(): Promise<void> {
    if (this.#owner) {
      await this.page.close().catch(() => undefined);
      return;
    }
    await this.#browser.close().catch(() => undefined);
    await this.#server.stop();
    copyLogs(this.userDataDir, this.outputDir);
    rmSync(this.#tempDir, { recursive: true, force: true });
    liveTempDirs.delete(this.#tempDir);
  }
}

/**
 * Temp folders of sessions not closed yet (they may hold a test's key file or code-server's state). Removed when
 * mocha exits without running the after hooks; code-server's own process groups are killed by codeServer.ts.
 */
const liveTempDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Registers an afterEach that screenshots the page when a test failed: the picture usually says why. */
export function screenshotOnFailure(session: () => VsCodeSession | undefined): void {
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const name = `FAILED-${test.title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`;
    await session()
      ?.screenshot(name)
      .catch(() => undefined);
  });
}

/** VS Code's own logs (extension host, window, server) go next to the screenshots, for diagnosing failures. */
function copyLogs(userDataDir: string, output: string): void {
  const logs = join(userDataDir, 'logs');
  if (existsSync(logs)) cpSync(logs, join(output, 'vscode-logs'), { recursive: true });
}

/** The name of our LogOutputChannel, and so of its file under logs/<date>/exthostN/<extension id>/. */
export const EXTENSION_LOG_NAME = 'Okta Workflows';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Polls a condition (each check is a DOM query) until it holds; the failure names what was awaited. */
export function waitUntil(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = UI_TIMEOUT_MS,
  describe?: () => Promise<string>,
): Promise<void> {
  return waitFor(condition, what, { timeoutMs, intervalMs: 200, ...(describe ? { describe } : {}) });
}

/** A tree row as "label description" (the DOM puts them in adjacent spans with no space between). */
async function rowText(row: Locator, timeout?: number): Promise<string> {
  const parts = await row.locator('.label-name, .label-description').allInnerTexts();
  return (parts.length > 0 ? parts.join(' ') : await row.innerText({ timeout })).replace(/\s+/g, ' ').trim();
}

/** Whether a row's text matches as Playwright's hasText does: a string anywhere, case and spacing aside. */
function rowMatches(rowText: string, text: string | RegExp): boolean {
  if (text instanceof RegExp) return text.test(rowText);
  const squash = (t: string): string => t.replace(/\s+/g, ' ').trim().toLowerCase();
  return squash(rowText).includes(squash(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactText(text: string, flags = ''): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`, flags);
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
