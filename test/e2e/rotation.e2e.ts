// The whole job, as a person does it in a real VS Code: add an org by its (simulated) URL, set its token, see its
// secrets, rotate from the palette through every step of the checklist, and end with one ACTIVE secret: the new one.
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { addOrgFromPalette, enterApiToken, masked, showSecretsInTree, VIEW } from './steps.ts';

describe('e2e: rotate the Workflows secret of an org', () => {
  let simulator: Simulator | undefined;
  let org: SimulatedOrg;
  let vscode: VsCodeSession | undefined;
  const label = 'Acme Preview';

  before(async () => {
    simulator = await startSimulator({ orgs: [{ name: 'acme-preview', environment: 'preview' }] });
    org = simulator.org('acme-preview');
    vscode = await VsCodeSession.start({ name: 'rotation', vsixFiles: [extensionVsix()] });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('adds the org by its URL from the palette and stores its token from a password input', async () => {
    const ui = vscode!;
    await addOrgFromPalette(ui, org.info, label);
    const stored = await enterApiToken(ui, label, org.info.apiToken);
    assert.match(stored, new RegExp(`client id ${org.info.clientId}`));
    assert.ok(!stored.includes(org.info.apiToken), 'the token must never appear in a message');
  });

  it('shows the org, its Workflows app and its secret in the tree', async () => {
    const ui = vscode!;
    const [secret] = org.secrets();
    assert.ok(secret);
    const [row] = await showSecretsInTree(ui, label, [secret]);
    assert.match(row ?? '', /active/);
    assert.match(row ?? '', /in use/);
    await ui.waitForTreeItem(VIEW, 'Okta Workflows OAuth');
    const items = await ui.treeItems(VIEW);
    assert.ok(!items.join('\n').includes(secret.clientSecret), 'the tree must show the secret masked, never its value');
    await ui.screenshot('tree-before-rotation');
  });

  it('rotates from the palette through the checklist: one ACTIVE secret remains, and it is the new one', async () => {
    const ui = vscode!;
    const before = org.secrets();
    assert.equal(before.length, 1);
    const oldId = before[0]!.id;

    // One org with a token: the command goes straight to the checklist.
    await ui.runCommand('Okta Workflows: Rotate Workflows Secret');
    const page = ui.webviewFrame();
    await page.locator('h1', { hasText: `Rotate the Workflows secret: ${label}` }).waitFor({ state: 'visible' });
    const click = async (name: string): Promise<void> => {
      // Buttons are disabled while a step runs: Playwright's click waits until this one is enabled.
      await page.getByRole('button', { name, exact: true }).click();
    };
    const stepState = async (title: string): Promise<string> =>
      (await page.locator('li.step', { hasText: title }).locator('.step-head .state').last().innerText()).trim();

    await click('Check the org');
    await click('Record the secret in use');
    await click('Create the new secret');

    // The new secret exists in Okta now: two ACTIVE secrets.
    await waitForSecrets(org, (s) => s.length === 2);
    const created = org.secrets().find((s) => s.id !== oldId)!;
    await page.locator('code', { hasText: masked(created.clientSecret) }).waitFor({ state: 'visible' });
    await page.locator('code', { hasText: org.info.clientId }).waitFor({ state: 'visible' });

    // Copy New Secret copies in the extension host: the value reaches the clipboard, never the page.
    await click('Copy New Secret');
    await page.locator('#status', { hasText: 'Copied the new secret' }).waitFor({ state: 'visible' });
    assert.ok(!(await page.locator('body').innerText()).includes(created.clientSecret), 'the new secret value must never be in the page');
    assert.equal(await ui.clipboardText(), created.clientSecret);

    await click('Create a new connection');
    await click('I created the new connection');
    await ui.screenshot('checklist-manual-steps');
    await click('Every flow uses the new connection');
    await click('Verify the new secret');
    await click('List the active secrets');
    await click('These are the old secrets');
    await click('Deactivate the old secret');
    await click('Delete the old secret');
    await click('I deleted the old connection');
    await click('Finish');
    await waitForState(stepState, '11. Finish', /^done/);
    await ui.screenshot('checklist-finished');

    const after = org.secrets();
    assert.deepEqual(after.map((s) => ({ id: s.id, status: s.status })), [{ id: created.id, status: 'ACTIVE' }]);
    assert.notEqual(created.id, oldId);
  });

  it('shows only the new secret in the tree after a Refresh', async () => {
    const ui = vscode!;
    const [secret] = org.secrets();
    // The finished rotation does not reload the tree by itself (reported): the person clicks Refresh.
    await ui.openViewContainer('Okta Workflows');
    await ui.viewTitleAction('Refresh');
    await showSecretsInTree(ui, label, [secret!]);
    await waitUntil(async () => (await ui.treeItems(VIEW)).filter((r) => r.includes('••••')).length === 1, 'the tree to show exactly one secret', 30_000, async () => JSON.stringify(await ui.treeItems(VIEW)));
    const [row] = (await ui.treeItems(VIEW)).filter((r) => r.includes('••••'));
    assert.match(row ?? '', new RegExp(`${masked(secret!.clientSecret)} active`));
    await ui.screenshot('tree-after-rotation');
  });
});

async function waitForSecrets(org: SimulatedOrg, ok: (s: ReturnType<SimulatedOrg['secrets']>) => boolean): Promise<void> {
  await waitUntil(async () => ok(org.secrets()), 'the simulator to reach the expected secrets', 30_000, async () => JSON.stringify(org.secrets().map((s) => [s.id, s.status])));
}

async function waitForState(state: (title: string) => Promise<string>, title: string, expected: RegExp): Promise<void> {
  let last = '';
  await waitUntil(async () => expected.test((last = await state(title))), `step "${title}" to be ${expected}`, 60_000, async () => last);
}
