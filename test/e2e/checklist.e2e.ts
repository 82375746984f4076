// The checklist as a person reads and drives it, in a real VS Code: plain words at every point (no field name,
// internal state word or raw time), nothing cut off at 1400×900, no serious accessibility violation (axe-core in
// the webview frame), the keyboard alone enough, waits shown in the step with the time left and Cancel, and the
// page in a light, a dark and a high-contrast theme. Add Org's first minutes too: a cancel or a refused token
// leaves the settings as they were.
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { internalWords } from '../support/plainWords.ts';
import {
  axeViolations,
  checklistFrame,
  focusedControl,
  focusOnPrimaryAction,
  overflowingElements,
  seriousOnes,
} from './pageChecks.ts';
import {
  addOrgFromPalette,
  Checklist,
  masked,
  orgSetting,
  rotateFromPalette,
  setApiTokenFromPalette,
  showSecretsInTree,
  VIEW,
} from './steps.ts';

describe('e2e: the checklist reads like a runbook a person trusts', () => {
  let simulator: Simulator | undefined;
  let vscode: VsCodeSession | undefined;
  /** Added to the simulator's clock: moves a rate-limit window on, so Okta's reset is seconds away, not a minute. */
  let skewMs = 0;
  const org = (name: string): SimulatedOrg => simulator!.org(name);
  const LABELS = {
    preview: 'Words Preview',
    production: 'Words Production',
    keyboard: 'Keyboard Org',
    newcomer: 'Newcomer Org',
    readOnly: 'Read-only Org',
  } as const;

  before(async () => {
    simulator = await startSimulator({
      orgs: [
        { name: 'words-preview', environment: 'preview' },
        {
          name: 'words-production',
          environment: 'production',
          secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }],
        },
        { name: 'keyboard', environment: 'preview' },
        { name: 'newcomer', environment: 'preview' },
        { name: 'read-only', environment: 'preview' },
      ],
      now: () => Date.now() + skewMs,
    });
    vscode = await VsCodeSession.start({
      name: 'checklist',
      vsixFiles: [extensionVsix()],
      userSettings: {
        'oktaWorkflows.orgs': [
          orgSetting(org('words-preview').info, LABELS.preview),
          orgSetting(org('words-production').info, LABELS.production),
          orgSetting(org('keyboard').info, LABELS.keyboard),
          orgSetting(org('read-only').info, LABELS.readOnly),
        ],
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
    for (const [name, label] of [
      ['words-preview', LABELS.preview],
      ['words-production', LABELS.production],
      ['keyboard', LABELS.keyboard],
    ] as const) {
      await setApiTokenFromPalette(vscode, label, org(name).info.apiToken);
      await vscode.clearNotifications();
    }
    await showSecretsInTree(vscode, LABELS.preview, org('words-preview').secrets());
    await vscode.clearNotifications();
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  /** The org list as the user settings hold it (what Add Org must not touch when it adds nothing). */
  const orgsInSettings = (): string =>
    JSON.stringify((JSON.parse(vscode!.userSettingsText()) as Record<string, unknown>)['oktaWorkflows.orgs']);

  it('Add Org cancelled at the token prompt, or with a wrong token, leaves the settings as they were', async () => {
    const ui = vscode!;
    const newcomer = org('newcomer');
    const before = orgsInSettings();

    await addOrgFromPalette(ui, newcomer.info, LABELS.newcomer, 'apiToken');
    await ui.waitForQuickInput(`API token for ${LABELS.newcomer}`);
    await ui.page.keyboard.press('Escape');
    await ui.waitForQuickInputClosed();
    assert.equal(orgsInSettings(), before, 'a cancel at the token prompt must write nothing');

    await addOrgFromPalette(ui, newcomer.info, LABELS.newcomer, 'apiToken');
    await ui.waitForQuickInput(`API token for ${LABELS.newcomer}`);
    await ui.quickInputType('00wrongTokenWrongTokenWrongToken1234567890');
    await ui.quickInputEnter();
    const refusal = await ui.waitForNotification(/was not added/);
    assert.match(
      refusal,
      new RegExp(
        `${LABELS.newcomer} was not added; nothing was written\\. ${LABELS.newcomer} refused the API token \\(401, E0000011\\)`,
      ),
    );
    assert.equal(orgsInSettings(), before, 'a refused token must write nothing');
    const rows = await ui.treeItems(VIEW);
    assert.ok(!rows.some((r) => r.includes(LABELS.newcomer)), `no org left behind: ${JSON.stringify(rows)}`);
    await ui.screenshot('add-org-refused');
    await ui.clearNotifications();
  });

  /** Words, overflow and axe, at one moment of one checklist. */
  async function checkPage(checklist: Checklist, moment: string, orgName: string): Promise<void> {
    const frame = await checklistFrame(checklist.ui.page, `Rotate the Workflows secret: ${checklist.orgLabel}`);
    const text = await checklist.visibleText();
    const info = org(orgName).info;
    const internal = internalWords(text, { host: new URL(info.baseUrl).host, clientId: info.clientId });
    assert.deepEqual(internal, [], `${moment}: the page shows internal words: ${text}`);
    assert.deepEqual(await overflowingElements(frame), [], `${moment}: text overflows its box`);
    assert.equal(seriousOnes(await axeViolations(frame)), '', `${moment}: axe finds critical or serious violations`);
  }

  it('production: one banner, a retirement confirmed by a modal that says everything, plain words to the end', async () => {
    const ui = vscode!;
    const prod = org('words-production');
    const [inUse, inactive] = prod.secrets();
    const checklist = await rotateFromPalette(ui, LABELS.production, 'production');
    assert.equal(await checklist.page.locator('.banner').count(), 1, 'one banner: production and preview-first');
    await checkPage(checklist, 'production start', 'words-production');
    await ui.screenshot('checklist-production-start');
    await checklist.click('Rotate production anyway…');
    await checklist.confirmModal('Rotate Production');

    // Two secrets: the inactive one must go first. The modal names what goes and what stays, and the button the act.
    await checklist.click('Check the org');
    const retire = `Retire ${masked(inactive!.clientSecret)}`;
    await checklist.click(`${retire}…`);
    const question = await checklist.confirmModal(retire);
    assert.match(
      question,
      new RegExp(
        `Retired \\(deactivated, then deleted\\): ${escapeRegExp(masked(inactive!.clientSecret))} \\(created [^)]+, inactive\\)`,
      ),
    );
    assert.match(
      question,
      new RegExp(
        `Kept: ${escapeRegExp(masked(inUse!.clientSecret))} \\(created [^)]+, in use by your Workflows connection\\)`,
      ),
    );
    assert.match(question, /cannot be undone/);
    await checklist.waitForStep('1. Check the org', /^done$/);

    await checklist.run('recordInUse', 'moveFlows');
    await checkPage(checklist, 'production mid-rotation', 'words-production');
    await checklist.run('verifyNewSecret', 'finish');
    await checkPage(checklist, 'production end', 'words-production');
    assert.equal(await checklist.page.locator('.banner').count(), 1, 'one banner at the end: how it ended');
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('preview: plain words, nothing cut off and no serious axe violation at the start, mid-rotation and the end', async () => {
    const ui = vscode!;
    const checklist = await rotateFromPalette(ui, LABELS.preview);
    await checkPage(checklist, 'preview start', 'words-preview');
    // The header says where the rotation is; no banner in a preview org.
    assert.match(await checklist.progress(), /^Step 1 of 12 · Check the org$/);
    assert.equal(await checklist.page.locator('.banner').count(), 0);

    await checklist.run('preflight', 'chooseMode');
    await checklist.waitForStep('4. Set up the connection', /^current$/);
    const [old] = org('words-preview').secrets();
    // Done steps say what happened, with the secret masked and its age; the header follows.
    assert.match(await checklist.progress(), /^Step 4 of 12 · Set up the connection$/);
    const recorded = await checklist.step('2. Record the secret in use').innerText();
    assert.match(recorded, new RegExp(`Recorded ${escapeRegExp(masked(old!.clientSecret))} \\(created [^)]+\\)`));
    assert.match(recorded, /Done at (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC/);
    // Copy buttons say what they copy; one primary action in the current step.
    for (const name of ['Copy domain', 'Copy client ID', 'Copy new secret'])
      await checklist.page.getByRole('button', { name, exact: true }).waitFor({ state: 'visible' });
    assert.equal(await checklist.page.locator('li[aria-current=step] button[data-primary]').count(), 1);
    await checkPage(checklist, 'preview mid-rotation', 'words-preview');
    await ui.screenshot('checklist-mid-rotation');

    await checklist.run('newConnection', 'finish');
    assert.match(await checklist.progress(), /^Completed · (\d{1,2} \w{3} \d{4}, )?\d{2}:\d{2} UTC$/);
    await checklist.page.locator('.banner', { hasText: 'Rotation completed' }).waitFor({ state: 'visible' });
    await checkPage(checklist, 'preview end', 'words-preview');
    await ui.screenshot('checklist-completed');
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('keyboard only: Tab reaches the current step’s primary action, Enter runs it, focus stays in the page and moves on', async () => {
    const ui = vscode!;
    const checklist = await rotateFromPalette(ui, LABELS.keyboard);
    const frame = await checklistFrame(ui.page, `Rotate the Workflows secret: ${LABELS.keyboard}`);
    // Into the editor (the checklist) with a command, as a keyboard user does; then Tab only.
    await ui.runCommand('View: Focus Active Editor Group');
    let tabs = 0;
    while (!(await focusOnPrimaryAction(frame)) && tabs < 40) {
      await ui.page.keyboard.press('Tab');
      tabs++;
    }
    assert.ok(
      await focusOnPrimaryAction(frame),
      `Tab never reached the primary action (on: ${await focusedControl(frame)})`,
    );
    assert.equal(await focusedControl(frame), 'Check the org');

    await ui.page.keyboard.press('Enter');
    await checklist.waitForStep('1. Check the org', /^done$/);
    // The control that ran is gone with its step: focus moved to the next step's primary action, in the page.
    await waitUntil(
      () => focusOnPrimaryAction(frame),
      'focus on the next primary action',
      30_000,
      () => focusedControl(frame),
    );
    assert.equal(await focusedControl(frame), 'Record the secret in use');
    await ui.page.keyboard.press('Enter');
    await checklist.waitForStep('2. Record the secret in use', /^done$/);
    await waitUntil(
      () => focusOnPrimaryAction(frame),
      'focus on the next primary action',
      30_000,
      () => focusedControl(frame),
    );
    assert.equal(await focusedControl(frame), 'Create the new secret');
  });

  it('a rate-limit wait shows in its step with the time left and Cancel; the step then completes', async () => {
    const ui = vscode!;
    const o = org('keyboard');
    const checklist = new Checklist(ui, LABELS.keyboard);
    // One call allowed in a fresh window, made here; then Okta's clock moves 50 s on: the next call is refused with
    // the window's reset about 10 s away, which the extension waits out (under maxRateLimitWaitSeconds).
    o.setRateLimit(1);
    const listed = await fetch(`${o.info.baseUrl}/api/v1/apps/${o.info.workflowsAppId}/credentials/secrets`, {
      headers: { Authorization: `SSWS ${o.info.apiToken}`, Accept: 'application/json' },
    });
    assert.equal(listed.status, 200);
    skewMs += 50_000;
    await checklist.click('Create the new secret');
    const step = checklist.step('3. Create the new secret');
    await step.locator('.wait', { hasText: "Okta's rate limit" }).waitFor({ state: 'visible' });
    assert.match(await step.locator('.wait-left').innerText(), /^\d+ s left$/);
    await step.getByRole('button', { name: 'Cancel', exact: true }).waitFor({ state: 'visible' });
    await ui.screenshot('checklist-rate-limit-wait');
    o.setRateLimit(100);
    await checklist.waitForStep('3. Create the new secret', /^done$/);
    assert.equal(await step.locator('.wait').count(), 0, 'the wait is cleared when the step ends');
  });

  it('a read-only admin’s token is flagged when it is set and in step 1, before step 3 creates anything', async () => {
    const ui = vscode!;
    const o = org('read-only');
    const stored = await setApiTokenFromPalette(ui, LABELS.readOnly, o.info.readOnlyToken);
    assert.match(stored, /cannot tell whether Okta will let it create, deactivate or delete the secret/);
    await ui.clearNotifications();
    o.clearRequests();
    const checklist = await rotateFromPalette(ui, LABELS.readOnly);
    await checklist.run('preflight', 'preflight');
    const caution = checklist.step('1. Check the org').locator('.caution');
    await caution.waitFor({ state: 'visible' });
    assert.match(await caution.innerText(), /cannot tell whether Okta will let this credential create the new secret/);
    await ui.screenshot('checklist-read-only-flagged');
    assert.equal(
      o.requests.filter((r) => r.method === 'POST' && /\/credentials\/secrets$/.test(r.path)).length,
      0,
      'flagged before anything is created',
    );
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('shows the checklist in a light, a dark and a high-contrast theme, with no serious axe violation in any', async () => {
    const ui = vscode!;
    const heading = `Rotate the Workflows secret: ${LABELS.keyboard}`;
    // The checklist shown again under the tab the last test closed: its page loaded before the palette opens.
    await checklistFrame(ui.page, heading);
    for (const [theme, bodyClass, file] of [
      ['Light Modern', 'vscode-light', 'checklist-light'],
      ['Dark Modern', 'vscode-dark', 'checklist-dark'],
      ['Dark High Contrast', 'vscode-high-contrast', 'checklist-high-contrast'],
    ] as const) {
      await ui.setColorTheme(theme);
      const frame = await checklistFrame(ui.page, heading);
      await waitUntil(
        async () => frame.evaluate<boolean>(`document.body.classList.contains('${bodyClass}')`),
        `the checklist in ${theme}`,
      );
      await ui.screenshot(file);
      assert.equal(seriousOnes(await axeViolations(frame)), '', `${theme}: axe finds critical or serious violations`);
      assert.deepEqual(await overflowingElements(frame), [], `${theme}: text overflows its box`);
    }
    await ui.setColorTheme('Dark Modern');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
