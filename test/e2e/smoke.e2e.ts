// The chain works end to end: the packaged extension installs into a real VS Code (code-server), its view
// container shows in the activity bar, its view renders, and activating it (by showing the view) reaches the
// extension's own code: a configured org without a token renders the tree's "Set API Token" item.
import assert from 'node:assert/strict';
import { screenshotOnFailure, VsCodeSession } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';

describe('e2e smoke: the extension in a real VS Code', () => {
  let vscode: VsCodeSession | undefined;

  before(async () => {
    vscode = await VsCodeSession.start({
      name: 'smoke',
      vsixFiles: [extensionVsix()],
      // A loopback org nobody listens on: showing it needs no network, only the token check.
      userSettings: { 'oktaWorkflows.orgs': [{ label: 'Smoke Org', domain: 'http://127.0.0.1:9', environment: 'preview' }] },
    });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
  });

  it('shows the "Okta Workflows" view container and its Orgs view, whose welcome content reflects the activated extension', async () => {
    const ui = vscode!;
    await ui.openViewContainer('Okta Workflows');
    await ui.viewPane('Orgs').waitFor({ state: 'visible' });
    // "has orgs, no token" is a context key only the activated extension sets; without it VS Code would show
    // the "No Okta org is configured yet" welcome instead.
    const welcome = ui.viewPane('Orgs').locator('.welcome-view-content');
    await welcome.filter({ hasText: 'Your orgs have no API token yet' }).waitFor({ state: 'visible' });
    assert.deepEqual(await welcome.getByRole('button').allInnerTexts(), ['Set API Token', 'Add Okta Org']);
    await ui.screenshot('orgs-view-welcome');
  });

  it('runs "Okta Workflows: Show Log" from the palette, which shows its "Okta Workflows" log channel', async () => {
    const ui = vscode!;
    await ui.runCommand('Okta Workflows: Show Log');
    const panel = ui.page.locator('.part.panel');
    await panel.waitFor({ state: 'visible' });
    const select = panel.locator('select.monaco-select-box');
    await select.first().waitFor({ state: 'attached' });
    const chosen = await select.first().evaluate((e) => (e as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions[0]?.text ?? '');
    assert.match(chosen, /Okta Workflows/);
  });
});
