// The chain works end to end: the packaged extension installs into a real VS Code (code-server), its view
// container shows in the activity bar, its view renders, and activating it (by showing the view) reaches the
// extension's own code: a configured org without a token renders the tree's "Set API Token" item.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshotOnFailure, VsCodeSession } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { projectRoot } from './toolPaths.ts';

describe('e2e smoke: the extension in a real VS Code', () => {
  let vscode: VsCodeSession | undefined;

  before(async () => {
    vscode = await VsCodeSession.start({
      name: 'smoke',
      vsixFiles: [extensionVsix()],
      // A loopback org nobody listens on: showing it needs no network, only the token check.
      userSettings: {
        'oktaWorkflows.orgs': [{ label: 'Smoke Org', domain: 'http://127.0.0.1:9', environment: 'preview' }],
      },
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
    // "has orgs, no credentials" is a context key only the activated extension sets; without it VS Code would show
    // the "No Okta org is configured yet" welcome instead. The expected texts and buttons come from the manifest.
    const expected = welcomesWhen('oktaWorkflows.hasOrgs && !oktaWorkflows.anyOrgHasToken');
    assert.ok(expected.texts.length > 0, 'the manifest must have a welcome for orgs without credentials');
    const welcome = ui.viewPane('Orgs').locator('.welcome-view-content');
    await welcome.filter({ hasText: expected.texts[0]! }).waitFor({ state: 'visible' });
    const shown = (await welcome.innerText()).replace(/\s+/g, ' ');
    for (const text of expected.texts) assert.ok(shown.includes(text), `the welcome must show "${text}": ${shown}`);
    for (const text of welcomesWhen('!oktaWorkflows.hasOrgs').texts)
      assert.ok(!shown.includes(text), `the no-org welcome must not show: ${shown}`);
    assert.deepEqual(await welcome.getByRole('button').allInnerTexts(), expected.buttons);
    await ui.screenshot('orgs-view-welcome');
  });

  it('runs "Okta Workflows: Show Log" from the palette, which shows its "Okta Workflows" log channel', async () => {
    const ui = vscode!;
    await ui.runCommand('Okta Workflows: Show Log');
    const panel = ui.page.locator('.part.panel');
    await panel.waitFor({ state: 'visible' });
    const select = panel.locator('select.monaco-select-box');
    await select.first().waitFor({ state: 'attached' });
    const chosen = await select
      .first()
      .evaluate((e) => (e as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions[0]?.text ?? '');
    assert.match(chosen, /Okta Workflows/);
  });
});

/** The first sentence of each welcome the manifest shows under `when`, and their buttons in order. */
function welcomesWhen(when: string): { texts: string[]; buttons: string[] } {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    contributes: { viewsWelcome: Array<{ view: string; contents: string; when?: string }> };
  };
  const entries = manifest.contributes.viewsWelcome.filter((w) => w.view === 'oktaWorkflows.orgs' && w.when === when);
  return {
    texts: entries.map((w) => (/^[^.:]*/.exec(w.contents)?.[0] ?? '').trim()),
    buttons: entries.flatMap((w) => [...w.contents.matchAll(/\[([^\]]+)\]\(command:/g)].map((m) => m[1]!)),
  };
}
