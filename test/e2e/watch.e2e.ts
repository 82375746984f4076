// The watch of the old secret in a real VS Code, on the practice fleet (four orgs: Practice Preview 2 has a forgotten
// flow, a Workflows connection left on its secret that refreshes every 20 s). Rotating that org: once the old secret
// is deactivated the flow fails at its next refresh, Okta's System Log records it, and the watch stops the rotation
// before the delete: the step names when and from where, Roll back is its recommended action, the tree and the status
// bar say so, and Roll back ends it with the old secret active again. Rotating Practice Preview 1, which has no
// forgotten flow: the watch (one minute here) ends clean by itself, the extension's own timer looking, and the
// rotation completes.
import assert from 'node:assert/strict';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { rotateFromPalette, VIEW, type Checklist } from './steps.ts';

const CAUGHT_ORG = 'Practice Preview 2 (forgotten flow)';
const CLEAN_ORG = 'Practice Preview 1';
const WATCH = '9. Watch for the old secret';

describe('e2e: the watch of the old secret (practice fleet with a forgotten flow)', () => {
  let vscode: VsCodeSession | undefined;

  before(async () => {
    vscode = await VsCodeSession.start({
      name: 'watch',
      vsixFiles: [extensionVsix()],
      // A short watch: longer than the forgotten flow's 20 s between refreshes, so it cannot end before the catch.
      userSettings: { 'oktaWorkflows.practiceOrgCount': 4, 'oktaWorkflows.deactivationWatchMinutes': 1 },
    });
    await vscode.openViewContainer('Okta Workflows');
    await vscode.runCommand('Okta Workflows: Start Practice Orgs');
    await vscode.waitForNotification(/Practice orgs started/);
    await vscode.waitForTreeItem(VIEW, CAUGHT_ORG);
    await vscode.clearNotifications();
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
  });

  /** The watch step's text (the current step shows what to do; a done one its summary), whitespace collapsed. */
  const watchText = async (checklist: Checklist): Promise<string> =>
    (
      (await checklist
        .step(WATCH)
        .innerText()
        .catch(() => '')) ?? ''
    ).replace(/\s+/g, ' ');

  it('the forgotten flow is caught before the delete; Roll back is the recommended action, and works', async () => {
    const ui = vscode!;
    const checklist = await rotateFromPalette(ui, CAUGHT_ORG);
    await checklist.run('preflight', 'deactivateOld');
    // Looks until the flow's next refresh has failed and Okta logged it (the person may look; the timer does too).
    await waitUntil(
      async () => {
        if (/Okta logged \d+ failed sign-in/.test(await watchText(checklist))) return true;
        for (const name of ['Look at the System Log now', 'Look again now'])
          await checklist.page
            .getByRole('button', { name, exact: true })
            .click({ timeout: 1_000 })
            .catch(() => undefined);
        return false;
      },
      'the watch to catch the forgotten flow',
      90_000,
      async () => `${await watchText(checklist)} ${await checklist.describe()}`,
    );
    const text = await watchText(checklist);
    // A time of another UTC day than the page's now carries its date (a run around midnight).
    assert.match(
      text,
      /failed sign-in at (\d{1,2} \w{3} \d{4}, )?\d\d:\d\d UTC from 127\.0\.0\.\d+ \(okta-workflows-connector-simulated/,
    );
    assert.match(text, /with the old secret/);
    assert.match(text, /Roll back \(recommended\)/);
    const actions = checklist.step(WATCH).getByRole('button');
    assert.equal(await actions.first().innerText(), 'Roll back (recommended)…', 'Roll back is the step’s first action');
    assert.doesNotMatch((await actions.first().getAttribute('class')) ?? '', /secondary|danger/, 'and its primary');
    assert.equal(
      await checklist.page.getByRole('button', { name: 'Delete the old secret', exact: true }).count(),
      0,
      'the delete is not offered',
    );
    await ui.waitForStatusBarItem(/Practice Preview 2 \(forgotten flow\): old secret still used/);
    await ui.waitForTreeItem(VIEW, /old secret still used: roll back/);
    await ui.screenshot('watch-caught');

    await checklist.click('Roll back (recommended)…');
    const question = await checklist.confirmModal('Roll Back');
    assert.match(question, /Roll back: reactivate the old secret\?/);
    await waitUntil(
      async () => /^Rolled back/.test(await checklist.progress().catch(() => '')),
      'the rotation to end rolled back',
      60_000,
      async () => checklist.describe(),
    );
    await waitUntil(
      async () =>
        !(await ui.page
          .locator('.statusbar-item', { hasText: /old secret still used/ })
          .isVisible()
          .catch(() => false)),
      'the status bar to stop saying the old secret is still used',
    );
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('an org without a forgotten flow: the watch ends clean by itself after its minute, and the rotation completes', async () => {
    const ui = vscode!;
    const checklist = await rotateFromPalette(ui, CLEAN_ORG);
    await checklist.run('preflight', 'deactivateOld');
    await ui.waitForStatusBarItem(/Watching Practice Preview 1's old secret/);
    // No click: the extension's timer looks until a minute has passed with nothing found.
    await checklist.waitForStep(WATCH, /^done/, 150_000);
    assert.match(
      await watchText(checklist),
      // The span as utcSpan says it, with its date(s) when it is not today's or crosses midnight UTC.
      /Old secret unused, per Okta's System Log: no failed sign-in of this app's client in \d+ (s|min) \((\d{1,2} \w{3} \d{4}, )?\d\d:\d\d(–| UTC to \d{1,2} \w{3} \d{4}, )\d\d:\d\d UTC\)/,
    );
    await ui.waitForStatusBarItem(/Practice Preview 1: watch done/);
    await ui.screenshot('watch-clean');
    await checklist.run('deleteOld', 'finish');
    assert.match(await checklist.progress(), /^Completed/);
  });
});
