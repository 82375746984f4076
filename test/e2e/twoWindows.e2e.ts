// Okta's record, not one window's belief, in a real VS Code: two browser tabs on one code-server are two windows,
// each with its own extension host. A step running in one window belongs to it: the other window's checklist says it
// runs in the other window and offers nothing, then shows the same state once it ended. And while a rotation is
// unfinished, the tree does not offer Deactivate or Delete on the secret it works on: the item says why, and sends
// the person to the checklist.
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import {
  Checklist,
  createRequests,
  masked,
  orgSetting,
  rotateFromPalette,
  setApiTokenFromPalette,
  showSecretsInTree,
  VIEW,
  waitForSecrets,
} from './steps.ts';

const ORGS = [
  { name: 'owner-org', label: 'Owner Org' },
  { name: 'tree-org', label: 'Tree Org' },
] as const;

describe('e2e: two windows, one rotation; the tree knows the rotation', () => {
  let simulator: Simulator | undefined;
  let vscode: VsCodeSession | undefined;
  const org = (name: (typeof ORGS)[number]['name']): SimulatedOrg => simulator!.org(name);

  before(async () => {
    simulator = await startSimulator({ orgs: ORGS.map((o) => ({ name: o.name, environment: 'preview' as const })) });
    vscode = await VsCodeSession.start({
      name: 'two-windows',
      vsixFiles: [extensionVsix()],
      userSettings: { 'oktaWorkflows.orgs': ORGS.map((o) => orgSetting(org(o.name).info, o.label)) },
    });
    for (const o of ORGS) await setApiTokenFromPalette(vscode, o.label, org(o.name).info.apiToken);
    for (const o of ORGS) await showSecretsInTree(vscode, o.label, org(o.name).secrets());
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('a step running in one window: the other says it runs there, offers nothing, then shows the same state', async () => {
    const ui = vscode!;
    const o = org('owner-org');
    const checklist = await rotateFromPalette(ui, 'Owner Org');
    await checklist.run('preflight', 'recordInUse');
    // The create is carried out by Okta, its answer held: the step runs in the first window for as long as the test
    // wants, as a slow org would make it.
    const held = o.faults.hold('POST', /\/credentials\/secrets$/);
    await checklist.click('Create the new secret');
    await held.reached;

    const other = await ui.openAnotherWindow();
    try {
      await other.openViewContainer('Okta Workflows');
      await other.runCommand('Okta Workflows: Resume Rotation');
      const there = new Checklist(other, 'Owner Org');
      await there.waitOpen();
      await waitUntil(
        async () => /runs in another window/.test(await there.visibleText()),
        'the second window says the step runs in the other window',
        60_000,
        async () => there.visibleText(),
      );
      const text = await there.visibleText();
      assert.match(text, /"Create the new secret" runs in another window/);
      assert.equal(await there.stepState('3. Create the new secret'), 'running');
      const usable = there.page.locator('button:not([aria-disabled="true"]):not([disabled])', {
        hasText: /Create the new secret|Abandon|Check the org/,
      });
      assert.equal(await usable.count(), 0, 'nothing to do in the second window meanwhile');
      await other.screenshot('runs-in-another-window');

      // The first window's step ends: both windows show it done, with the same next step.
      held.release();
      await checklist.waitForStep('3. Create the new secret', /^done/);
      await there.waitForStep('3. Create the new secret', /^done/);
      assert.equal(await there.progress(), await checklist.progress());
      assert.equal(createRequests(o), 1, 'one secret created, by the first window');
    } finally {
      await other.close();
    }
    await ui.page.bringToFront();
    await checklist.run('chooseMode', 'finish');
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('while a rotation is unfinished, the secret in use offers no Deactivate or Delete in the tree: the item says why', async () => {
    const ui = vscode!;
    const o = org('tree-org');
    const [inUse] = o.secrets();
    const checklist = await rotateFromPalette(ui, 'Tree Org');
    await checklist.run('preflight', 'createSecret');
    await waitForSecrets(o, (s) => s.length === 2);
    const created = o.secrets().find((s) => s.id !== inUse!.id)!;
    // Two active secrets: before, Deactivate would have been offered on either.
    const row = await ui.waitForTreeItem(
      VIEW,
      new RegExp(`${escape(masked(inUse!.clientSecret))}.*rotation in progress`),
    );
    assert.match(row, /rotation in progress/, row);
    for (const secret of [inUse!, created]) {
      const entries = await ui.treeItemContextMenuEntries(VIEW, new RegExp(escape(masked(secret.clientSecret))));
      assert.ok(!entries.includes('Deactivate Secret'), `no Deactivate on ${masked(secret.clientSecret)}: ${entries}`);
      assert.ok(!entries.includes('Delete Secret'), `no Delete on ${masked(secret.clientSecret)}: ${entries}`);
      assert.ok(
        entries.some((e) => /Resume Rotation|Open Checklist/.test(e)),
        `the item leads to the checklist: ${entries}`,
      );
    }
    await ui.screenshot('tree-knows-the-rotation');
    await checklist.run('chooseMode', 'finish');
    await ui.closeEditorTab(checklist.tabTitle);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
