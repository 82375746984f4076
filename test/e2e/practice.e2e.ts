// Practice orgs in a real VS Code: "Start Practice Orgs" from the palette runs the bundled simulator in the
// extension host and adds a Preview and a Production org, marked practice, with their secrets; "Stop Practice
// Orgs" (asking first while a rehearsal is unfinished) removes them and stops their servers.
import assert from 'node:assert/strict';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { Checklist, secretRowsOf, VIEW } from './steps.ts';

const PRACTICE = ['Practice Preview', 'Practice Production'] as const;

interface OrgEntry {
  label: string;
  domain: string;
  environment: string;
  practice?: boolean;
}

describe('e2e: practice orgs', () => {
  let vscode: VsCodeSession | undefined;
  let entries: OrgEntry[] = [];

  before(async () => {
    vscode = await VsCodeSession.start({ name: 'practice', vsixFiles: [extensionVsix()] });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
  });

  it('"Start Practice Orgs" adds a Preview and a Production org marked practice, each with its secret, served on 127.0.0.1', async () => {
    const ui = vscode!;
    await ui.openViewContainer('Okta Workflows');
    await ui.runCommand('Okta Workflows: Start Practice Orgs');
    await ui.waitForNotification(/Practice orgs started: Practice Preview and Practice Production/);
    for (const label of PRACTICE) {
      const row = await ui.waitForTreeItem(VIEW, label);
      assert.match(row, /\bpractice\b/, `the org row must say practice: ${row}`);
    }
    await waitUntil(
      async () => {
        const rows = await ui.treeItems(VIEW);
        return PRACTICE.every((l) => secretRowsOf(rows, l).length === 1);
      },
      'each practice org to show its one secret',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    await ui.screenshot('practice-orgs-started');

    await waitUntil(
      async () => orgEntries(ui).length === 2,
      'the practice orgs in the user settings',
      undefined,
      async () => ui.userSettingsText(),
    );
    entries = orgEntries(ui);
    assert.deepEqual(
      entries.map((e) => [e.label, e.environment, e.practice]),
      [
        ['Practice Preview', 'preview', true],
        ['Practice Production', 'production', true],
      ],
    );
    for (const e of entries) {
      assert.match(e.domain, /^http:\/\/127\.0\.0\.1:\d+$/);
      // A real server answers there (the simulator in the extension host): without a token, Okta's 401.
      const r = await fetch(`${e.domain}/api/v1/apps`);
      assert.equal(r.status, 401, `${e.domain} must answer as an Okta org`);
    }
    await ui.clearNotifications();
  });

  it('"Stop Practice Orgs" asks first while a rehearsal is unfinished, then removes both orgs and stops their servers', async () => {
    const ui = vscode!;
    assert.equal(entries.length, 2, 'the practice orgs from the previous test');
    // Start a rehearsal on Practice Preview and leave it unfinished.
    await ui.runCommand('Okta Workflows: Rotate Workflows Secret');
    await ui.waitForQuickInput('Rotate the Workflows secret of which org?');
    await ui.quickInputPick('Practice Preview');
    const checklist = new Checklist(ui, 'Practice Preview');
    await checklist.waitOpen();
    await checklist.run('preflight', 'preflight');

    await ui.runCommand('Okta Workflows: Stop Practice Orgs');
    assert.match(await ui.dialogText(), /Stop the practice orgs\? A rehearsal is still in progress/);
    await ui.dialogButton('Stop Practice Orgs');
    await ui.waitForNotification(/Practice orgs stopped and removed/);

    await waitUntil(
      async () => !(await ui.treeItems(VIEW)).some((r) => PRACTICE.some((l) => r.startsWith(l))),
      'the practice orgs to leave the tree',
      30_000,
      async () => JSON.stringify(await ui.treeItems(VIEW)),
    );
    await ui
      .viewPane(VIEW)
      .locator('.welcome-view-content', { hasText: 'No Okta org is configured yet' })
      .waitFor({ state: 'visible' });
    await waitUntil(
      async () => orgEntries(ui).length === 0,
      'no practice org left in the user settings',
      undefined,
      async () => ui.userSettingsText(),
    );
    await waitUntil(
      async () => (await ui.page.locator('iframe.webview').count()) === 0,
      'the rehearsal checklist to close',
    );
    for (const e of entries) {
      const answered = await fetch(`${e.domain}/api/v1/apps`).then(
        () => true,
        () => false,
      );
      assert.equal(answered, false, `${e.domain} must no longer listen`);
    }
    await ui.screenshot('practice-orgs-stopped');
  });
});

/** The orgs in the user settings.json (a JSON object with comments allowed: VS Code writes plain JSON here). */
function orgEntries(ui: VsCodeSession): OrgEntry[] {
  const settings = JSON.parse(ui.userSettingsText()) as Record<string, unknown>;
  const orgs = settings['oktaWorkflows.orgs'];
  return Array.isArray(orgs) ? (orgs as OrgEntry[]) : [];
}
