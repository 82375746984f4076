// A rotation survives what happens to the window around it, in a real VS Code: its checklist closed (Resume
// Rotation reopens it at the same step, with the same new secret), the window reloaded (the panel comes back and
// the rotation completes without creating a second secret), a rollback after the old secret was deactivated, an
// API step that hangs, cancelled by the person, and a second window trying to rotate the same org.
// One org per scenario, so one scenario's leftovers cannot steer another's.
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import {
  createRequests,
  idsAndStatus,
  masked,
  orgSetting,
  rotateFromPalette,
  secretRowsOf,
  setApiTokenFromPalette,
  showSecretsInTree,
  VIEW,
  waitForSecrets,
} from './steps.ts';

const ORGS = [
  { name: 'resume-org', label: 'Resume Org' },
  { name: 'reload-org', label: 'Reload Org' },
  { name: 'rollback-org', label: 'Rollback Org' },
  { name: 'cancel-org', label: 'Cancel Org' },
  { name: 'window-org', label: 'Window Org' },
] as const;

describe('e2e: a rotation survives a closed checklist, a reloaded window, a hanging step, and rolls back', () => {
  let simulator: Simulator | undefined;
  let vscode: VsCodeSession | undefined;
  const org = (name: (typeof ORGS)[number]['name']): SimulatedOrg => simulator!.org(name);

  before(async () => {
    simulator = await startSimulator({ orgs: ORGS.map((o) => ({ name: o.name, environment: 'preview' as const })) });
    vscode = await VsCodeSession.start({
      name: 'recovery',
      vsixFiles: [extensionVsix()],
      userSettings: {
        'oktaWorkflows.orgs': ORGS.map((o) => orgSetting(org(o.name).info, o.label)),
        // The longest timeout: a stalled request can then end only by the person's Cancel within the test's waits.
        'oktaWorkflows.requestTimeoutSeconds': 300,
      },
    });
    for (const o of ORGS) await setApiTokenFromPalette(vscode, o.label, org(o.name).info.apiToken);
    for (const o of ORGS) await showSecretsInTree(vscode, o.label, org(o.name).secrets());
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('reopens a closed checklist with "Resume Rotation" from the palette, at the same step with the same new secret, and finishes it', async () => {
    const ui = vscode!;
    const o = org('resume-org');
    o.clearRequests();
    const [old] = o.secrets();
    const checklist = await rotateFromPalette(ui, 'Resume Org');
    await checklist.run('preflight', 'createSecret');
    await waitForSecrets(o, (s) => s.length === 2);
    const created = o.secrets().find((s) => s.id !== old!.id)!;
    assert.equal(await checklist.newSecretMasked(), masked(created.clientSecret));

    await ui.closeEditorTab(checklist.tabTitle);
    assert.equal(await ui.page.locator('iframe.webview').count(), 0, 'the checklist panel must be closed');

    await resumeFromPalette(ui, o.info.baseUrl);
    await checklist.waitOpen();
    assert.match(await checklist.stepState('3. Create the new secret'), /^done/);
    await checklist.page
      .locator('li.step[data-state=current]', { hasText: '4. Set up the connection' })
      .waitFor({ state: 'visible' });
    assert.equal(
      await checklist.newSecretMasked(),
      masked(created.clientSecret),
      'the resumed checklist must show the same new secret',
    );
    await ui.screenshot('resumed-after-close');

    await checklist.run('chooseMode', 'finish');
    assert.deepEqual(idsAndStatus(o), [[created.id, 'ACTIVE']]);
    assert.equal(createRequests(o), 1, 'the new secret must be created exactly once');
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('brings the checklist back after "Developer: Reload Window" and completes the rotation with one new secret, created once', async () => {
    const ui = vscode!;
    const o = org('reload-org');
    o.clearRequests();
    const [old] = o.secrets();
    const checklist = await rotateFromPalette(ui, 'Reload Org');
    await checklist.run('preflight', 'createSecret');
    await waitForSecrets(o, (s) => s.length === 2);
    const created = o.secrets().find((s) => s.id !== old!.id)!;

    await ui.reloadWindow();
    // The panel's serializer restores it from the journal in the new extension host.
    await checklist.waitOpen();
    await ui.screenshot('restored-after-reload');
    assert.match(await checklist.stepState('3. Create the new secret'), /^done/);
    assert.equal(
      await checklist.newSecretMasked(),
      masked(created.clientSecret),
      'the restored checklist must show the same new secret',
    );

    await checklist.run('chooseMode', 'finish');
    assert.deepEqual(idsAndStatus(o), [[created.id, 'ACTIVE']], 'one ACTIVE secret must remain: the new one');
    assert.equal(createRequests(o), 1, 'the new secret must never be created twice');
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('rolls back after the old secret was deactivated: "Roll back", confirm, and the old secret is ACTIVE again', async () => {
    const ui = vscode!;
    const o = org('rollback-org');
    const [old] = o.secrets();
    const checklist = await rotateFromPalette(ui, 'Rollback Org');
    await checklist.run('preflight', 'deactivateOld');
    await waitForSecrets(o, (s) => s.length === 2 && s.find((x) => x.id === old!.id)?.status === 'INACTIVE');
    const created = o.secrets().find((s) => s.id !== old!.id)!;
    assert.equal(created.status, 'ACTIVE');

    await checklist.click('Roll back to the old secret…');
    const question = await checklist.confirmModal('Roll Back');
    assert.match(question, /Roll back: reactivate the old secret\?/);
    await waitForSecrets(
      o,
      (s) => s.find((x) => x.id === old!.id)?.status === 'ACTIVE',
      'the old secret to be ACTIVE again',
    );
    assert.deepEqual(
      idsAndStatus(o).sort(),
      [
        [old!.id, 'ACTIVE'],
        [created.id, 'ACTIVE'],
      ].sort(),
    );

    await waitUntil(
      async () => /^Rolled back/.test(await checklist.progress()),
      'the checklist to say the rotation was rolled back',
      30_000,
      () => checklist.progress(),
    );
    await checklist.page.locator('.banner', { hasText: 'Rolled back' }).waitFor({ state: 'visible' });
    // The tree reloads the org by itself after the rollback: the old secret shows active again.
    await waitUntil(
      async () =>
        secretRowsOf(await ui.treeItems(VIEW), 'Rollback Org').some((r) =>
          r.startsWith(`${masked(old!.clientSecret)} active`),
        ),
      'the tree to show the old secret active again',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    await ui.screenshot('rolled-back');
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('cancels an API step that hangs (Cancel in the checklist): nothing is created, and the step then runs again to the end', async () => {
    const ui = vscode!;
    const o = org('cancel-org');
    const [old] = o.secrets();
    const checklist = await rotateFromPalette(ui, 'Cancel Org');
    await checklist.run('preflight', 'recordInUse');
    o.clearRequests();
    // Okta never answers the create: only the person's Cancel can end the step (the timeout is 300 s here).
    o.faults.stallNext({ method: 'POST', path: /\/credentials\/secrets$/ });
    await checklist.click('Create the new secret');
    await waitUntil(
      async () => o.requests.some((r) => r.method === 'POST'),
      'the create request to reach Okta (and hang)',
    );
    await ui.screenshot('step-running-cancellable');
    // Hidden (another editor in front) and shown again mid-step, the page is rebuilt from the host's view, which
    // says the step runs: its Cancel is back.
    await ui.runCommand('File: New Untitled Text File');
    await ui.page.locator('iframe.webview.ready').filter({ visible: true }).waitFor({ state: 'detached' });
    await ui.editorTab(checklist.tabTitle).click();
    await checklist.waitOpen();
    await checklist
      .step('3. Create the new secret')
      .getByRole('button', { name: 'Cancel', exact: true })
      .waitFor({ state: 'visible' });
    await checklist.click('Cancel');
    // The step's answer to the cancel ("Cancelling…" is only the acknowledgement of the request).
    await checklist.page.locator('#status', { hasText: /^Cancelled\.$/ }).waitFor({ state: 'visible' });
    await ui.page
      .locator('.notifications-toasts .notification-list-item', { hasText: 'Cancel Org: Create the new secret' })
      .waitFor({ state: 'hidden' });
    // Control is back: the step is not done, and can be run again.
    const again = checklist.page.getByRole('button', { name: /^(Retry: )?Create the new secret$/ });
    await again.waitFor({ state: 'visible' });
    assert.ok(await again.isEnabled(), 'the step must be offered again once cancelled');
    assert.doesNotMatch(await checklist.stepState('3. Create the new secret'), /^done/);
    assert.deepEqual(idsAndStatus(o), [[old!.id, 'ACTIVE']], 'nothing may be created by the cancelled step');
    await ui.screenshot('step-cancelled');

    await again.click();
    await checklist.waitForStep('3. Create the new secret', /^done/);
    await waitForSecrets(o, (s) => s.length === 2);
    const created = o.secrets().find((s) => s.id !== old!.id)!;
    await checklist.run('chooseMode', 'finish');
    assert.deepEqual(idsAndStatus(o), [[created.id, 'ACTIVE']]);
    assert.equal(
      o.requests.filter((r) => r.method === 'POST' && /\/credentials\/secrets$/.test(r.path) && r.status === 201)
        .length,
      1,
      'exactly one secret created',
    );
    await ui.closeEditorTab(checklist.tabTitle);
  });

  it('refuses a second rotation of the same org from another window (its own extension host), offering Resume Rotation there', async () => {
    const ui = vscode!;
    const o = org('window-org');
    o.clearRequests();
    const [old] = o.secrets();
    const checklist = await rotateFromPalette(ui, 'Window Org');
    await checklist.run('preflight', 'createSecret');
    await waitForSecrets(o, (s) => s.length === 2);

    const other = await ui.openAnotherWindow();
    try {
      await other.openViewContainer('Okta Workflows');
      await other.runCommand('Okta Workflows: Rotate Workflows Secret');
      await other.waitForQuickInput('Rotate the Workflows secret of which org?');
      await other.quickInputPick('Window Org');
      const refusal = await other.waitForNotification(/already in progress/);
      assert.match(refusal, /Resume Rotation/, `the refusal must offer Resume Rotation: ${refusal}`);
      await other.screenshot('second-window-refused');
      // (The other window may show the same rotation's checklist: VS Code restores the folder's open editors in it,
      // through the serializer. What matters: no second rotation, no second secret.)
      assert.match(refusal, new RegExp(`in ${escapeRegExp(new URL(o.info.baseUrl).host)} is already in progress`));
      assert.equal(createRequests(o), 1, 'the other window must not create a secret');
    } finally {
      await other.close();
    }

    // The first window's rotation goes on to the end.
    await ui.page.bringToFront();
    await checklist.run('chooseMode', 'finish');
    const created = o.secrets().find((s) => s.id !== old!.id);
    assert.ok(created);
    assert.deepEqual(idsAndStatus(o), [[created.id, 'ACTIVE']]);
    assert.equal(createRequests(o), 1);
    await ui.closeEditorTab(checklist.tabTitle);
  });
});

/**
 * "Okta Workflows: Resume Rotation" from the palette. With one unfinished rotation it reopens it at once; with
 * several (an earlier scenario failed halfway) it asks which, listed by org host.
 */
async function resumeFromPalette(ui: VsCodeSession, baseUrl: string): Promise<void> {
  await ui.runCommand('Okta Workflows: Resume Rotation');
  const host = new URL(baseUrl).host;
  const checklistShown = ui.page.locator('iframe.webview');
  await waitUntil(
    async () => (await checklistShown.count()) > 0 || (await ui.quickInputRow(host).isVisible()),
    'the checklist or a pick of rotations',
  );
  if (await ui.quickInputRow(host).isVisible()) await ui.quickInputPick(host);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
