// Secret actions from the tree's context menu, with their modal confirmations, Okta's refusals and its rate limit,
// in a real VS Code. The org is pre-seeded in the user settings (adding orgs is the rotation suite's subject);
// its token goes in through Set API Token from the palette, since SecretStorage cannot be pre-seeded.
import assert from 'node:assert/strict';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import {
  createSecretThroughApi,
  masked,
  secretLifecycleThroughApi,
  orgSetting,
  secretRowsOf,
  setApiTokenFromPalette,
  showSecretsInTree,
  VIEW,
  waitForSecretRows,
} from './steps.ts';

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
      // 0: a 429 is reported at once instead of waited out (two ~61 s windows): the suite's 429 test stays fast.
      userSettings: { 'oktaWorkflows.orgs': [orgSetting(org.info, label)], 'oktaWorkflows.maxRateLimitWaitSeconds': 0 },
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

  it('offers Activate and Delete only on the INACTIVE secret, and no Deactivate on the only ACTIVE one (Okta refuses it)', async () => {
    const ui = vscode!;
    const onActive = await ui.treeItemContextMenuEntries(VIEW, masked(active.clientSecret));
    const onInactive = await ui.treeItemContextMenuEntries(VIEW, masked(inactive.clientSecret));
    assert.ok(!onActive.includes('Deactivate Secret'), `the only active secret: ${onActive.join(', ')}`);
    assert.ok(
      !onActive.includes('Activate Secret') && !onActive.includes('Delete Secret'),
      `active: ${onActive.join(', ')}`,
    );
    assert.ok(
      onInactive.includes('Activate Secret') && onInactive.includes('Delete Secret'),
      `inactive: ${onInactive.join(', ')}`,
    );
    assert.ok(!onInactive.includes('Deactivate Secret'), `inactive: ${onInactive.join(', ')}`);
  });

  it("shows Okta's refusal to deactivate the only active secret as a clear message, and changes nothing", async () => {
    const ui = vscode!;
    // The tree offers Deactivate only beside a second active secret. Another admin activates the inactive one (the
    // tree shows two active secrets, each deactivatable), then deactivates it again behind the tree's back: the
    // person now deactivates what has become the only active secret, and Okta refuses.
    await secretLifecycleThroughApi(org, inactive.id, 'activate');
    await ui.viewTitleAction('Refresh');
    await waitUntil(
      async () =>
        secretRowsOf(await ui.treeItems(VIEW), label).some((r) =>
          r.startsWith(`${masked(inactive.clientSecret)} active`),
        ),
      'the tree to show both secrets active',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    assert.ok((await ui.treeItemContextMenuEntries(VIEW, masked(active.clientSecret))).includes('Deactivate Secret'));
    await secretLifecycleThroughApi(org, inactive.id, 'deactivate');
    await ui.treeItemContextMenu(VIEW, masked(active.clientSecret), 'Deactivate Secret');
    const question = await ui.dialogText();
    assert.match(question, new RegExp(`${masked(active.clientSecret)}.*Okta Workflows OAuth.*${label}`, 's'));
    assert.ok(!question.includes(active.clientSecret), 'the confirmation must show the secret masked');
    await ui.dialogButton('Deactivate Secret');
    const message = await ui.waitForNotification(/only active client secret/i);
    assert.match(message, /Okta error ID: /, `the message must carry Okta's error ID: ${message}`);
    await ui.screenshot('refusal-only-active');
    assert.deepEqual(
      org.secrets().map((s) => [s.id, s.status]),
      [
        [active.id, 'ACTIVE'],
        [inactive.id, 'INACTIVE'],
      ],
    );
    await ui.viewTitleAction('Refresh');
    await waitUntil(
      async () =>
        secretRowsOf(await ui.treeItems(VIEW), label).some((r) =>
          r.startsWith(`${masked(inactive.clientSecret)} inactive`),
        ),
      'the tree to show the inactive secret inactive again',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    await ui.clearNotifications();
  });

  it('verifies the ACTIVE secret from its context menu: a message says it authenticates', async () => {
    const ui = vscode!;
    org.clearRequests();
    await ui.treeItemContextMenu(VIEW, masked(active.clientSecret), 'Verify Secret');
    const message = await ui.waitForNotification(
      new RegExp(`${escapeRegExp(masked(active.clientSecret))}.*authenticates`),
    );
    assert.doesNotMatch(message, /NOT authenticate|could not tell/i, message);
    assert.ok(!message.includes(active.clientSecret), 'the message must show the secret masked');
    // The probe went to Okta's token endpoint, and changed nothing.
    assert.ok(
      org.requests.some((r) => r.method === 'POST' && r.path === '/oauth2/v1/token'),
      JSON.stringify(org.requests),
    );
    assert.deepEqual(
      org.secrets().map((s) => [s.id, s.status]),
      [
        [active.id, 'ACTIVE'],
        [inactive.id, 'INACTIVE'],
      ],
    );
    await ui.screenshot('verified');
    await ui.clearNotifications();
  });

  it('deletes the INACTIVE secret after a modal confirmation naming org, app and masked secret', async () => {
    const ui = vscode!;
    await ui.treeItemContextMenu(VIEW, masked(inactive.clientSecret), 'Delete Secret');
    const question = await ui.dialogText();
    assert.match(
      question,
      new RegExp(`Delete client secret ${masked(inactive.clientSecret)} of Okta Workflows OAuth in ${label}`),
    );
    assert.match(question, /cannot be undone/);
    await ui.dialogButton('Delete Secret');
    await ui.waitForNotification(new RegExp(`${masked(inactive.clientSecret)} .*deleted`));
    assert.deepEqual(
      org.secrets().map((s) => s.id),
      [active.id],
    );
    // The tree reloads the org after the action.
    await waitUntil(
      async () => !(await ui.treeItems(VIEW)).some((r) => r.includes(masked(inactive.clientSecret))),
      'the deleted secret to leave the tree',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    await ui.clearNotifications();
  });

  it('activates an INACTIVE secret (made outside VS Code, then Refresh) after a modal confirmation', async () => {
    const ui = vscode!;
    // Setup through Okta's API directly, as another admin would: a second secret, deactivated.
    const id = await createSecretThroughApi(org, 'INACTIVE');
    const second = org.secrets().find((s) => s.id === id)!;
    assert.equal(second.status, 'INACTIVE');
    await ui.viewTitleAction('Refresh');
    await waitForSecretRows(ui, label, [masked(active.clientSecret), masked(second.clientSecret)]);
    const entries = await ui.treeItemContextMenuEntries(VIEW, masked(second.clientSecret));
    assert.ok(entries.includes('Activate Secret'), entries.join(', '));

    await ui.treeItemContextMenu(VIEW, masked(second.clientSecret), 'Activate Secret');
    const question = await ui.dialogText();
    assert.match(
      question,
      new RegExp(
        `Activate client secret ${escapeRegExp(masked(second.clientSecret))} of Okta Workflows OAuth in ${label}`,
      ),
    );
    await ui.dialogButton('Activate Secret');
    await ui.waitForNotification(new RegExp(`${escapeRegExp(masked(second.clientSecret))} .*activated`));
    assert.deepEqual(
      org.secrets().map((s) => [s.id, s.status]),
      [
        [active.id, 'ACTIVE'],
        [id, 'ACTIVE'],
      ],
    );
    // The tree reloads the org after the action: the row says active now.
    await waitUntil(
      async () =>
        secretRowsOf(await ui.treeItems(VIEW), label).some((r) =>
          r.startsWith(`${masked(second.clientSecret)} active`),
        ),
      'the activated secret to show as active',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    await ui.clearNotifications();
  });

  it("shows a 429 from Okta at once (maxRateLimitWaitSeconds 0) as a clear message: E0000047, Okta's errorId, when to try again", async () => {
    const ui = vscode!;
    // Two ACTIVE secrets: without the rate limit, this deactivation would succeed. Every /api/v1/apps* call is
    // now over the limit; the setting lets the client give up on the first 429 instead of waiting it out.
    assert.equal(org.secrets().filter((s) => s.status === 'ACTIVE').length, 2);
    org.clearRequests();
    org.setRateLimit(0);
    await ui.treeItemContextMenu(VIEW, masked(active.clientSecret), 'Deactivate Secret');
    await ui.dialogButton('Deactivate Secret');
    const message = await ui.waitForNotification(/rate limit/i);
    assert.match(message, /E0000047/, `the message must carry Okta's error code: ${message}`);
    assert.match(message, /Okta error ID: /, `the message must carry Okta's error ID: ${message}`);
    assert.match(message, /try again/i, `the message must say when to try again: ${message}`);
    await ui.screenshot('rate-limited');
    // A real 429 from the simulator, answered once: the client did not retry.
    const limited = org.requests.filter((r) => r.status === 429);
    assert.ok(limited.length >= 1, JSON.stringify(org.requests));
    assert.equal(
      org.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/lifecycle/deactivate')).length,
      1,
      JSON.stringify(org.requests),
    );
    assert.equal(org.secrets().find((s) => s.id === active.id)?.status, 'ACTIVE');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
