// Many orgs in a real VS Code: Import Orgs from a JSON file (six orgs, tokens in the file, one bad row reported in
// place) and from an okta.yaml; then Rotate Due Secrets from the palette over the six (three preview, three
// production, paired): bulk actions confirmed once, production typed, each row's manual steps with its own Copy
// New Secret; the old secrets deactivated, watched in Okta's System Log (a short watch here, ended by the extension's
// own timer) and only then deleted; a production org whose token is read-only fails in place while the others go on, and is finished
// once it has a real token; a window reload in the middle; at the end every org holds one ACTIVE secret, the new
// one, created once; and no token or secret value is in the pages, the settings, the logs or VS Code's files.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { describeLeaks, findLeaks } from '../unit/leaks/findLeaks.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { enterApiToken, VIEW } from './steps.ts';

const DAY_MS = 86_400_000;
const PAIRS = ['north', 'south', 'west'] as const;
/** The production org whose imported token can only read. */
const READ_ONLY = 'west';

describe('e2e: many orgs: Import Orgs and Rotate Due Secrets', () => {
  let simulator: Simulator | undefined;
  let vscode: VsCodeSession | undefined;
  const org = (name: string): SimulatedOrg => simulator!.org(name);
  const keyOf = (name: string): string => new URL(org(name).info.baseUrl).host;
  const names = PAIRS.flatMap((p) => [`${p}-preview`, p]);
  const original = new Map<string, string>();
  const secretsEverHeld = new Set<string>();
  const remember = (): void => {
    for (const n of [...names, 'yaml-org']) for (const s of org(n).secrets()) secretsEverHeld.add(s.clientSecret);
  };

  before(async () => {
    const old = new Date(Date.now() - 120 * DAY_MS).toISOString();
    simulator = await startSimulator({
      orgs: [
        ...names.map((name) => ({
          name,
          environment: name.endsWith('-preview') ? ('preview' as const) : ('production' as const),
          secrets: [{ status: 'ACTIVE' as const, created: old }],
          decoyApps: 1,
        })),
        { name: 'yaml-org', environment: 'preview' as const, decoyApps: 1 },
      ],
    });
    for (const n of names) original.set(n, org(n).secrets()[0]!.id);
    remember();
    vscode = await VsCodeSession.start({
      name: 'fleet',
      vsixFiles: [extensionVsix()],
      // No soak: a production org goes ahead as soon as its preview org's rotation completed. A 30 s watch of the old
      // secrets: the bulk watch's look and the extension's timer end it.
      userSettings: { 'oktaWorkflows.soakHours': 0, 'oktaWorkflows.deactivationWatchMinutes': 0.5 },
    });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  /** The campaign page and one org's row in it. */
  const page = (): FrameLocator => vscode!.webviewFrame();
  const row = (name: string): Locator => page().locator(`tr.row[data-key="${keyOf(name)}"]`);
  const rowState = async (name: string): Promise<string> =>
    (
      (await row(name)
        .locator('td.state')
        .innerText()
        .catch(() => '')) ?? ''
    ).trim();
  const waitForRow = async (name: string, state: RegExp): Promise<void> => {
    let last = '';
    await waitUntil(
      async () => state.test((last = await rowState(name))),
      `the campaign row of ${name} to read ${state}`,
      90_000,
      async () =>
        `${last}; page: ${(
          await page()
            .locator('#status, .error-text')
            .allInnerTexts()
            .catch(() => [])
        ).join(' | ')}`,
    );
  };
  const rowButton = async (name: string, label: string): Promise<void> => {
    await row(name).getByRole('button', { name: label, exact: true }).click();
  };
  /** A bulk action over `n` orgs: its button, the one modal, and the typed confirmation when production changes. */
  const bulk = async (title: string, n: number, typed?: string): Promise<string> => {
    await page()
      .getByRole('button', { name: `${title} (${n})`, exact: true })
      .click();
    return confirmBulk(title, n, typed);
  };
  const confirmBulk = async (title: string, n: number, typed?: string): Promise<string> => {
    const text = await vscode!.dialogText();
    await vscode!.dialogButton(`${title} (${n} org${n === 1 ? '' : 's'})`);
    if (typed) {
      await vscode!.waitForQuickInput(`Type "${typed}" to confirm`);
      await vscode!.quickInputType(typed);
      await vscode!.quickInputEnter();
    }
    return text;
  };
  /**
   * The old secrets of `orgs`: deactivated, watched until each row says its watch ended clean, then deleted; each bulk
   * action confirmed once (typed when it changes production orgs).
   */
  const retireOld = async (orgs: readonly string[], typed?: string): Promise<{ deactivate: string; del: string }> => {
    const deactivate = await bulk('Deactivate the old secrets', orgs.length, typed);
    for (const n of orgs) await waitForRow(n, /not watched yet|Watched|Old secret unused/);
    await bulk('Watch for the old secrets', orgs.length);
    for (const n of orgs) await waitForRow(n, /Old secret unused for/);
    const del = await bulk('Delete the old secrets', orgs.length, typed);
    return { deactivate, del };
  };
  /** The person's steps in the Workflows console for one org, confirmed from its row. */
  const personSteps = async (name: string): Promise<void> => {
    await rowButton(name, 'Copy new secret');
    const created = await waitForNewSecret(name);
    await waitUntil(async () => (await vscode!.clipboardText()) === created, `the new secret of ${name} copied`);
    await rowButton(name, 'I created the new connection');
    await waitForRow(name, /New connection created/);
    await rowButton(name, 'Every flow uses the new connection');
    await waitForRow(name, /Connection set up/);
  };
  const waitForNewSecret = async (name: string): Promise<string> => {
    await waitUntil(async () => org(name).secrets().length === 2, `a second secret in ${name}`);
    remember();
    return org(name)
      .secrets()
      .find((s) => s.id !== original.get(name))!.clientSecret;
  };

  it('Import Orgs… from a JSON file: six orgs and their tokens; a bad row is reported in its place; settings get no token', async () => {
    const ui = vscode!;
    const file = join(ui.folder, 'orgs.json');
    const entries = names.map((name) => ({
      label: name,
      domain: org(name).info.baseUrl,
      environment: org(name).info.environment,
      ...(name.endsWith('-preview') ? {} : { previewOrg: `${name}-preview` }),
      apiToken: name === READ_ONLY ? org(name).info.readOnlyToken : org(name).info.apiToken,
    }));
    writeFileSync(
      file,
      JSON.stringify([...entries, { label: 'Broken', domain: 'not an org', environment: 'preview' }], null, 2),
    );
    await ui.openViewContainer('Okta Workflows');
    await ui.runCommand('Okta Workflows: Import Orgs…');
    await ui.waitForQuickInput('Import Orgs: from where?');
    await ui.quickInputPick('$(file) From a file (JSON or CSV)…'.replace('$(file) ', ''));
    await ui.chooseFile(file);
    await ui.waitForQuickInput('Import Orgs: 6 imported, 1 not imported');
    const rows = (await ui.quickInput.locator('.quick-input-list .monaco-list-row').allInnerTexts()).join('\n');
    assert.match(rows, /Broken \(entry 7\)\s+not imported: the domain is not an Okta org domain/);
    assert.match(rows, /imported; its API token was checked: found Okta Workflows OAuth/);
    await ui.screenshot('import-orgs-results');
    await ui.page.keyboard.press('Escape');
    // A row's text is its label then its description (127.0.0.1:PORT · environment), with no space between.
    for (const name of names) await ui.waitForTreeItem(VIEW, new RegExp(`^${name}\\s*127\\.0\\.0\\.1`));
    const settings = JSON.parse(ui.userSettingsText()) as { 'oktaWorkflows.orgs': Array<Record<string, string>> };
    const orgs = settings['oktaWorkflows.orgs'];
    assert.equal(orgs.length, 6);
    for (const o of orgs)
      assert.deepEqual(
        Object.keys(o).sort(),
        o.previewOrg ? ['domain', 'environment', 'label', 'previewOrg'] : ['domain', 'environment', 'label'],
      );
  });

  it('Rotate Due Secrets… from the palette: previews first; a read-only token fails in place; a reload in the middle; every org ends with one ACTIVE secret, the new one', async () => {
    const ui = vscode!;
    await ui.runCommand('Okta Workflows: Rotate Due Secrets…');
    await ui.waitForQuickInput('Rotate Due Secrets: which orgs?');
    const picks = ui.quickInput.locator('.quick-input-list .monaco-list-row');
    await picks.first().waitFor({ state: 'visible' });
    assert.equal(await picks.count(), 6);
    // Every org is due (120 days): all six are picked already; OK begins the campaign over them.
    await ui.quickInputEnter();
    await page()
      .locator('h1', { hasText: 'Rotate due secrets: 6 orgs' })
      .waitFor({ state: 'visible', timeout: 60_000 });

    const checked = await bulk('Check the orgs', 6);
    assert.match(checked, /Check the orgs in 6 orgs\?/);
    for (const n of names) await waitForRow(n, /Checked/);

    const create = await bulk('Create the new secrets', 6);
    assert.match(create, /PRODUCTION north: waits for north-preview/);
    for (const p of PAIRS) {
      await waitForRow(`${p}-preview`, /New secret .* created/);
      await waitForRow(p, /Waiting for/);
      assert.equal(
        org(p).secrets().length,
        1,
        `nothing created in production org ${p} before its preview org completed`,
      );
    }
    for (const p of PAIRS) await personSteps(`${p}-preview`);
    await bulk('Verify the new secrets', 3);
    for (const p of PAIRS) await waitForRow(`${p}-preview`, /New secret verified/);
    const retire = await retireOld(PAIRS.map((p) => `${p}-preview`));
    assert.match(retire.deactivate, /deactivates ••••\S* \(ocs\w+\); keeps .*nothing is deleted before the watch/);
    assert.match(retire.del, /deletes ••••\S* \(ocs\w+\) \(old secret unused for /);
    for (const p of PAIRS) {
      await waitForRow(`${p}-preview`, /Old secret deleted/);
      await rowButton(`${p}-preview`, 'I deleted the old connection');
      await waitForRow(`${p}-preview`, /Done/);
    }

    // Production, after its preview org: typed once for the batch; the read-only token fails in its row only.
    await bulk('Create the new secrets', 3, '3 production');
    await waitForRow(READ_ONLY, /Did not complete: create the new secret/);
    const error = await row(READ_ONLY).locator('xpath=following-sibling::tr[1]').innerText();
    assert.match(error, /E0000006|permission/i);
    assert.match(error, /Fix: .*okta\.apps\.manage/);
    for (const p of PAIRS.filter((x) => x !== READ_ONLY)) await waitForRow(p, /New secret .* created/);
    // One primary action per row: creating a new connection; re-authorizing the old one is the alternative.
    const [first] = PAIRS.filter((x) => x !== READ_ONLY);
    const primaryOf = async (label: string) =>
      (await row(first!).getByRole('button', { name: label, exact: true }).getAttribute('class')) ?? '';
    assert.doesNotMatch(await primaryOf('I created the new connection'), /secondary/);
    assert.match(await primaryOf('I re-authorized the connection with the new secret'), /secondary/);
    // The README's screenshot: after the bulk action's progress notification has closed (nothing above needs it).
    await ui.page
      .locator('.notifications-toasts .notification-list-item', { hasText: 'Create the new secrets' })
      .waitFor({ state: 'hidden', timeout: 30_000 })
      .catch(() => undefined);
    await ui.screenshot('campaign-view');

    // A reload in the middle: the campaign view comes back from its journal, every row where it was.
    await ui.reloadWindow();
    await page()
      .locator('h1', { hasText: 'Rotate due secrets: 6 orgs' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    await waitForRow(READ_ONLY, /Did not complete: create the new secret/);
    for (const p of PAIRS.filter((x) => x !== READ_ONLY)) await waitForRow(p, /New secret .* created/);

    // Open a row as its checklist: the same rotation.
    await rowButton('north', 'Open checklist');
    await ui.editorTab('Rotate: north').waitFor({ state: 'visible' });
    await ui.closeEditorTab('Rotate: north');

    for (const p of PAIRS.filter((x) => x !== READ_ONLY)) await personSteps(p);
    await rowButton(READ_ONLY, 'Set credentials…');
    await enterApiToken(ui, READ_ONLY, org(READ_ONLY).info.apiToken);
    await rowButton(READ_ONLY, 'Retry: Create the new secret');
    await confirmBulk('Create the new secrets', 1, '1 production');
    await waitForRow(READ_ONLY, /New secret .* created/);
    await personSteps(READ_ONLY);

    await bulk('Verify the new secrets', 3);
    await retireOld(PAIRS, '3 production');
    for (const p of PAIRS) {
      await waitForRow(p, /Old secret deleted/);
      await rowButton(p, 'I deleted the old connection');
      await waitForRow(p, /Done/);
    }
    // The banner (the live region may say the same at that moment).
    await page()
      .locator('.banner', { hasText: 'Every rotation of this campaign has ended.' })
      .waitFor({ state: 'visible' });

    for (const n of names) {
      const secrets = org(n).secrets();
      assert.equal(secrets.length, 1, `${n}: one secret`);
      assert.equal(secrets[0]!.status, 'ACTIVE', n);
      assert.notEqual(secrets[0]!.id, original.get(n), `${n}: the new one`);
      const creates = org(n).requests.filter((r) => r.method === 'POST' && /\/credentials\/secrets$/.test(r.path));
      assert.deepEqual(
        creates.map((r) => r.status),
        n === READ_ONLY ? [403, 201] : [201],
        `${n}: created once (the read-only token's try refused)`,
      );
      // The app list was read only to check a token (the import's; the read-only org's replacement too): every
      // refresh and start since used the remembered app (a refresh is one list-secrets call; the org check reads
      // the app by its id).
      assert.equal(
        org(n).requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/apps').length,
        n === READ_ONLY ? 2 : 1,
        `${n}: the app list read only when a token was checked`,
      );
      assert.match(await rowState(n), new RegExp(`Done: secret ••••${secrets[0]!.clientSecret.slice(-4)} in use`));
    }
    remember();
  });

  it('Import Orgs… from an okta.yaml in the workspace folder: its token checked and stored, the environment asked', async () => {
    const ui = vscode!;
    const yaml = org('yaml-org').info;
    writeFileSync(
      join(ui.folder, 'okta.yaml'),
      ['okta:', '  client:', `    orgUrl: "${yaml.baseUrl}"`, `    token: ${yaml.apiToken}`, ''].join('\n'),
    );
    await ui.runCommand('Okta Workflows: Import Orgs…');
    await ui.waitForQuickInput('Import Orgs: from where?');
    await ui.quickInput.locator('.quick-input-list .monaco-list-row', { hasText: 'okta.yaml in' }).first().click();
    await ui.waitForQuickInput('is 127.0.0.1');
    await ui.quickInputPick('Preview');
    await ui.waitForQuickInput('a name for');
    await ui.quickInputType('Yaml Org');
    await ui.quickInputEnter();
    await ui.waitForQuickInput('Import Orgs: 1 imported, 0 not imported');
    await ui.page.keyboard.press('Escape');
    await ui.waitForTreeItem(VIEW, /^Yaml Org\s*127\.0\.0\.1/);
    const settings = ui.userSettingsText();
    assert.ok(settings.includes('"Yaml Org"'));
  });

  it('leaves every token and secret value out of the pages, the browser storage and every file VS Code wrote', async () => {
    const ui = vscode!;
    remember();
    const tokens = [...names, 'yaml-org'].flatMap((n) => [org(n).info.apiToken, org(n).info.readOnlyToken]);
    const haystacks = new Map<string, string>([
      ...(await ui.frameContents()),
      ...ui.userDataFiles(),
      ...(await ui.browserLocalStorage()),
      ['code-server output', readFileSync(join(ui.outputDir, 'code-server.log'), 'utf8')],
      ['notifications', (await ui.notifications()).join('\n')],
    ]);
    assert.match(ui.extensionLog(), /GET \/api\/v1\/apps/, 'the log must record the calls (the search is real)');
    const leaks = findLeaks(haystacks, [...tokens, ...secretsEverHeld]);
    assert.deepEqual(
      leaks.map((l) => l.where),
      [],
      describeLeaks(leaks, haystacks),
    );
  });
});
