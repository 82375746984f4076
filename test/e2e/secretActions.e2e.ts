// Secret actions from the tree's context menu, with their modal confirmations, Okta's refusals and its rate limit,
// in a real VS Code. The org is pre-seeded in the user settings (adding orgs is the rotation suite's subject);
// its token goes in through Set API Token from the palette, since SecretStorage cannot be pre-seeded.
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { masked, orgSetting, setApiTokenFromPalette, showSecretsInTree, VIEW } from './steps.ts';

describe('e2e: secret actions from the tree', () => {
  let simulator: Simulator | undefined;
  let org: SimulatedOrg;
  let vscode: VsCodeSession | undefined;
  let active: { id: string; clientSecret: string };
  let inactive: { id: string; clientSecret: string };
  const label = 'Acme Sandbox';

  before(async () => {
    simulator = await startSimulator({
      orgs: [{ name: 'acme-sandbox', environment: 'preview', secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] }],
    });
    org = simulator.org('acme-sandbox');
    const seeded = org.secrets();
    assert.equal(seeded.length, 2);
    active = seeded[0]!;
    inactive = seeded[1]!;
    vscode = await VsCodeSession.start({
      name: 'secret-actions',
      vsixFiles: [extensionVsix()],
      userSettings: { 'oktaWorkflows.orgs': [orgSetting(org.info, label)] },
    });
    await setApiTokenFromPalette(vscode, label, org.info.apiToken);
    await showSecretsInTree(vscode, label, [active, inactive]);
    await vscode.screenshot('tree-two-secrets');
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('offers Deactivate only on the ACTIVE secret, Activate and Delete only on the INACTIVE one', async () => {
    const ui = vscode!;
    const onActive = await ui.treeItemContextMenuEntries(VIEW, masked(active.clientSecret));
    const onInactive = await ui.treeItemContextMenuEntries(VIEW, masked(inactive.clientSecret));
    assert.ok(onActive.includes('Deactivate Secret'), `active: ${onActive.join(', ')}`);
    assert.ok(!onActive.includes('Activate Secret') && !onActive.includes('Delete Secret'), `active: ${onActive.join(', ')}`);
    assert.ok(onInactive.includes('Activate Secret') && onInactive.includes('Delete Secret'), `inactive: ${onInactive.join(', ')}`);
    assert.ok(!onInactive.includes('Deactivate Secret'), `inactive: ${onInactive.join(', ')}`);
  });

  it("shows Okta's refusal to deactivate the only active secret as a clear message, and changes nothing", async () => {
    const ui = vscode!;
    await ui.treeItemContextMenu(VIEW, masked(active.clientSecret), 'Deactivate Secret');
    const question = await ui.dialogText();
    assert.match(question, new RegExp(`${masked(active.clientSecret)}.*Okta Workflows OAuth.*${label}`, 's'));
    assert.ok(!question.includes(active.clientSecret), 'the confirmation must show the secret masked');
    await ui.dialogButton('Deactivate Secret');
    const message = await ui.waitForNotification(/only active client secret/i);
    assert.match(message, /errorId/i, `the message must carry Okta's errorId: ${message}`);
    await ui.screenshot('refusal-only-active');
    assert.deepEqual(org.secrets().map((s) => [s.id, s.status]), [[active.id, 'ACTIVE'], [inactive.id, 'INACTIVE']]);
    await ui.clearNotifications();
  });

  it('deletes the INACTIVE secret after a modal confirmation naming org, app and masked secret', async () => {
    const ui = vscode!;
    await ui.treeItemContextMenu(VIEW, masked(inactive.clientSecret), 'Delete Secret');
    const question = await ui.dialogText();
    assert.match(question, new RegExp(`Delete client secret ${masked(inactive.clientSecret)} of Okta Workflows OAuth in ${label}`));
    assert.match(question, /cannot be undone/);
    await ui.dialogButton('Delete Secret');
    await ui.waitForNotification(new RegExp(`${masked(inactive.clientSecret)} .*deleted`));
    assert.deepEqual(org.secrets().map((s) => s.id), [active.id]);
    // The tree reloads the org after the action.
    await waitUntil(async () => !(await ui.treeItems(VIEW)).some((r) => r.includes(masked(inactive.clientSecret))), 'the deleted secret to leave the tree', 30_000, async () => JSON.stringify(await ui.treeItems(VIEW)));
    await ui.clearNotifications();
  });

  it('shows a 429 from Okta (rate limit exhausted) as a clear message once the retries are spent', async () => {
    const ui = vscode!;
    // Every /api/v1/apps* call is now over the limit. The client waits out each 429 as Okta's headers say
    // (about a minute, twice) before it gives up: this test takes about two minutes by design.
    org.setRateLimit(0);
    await ui.treeItemContextMenu(VIEW, masked(active.clientSecret), 'Deactivate Secret');
    await ui.dialogButton('Deactivate Secret');
    const message = await ui.waitForNotification(/rate limit/i, 200_000);
    assert.match(message, /E0000047|errorId/i, `the message must carry Okta's error: ${message}`);
    await ui.screenshot('rate-limited');
    assert.ok(org.requests.some((r) => r.status === 429));
    assert.equal(org.secrets().find((s) => s.id === active.id)?.status, 'ACTIVE');
  });
});
