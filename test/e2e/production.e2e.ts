// A production org in a real VS Code: a secret action needs, after the modal, the org's domain typed out; a
// rotation with no recent preview rotation stops at the acknowledge guard, and deactivating the old secret asks
// once more. One org per scenario, so one scenario's leftovers cannot steer another's.
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
  setApiTokenFromPalette,
  showSecretsInTree,
  VIEW,
  waitForSecrets,
} from './steps.ts';

describe('e2e: production orgs ask more before they change', () => {
  let simulator: Simulator | undefined;
  let vscode: VsCodeSession | undefined;
  let actions: SimulatedOrg;
  let rotation: SimulatedOrg;
  const actionsLabel = 'Acme Production';
  const rotationLabel = 'Globex Production';

  before(async () => {
    simulator = await startSimulator({
      orgs: [
        { name: 'acme', environment: 'production', secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] },
        { name: 'globex', environment: 'production' },
      ],
    });
    actions = simulator.org('acme');
    rotation = simulator.org('globex');
    vscode = await VsCodeSession.start({
      name: 'production',
      vsixFiles: [extensionVsix()],
      userSettings: {
        'oktaWorkflows.orgs': [orgSetting(actions.info, actionsLabel), orgSetting(rotation.info, rotationLabel)],
      },
    });
    await setApiTokenFromPalette(vscode, actionsLabel, actions.info.apiToken);
    await setApiTokenFromPalette(vscode, rotationLabel, rotation.info.apiToken);
    await showSecretsInTree(vscode, actionsLabel, actions.secrets());
    await showSecretsInTree(vscode, rotationLabel, rotation.secrets());
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('deletes a secret in a production org only after the modal AND the org domain typed exactly', async () => {
    const ui = vscode!;
    const [active, inactive] = actions.secrets();
    const domain = new URL(actions.info.baseUrl).host;
    const deleteRequests = (): number => actions.requests.filter((r) => r.method === 'DELETE').length;
    actions.clearRequests();

    // First attempt: the modal is confirmed, the typed confirmation is dismissed. Nothing changes.
    await ui.treeItemContextMenu(VIEW, masked(inactive!.clientSecret), 'Delete Secret');
    assert.match(
      await ui.dialogText(),
      new RegExp(`Delete client secret ${masked(inactive!.clientSecret)} of Okta Workflows OAuth in ${actionsLabel}`),
    );
    await ui.dialogButton('Delete Secret');
    await ui.waitForQuickInput(`Type its domain, ${domain}, to confirm`);
    assert.match(await ui.quickInput.innerText(), /PRODUCTION/);
    await ui.screenshot('production-typed-confirmation');
    await ui.page.keyboard.press('Escape');
    await ui.waitForQuickInputClosed();
    assert.equal(deleteRequests(), 0, 'dismissing the typed confirmation must not delete');
    assert.deepEqual(idsAndStatus(actions), [
      [active!.id, 'ACTIVE'],
      [inactive!.id, 'INACTIVE'],
    ]);

    // Second attempt: a wrong domain is refused in place; the exact domain deletes.
    await ui.treeItemContextMenu(VIEW, masked(inactive!.clientSecret), 'Delete Secret');
    await ui.dialogButton('Delete Secret');
    await ui.waitForQuickInput(`Type its domain, ${domain}, to confirm`);
    await ui.quickInputType('acme.okta.com');
    await waitUntil(
      async () => (await ui.quickInputMessage()).includes(`Type ${domain} exactly`),
      'the typed confirmation to refuse a wrong domain',
      undefined,
      () => ui.quickInputMessage(),
    );
    await ui.quickInputEnter();
    assert.ok(await ui.quickInput.isVisible(), 'Enter on a wrong domain must not confirm');
    assert.equal(deleteRequests(), 0, 'a wrong domain must not delete');
    await ui.quickInputType(domain);
    await ui.quickInputEnter();
    await ui.waitForNotification(new RegExp(`${masked(inactive!.clientSecret)} .*deleted`));
    assert.deepEqual(idsAndStatus(actions), [[active!.id, 'ACTIVE']]);
    assert.equal(deleteRequests(), 1);
    await ui.clearNotifications();
  });

  it('stops a production rotation at the acknowledge guard (no recent preview rotation), then asks before deactivating the old secret', async () => {
    const ui = vscode!;
    const [old] = rotation.secrets();
    rotation.clearRequests();
    const checklist = await rotateFromPalette(ui, rotationLabel, 'production');
    const guard = checklist.page.locator('.banner', { hasText: 'no preview org completed a rotation' });
    await guard.waitFor({ state: 'visible' });
    await checklist.page
      .locator('.banner[role=note]', { hasText: 'Production org: every change here affects live flows' })
      .waitFor({ state: 'visible' });
    // One banner: the production notice carries the preview-first warning and its action.
    assert.equal(await checklist.page.locator('.banner').count(), 1);
    // Until acknowledged, the checklist offers no step.
    assert.equal(await checklist.page.getByRole('button', { name: 'Check the org', exact: true }).count(), 0);
    await ui.screenshot('production-guard');

    await checklist.click('Rotate production anyway…');
    const question = await checklist.confirmModal('Rotate Production');
    assert.match(question, /Rotate this production org without a recent preview rotation\?/);
    await guard.waitFor({ state: 'detached' });

    await checklist.run('preflight', 'identifyOld');
    const created = rotation.secrets().find((s) => s.id !== old!.id)!;
    await checklist.run('deactivateOld', 'deactivateOld');
    const deactivateQuestion = checklist.modals.at(-1) ?? '';
    assert.match(
      deactivateQuestion,
      new RegExp(
        `Deactivate the old secret ${masked(old!.clientSecret)} of Okta Workflows OAuth in PRODUCTION org ${rotationLabel}`,
      ),
      deactivateQuestion,
    );
    await waitForSecrets(rotation, (s) => s.find((x) => x.id === old!.id)?.status === 'INACTIVE');
    await checklist.run('watchOld', 'finish');
    assert.deepEqual(idsAndStatus(rotation), [[created.id, 'ACTIVE']]);
    assert.equal(createRequests(rotation), 1);
    await ui.screenshot('production-finished');
  });
});
