// Evidence and reminders in a real VS Code: after a rotation, Export Rotation History writes a CSV whose row names
// the org, the old and new secret ids, who acted and what Okta's System Log recorded; the practice orgs (a secret 97 and one 123 days old) put
// "Workflows secrets: 2 due" in the status bar, and clicking it leads to the rotation of a due org.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { describeLeaks, findLeaks } from '../unit/leaks/findLeaks.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { parseCsv } from '../support/csv.ts';
import { Checklist, orgSetting, rotateFromPalette, setApiTokenFromPalette, waitForSecrets } from './steps.ts';

describe('e2e: evidence for auditors and due-date reminders', () => {
  let simulator: Simulator | undefined;
  let org: SimulatedOrg;
  let vscode: VsCodeSession | undefined;
  const label = 'Acme Preview';

  before(async () => {
    simulator = await startSimulator({ orgs: [{ name: 'acme-preview', environment: 'preview' }] });
    org = simulator.org('acme-preview');
    vscode = await VsCodeSession.start({
      name: 'evidence',
      vsixFiles: [extensionVsix()],
      userSettings: { 'oktaWorkflows.orgs': [orgSetting(org.info, label)] },
    });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('after a rotation, Export Rotation History writes a CSV whose row names the org, the old and new secret ids, who acted and what Okta logged', async () => {
    const ui = vscode!;
    const [old] = org.secrets();
    assert.ok(old);
    await setApiTokenFromPalette(ui, label, org.info.apiToken);
    const checklist: Checklist = await rotateFromPalette(ui, label, 'preview', { pick: false });
    await checklist.run('preflight', 'finish');
    await waitForSecrets(org, (s) => s.length === 1 && s[0]?.id !== old.id);
    const [created] = org.secrets();

    const file = join(ui.folder, 'rotations-for-the-auditor.csv');
    await ui.runCommand('Okta Workflows: Export Rotation History');
    // One org in the history: no org to pick; then the period, the format, and where.
    await ui.waitForQuickInput('Rotations started when?');
    await ui.quickInputPick('All dates');
    await ui.waitForQuickInput('Which format?');
    await ui.quickInputPick('CSV');
    await ui.saveFile(file);
    await ui.waitForNotification(/Exported 1 rotation to /);
    await waitUntil(async () => existsSync(file), `the export at ${file}`);
    // Opened after writing: the CSV is the active editor.
    await ui.page.locator('.tab.active', { hasText: 'rotations-for-the-auditor.csv' }).waitFor({ state: 'visible' });

    const text = readFileSync(file, 'utf8');
    const [header, row, ...rest] = parseCsv(text);
    assert.deepEqual(rest, []);
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1] ?? '';
    assert.equal(cell('Org'), label);
    assert.equal(cell('Org domain'), new URL(org.info.baseUrl).host);
    assert.equal(cell('Outcome'), 'completed');
    assert.equal(cell('Old secret IDs'), old.id);
    assert.equal(cell('New secret ID'), created?.id);
    assert.equal(cell('OS user'), userInfo().username);
    // The admin behind the token, as Okta's users/me names them.
    const me = await fetch(`${org.info.baseUrl}/api/v1/users/me`, {
      headers: { Authorization: `SSWS ${org.info.apiToken}`, Accept: 'application/json' },
    }).then((r) => r.json() as Promise<{ id: string; profile: { login: string } }>);
    assert.equal(cell('Acted as (Okta)'), `${me.profile.login} (Okta user ${me.id}, API token)`);
    // Okta's own record beside ours: the create, deactivate and delete, each by that admin.
    assert.match(cell('Okta System Log'), /^3 events with the app as target/);
    const events = cell('Okta System Log events').split('\n');
    assert.deepEqual(
      events.map((e) => /app\.oauth2\.credentials\.lifecycle\.(\w+) SUCCESS by (\S+)/.exec(e)?.slice(1)),
      [
        ['create', me.profile.login],
        ['deactivate', me.profile.login],
        ['delete', me.profile.login],
      ],
    );
    assert.match(cell('Steps'), /^1\. Check the org: done/);
    const leaks = findLeaks([['export', text]], [org.info.apiToken, old.clientSecret, created?.clientSecret ?? '']);
    assert.deepEqual(leaks, [], describeLeaks(leaks, new Map([['export', text]])));
    await ui.screenshot('export-csv');
  });

  it('the practice orgs’ secrets (97 and 123 days old) show "Workflows secrets: 2 due"; clicking it leads to a rotation', async () => {
    const ui = vscode!;
    await ui.clearNotifications();
    await ui.runCommand('Okta Workflows: Start Practice Orgs');
    await ui.waitForNotification(/Practice orgs started/);
    const item = await ui.waitForStatusBarItem(/Workflows secrets: \d+ due/, 60_000);
    assert.match(item, /Workflows secrets: 2 due/);
    // One notification per newly due secret, with Rotate and Snooze.
    const notice = await ui.waitForNotification(
      /Practice Preview: the Workflows secret .* past the maximum age of 90 days/,
    );
    assert.match(notice, /Rotate/);
    assert.match(notice, /Snooze 7 Days/);
    await ui.screenshot('status-bar-due');

    await ui.clickStatusBarItem(/Workflows secrets: 2 due/);
    await ui.waitForQuickInput('Rotate the Workflows secret of which org?');
    const rows = (await ui.quickInput.locator('.quick-input-list .monaco-list-row').allInnerTexts()).join('\n');
    assert.match(rows, /Rotate all 2 orgs together/, 'two due orgs: a campaign is offered first');
    await ui.quickInputPick('Practice Preview');
    await new Checklist(ui, 'Practice Preview').waitOpen();
  });
});
