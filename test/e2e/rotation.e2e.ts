// The whole job, as a person does it in a real VS Code: add an org by its (simulated) URL, set its token, see its
// secrets, rotate from the palette through every step of the checklist, and end with one ACTIVE secret: the new one.
// The tree follows the rotation by itself, and nothing the person's browser or VS Code's files hold afterwards
// contains the API token or any secret value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { describeLeaks, findLeaks } from '../unit/leaks/findLeaks.ts';
import { EXTENSION_LOG_NAME, screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import {
  addOrgFromPalette,
  Checklist,
  createRequests,
  enterApiToken,
  masked,
  showSecretsInTree,
  VIEW,
  waitForSecretRows,
  waitForSecrets,
} from './steps.ts';

describe('e2e: rotate the Workflows secret of an org', () => {
  let simulator: Simulator | undefined;
  let org: SimulatedOrg;
  let vscode: VsCodeSession | undefined;
  const label = 'Acme Preview';
  /** Every secret value the simulated org held during the suite, for the leak check. */
  const secretsEverHeld = new Set<string>();
  /** The pages (workbench and webviews) as they were at moments when the new secret was in play. */
  const pagesSeen: Array<[string, string]> = [];
  const remember = (): void => {
    for (const s of org.secrets()) secretsEverHeld.add(s.clientSecret);
  };
  const capturePages = async (moment: string): Promise<void> => {
    for (const [where, html] of await vscode!.frameContents()) pagesSeen.push([`${moment}: ${where}`, html]);
  };

  before(async () => {
    simulator = await startSimulator({ orgs: [{ name: 'acme-preview', environment: 'preview' }] });
    org = simulator.org('acme-preview');
    remember();
    vscode = await VsCodeSession.start({ name: 'rotation', vsixFiles: [extensionVsix()] });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('adds the org by its URL from the palette and stores its token from a password input', async () => {
    const ui = vscode!;
    await addOrgFromPalette(ui, org.info, label, 'apiToken');
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

  it('rotates from the palette through the checklist, the tree following by itself: one ACTIVE secret remains, the new one', async () => {
    const ui = vscode!;
    const before = org.secrets();
    assert.equal(before.length, 1);
    const old = before[0]!;
    org.clearRequests();

    // One org with a token: the command goes straight to the checklist.
    await ui.runCommand('Okta Workflows: Rotate Workflows Secret');
    const checklist = new Checklist(ui, label);
    await checklist.waitOpen();
    await checklist.run('preflight', 'recordInUse');
    // A slow Okta keeps the step's progress notification up long enough to read: the org as the person named it and
    // the step's words, never host:port.
    org.faults.latencyMs = 3_000;
    await checklist.click('Create the new secret');
    const progress = await ui.waitForNotification(new RegExp(`${label}: Create the new secret`));
    assert.ok(
      !progress.includes(new URL(org.info.baseUrl).host),
      `the progress must name the org, not its host: ${progress}`,
    );
    org.faults.latencyMs = 0;
    await checklist.waitForStep('3. Create the new secret', /^done/);

    // The new secret exists in Okta now: two ACTIVE secrets.
    await waitForSecrets(org, (s) => s.length === 2);
    remember();
    const created = org.secrets().find((s) => s.id !== old.id)!;
    await checklist.page.locator('code', { hasText: masked(created.clientSecret) }).waitFor({ state: 'visible' });
    await checklist.page.locator('code', { hasText: org.info.clientId }).waitFor({ state: 'visible' });
    // The tree reloads the org when the step ends: the new secret shows, marked new, with no Refresh.
    const newRow = (rows: string[]): string => rows.find((r) => r.startsWith(masked(created.clientSecret))) ?? '';
    await waitForSecretRows(ui, label, [masked(old.clientSecret), masked(created.clientSecret)], {
      what: ', the new one marked new',
      holds: (rows) => /\bnew\b/.test(newRow(rows)),
    });

    // Copy New Secret copies in the extension host: the value reaches the clipboard, never the page.
    await checklist.click('Copy new secret');
    await checklist.page.locator('#status', { hasText: 'Copied the new secret' }).waitFor({ state: 'visible' });
    assert.ok(
      !(await checklist.page.locator('body').innerText()).includes(created.clientSecret),
      'the new secret value must never be in the page',
    );
    assert.equal(await ui.clipboardText(), created.clientSecret);
    await capturePages('after Copy New Secret');

    await checklist.run('chooseMode', 'moveFlows');
    await ui.screenshot('checklist-manual-steps');
    await checklist.run('verifyNewSecret', 'deactivateOld');
    await checklist.run('watchOld', 'deleteOld');
    // Deleting the old secret asked first, naming the secret (masked), the app and the org.
    const deleteQuestion = checklist.modals.at(-1) ?? '';
    assert.match(
      deleteQuestion,
      new RegExp(`Delete the old secret ${masked(old.clientSecret)} of Okta Workflows OAuth in ${label}`),
      deleteQuestion,
    );
    assert.ok(!deleteQuestion.includes(old.clientSecret), 'the confirmation must show the secret masked');
    await checklist.run('deleteOldConnection', 'finish');
    await ui.screenshot('checklist-finished');
    await capturePages('after Finish');

    assert.deepEqual(
      org.secrets().map((s) => ({ id: s.id, status: s.status })),
      [{ id: created.id, status: 'ACTIVE' }],
    );
    assert.notEqual(created.id, old.id);
    assert.equal(createRequests(org), 1, 'one secret created');
  });

  it('shows only the new secret in the tree after the rotation, by itself (no Refresh)', async () => {
    const ui = vscode!;
    const [secret] = org.secrets();
    await ui.openViewContainer('Okta Workflows');
    const [row] = await waitForSecretRows(ui, label, [masked(secret!.clientSecret)]);
    assert.match(row ?? '', new RegExp(`${masked(secret!.clientSecret)} active`));
    await ui.screenshot('tree-after-rotation');
  });

  it('leaves the API token and every secret value (whole or any 8-character piece) out of the pages, the browser storage and every file VS Code wrote (logs, settings, storage)', async () => {
    const ui = vscode!;
    remember();
    // The log file is written asynchronously: wait until it holds the rotation's last line.
    await waitUntil(
      async () => /ended: rotation completed/.test(ui.extensionLog()),
      `the "${EXTENSION_LOG_NAME}" log file to record the finished rotation`,
    );
    await capturePages('at the end');
    const haystacks = new Map<string, string>([
      ...pagesSeen,
      ...ui.userDataFiles(),
      ...(await ui.browserLocalStorage()),
      ['code-server output', readFileSync(join(ui.outputDir, 'code-server.log'), 'utf8')],
      ['user settings.json', ui.userSettingsText()],
      ['tree rows', (await ui.treeItems(VIEW)).join('\n')],
      ['notifications', (await ui.notifications()).join('\n')],
    ]);
    // The search is real: the log did record the calls, and the pages were captured with the checklist in them.
    assert.match(ui.extensionLog(), /POST \/api\/v1\/apps\/\S+\/credentials\/secrets 201/);
    assert.ok(
      pagesSeen.some(([, html]) => html.includes('Rotate the Workflows secret')),
      'the checklist page must be among the captured pages',
    );
    const secrets = [org.info.apiToken, ...secretsEverHeld];
    assert.equal(secretsEverHeld.size, 2, 'the old and the new secret');
    const leaks = findLeaks(haystacks, secrets);
    assert.deepEqual(
      leaks.map((l) => l.where),
      [],
      `secret material found (#0 is the API token):\n${describeLeaks(leaks, haystacks)}`,
    );
  });
});
