// Least privilege in a real VS Code: an org added with the OAuth service app sign-in (client id, private key chosen
// as a file or pasted into a hidden input, key id), checked against the simulator's token endpoint (private_key_jwt, DPoP), then its
// secrets in the tree, read with the service app's access token. The private key shows nowhere afterwards.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../src/simulator/index.ts';
import { describeLeaks, findLeaks } from '../unit/leaks/findLeaks.ts';
import { screenshotOnFailure, VsCodeSession, waitUntil } from './harness.ts';
import { extensionVsix } from './globalSetup.ts';
import { addOrgFromPalette, masked, waitForSecretRows } from './steps.ts';

describe('e2e: an org signed in with an OAuth service app', () => {
  let simulator: Simulator | undefined;
  let org: SimulatedOrg;
  let vscode: VsCodeSession | undefined;
  const label = 'Initech Preview';

  before(async () => {
    simulator = await startSimulator({
      orgs: [
        { name: 'initech-preview', environment: 'preview', secrets: [{ status: 'ACTIVE' }, { status: 'INACTIVE' }] },
      ],
    });
    org = simulator.org('initech-preview');
    vscode = await VsCodeSession.start({ name: 'oauth', vsixFiles: [extensionVsix()] });
  });
  screenshotOnFailure(() => vscode);
  after(async () => {
    await vscode?.close();
    await simulator?.close();
  });

  it('adds the org choosing "OAuth service app" with its private key from a file, and sees its secrets in the tree', async () => {
    const ui = vscode!;
    const app = org.info.serviceApp;
    assert.ok(app, 'the simulated org must have a service app');
    org.clearRequests();

    await addOrgFromPalette(ui, org.info, label, 'serviceApp');
    await ui.waitForQuickInput(`Client id of the service app for ${label}`);
    await ui.quickInputType(app.clientId);
    await ui.quickInputEnter();
    await ui.waitForQuickInput(`Private key for ${label}`);
    // The key from a file, through VS Code's own file dialog (in the browser a quick input taking a path).
    const keyFile = join(ui.folder, 'service-app.pem');
    writeFileSync(keyFile, app.privateKeyPem, { mode: 0o600 });
    await ui.quickInputPick('Choose a file…');
    await ui.chooseFile(keyFile);
    await ui.waitForQuickInput(`Key id (optional) for ${label}`);
    await ui.quickInputType(app.keyId);
    await ui.quickInputEnter();
    const stored = await ui.waitForNotification(new RegExp(`OAuth service app for ${label} stored`));
    assert.match(stored, new RegExp(`client id ${org.info.clientId}`));

    const secrets = org.secrets();
    await ui.openViewContainer('Okta Workflows');
    await waitForSecretRows(
      ui,
      label,
      secrets.map((s) => masked(s.clientSecret)),
    );
    await ui.screenshot('service-app-tree');

    // Signed in as the service app: access tokens from the token endpoint, the API read with them (never SSWS).
    await waitUntil(
      async () => org.requests.some((r) => r.method === 'POST' && r.path === '/oauth2/v1/token' && r.status === 200),
      'an access token issued to the service app',
      undefined,
      async () => JSON.stringify(org.requests),
    );
    const apiCalls = org.requests.filter((r) => r.path.startsWith('/api/v1/apps'));
    assert.ok(apiCalls.length > 0 && apiCalls.every((r) => r.status === 200), JSON.stringify(apiCalls));
  });

  it('"Set OAuth Service App" again with the key pasted into a hidden input (which drops its line breaks) checks and stores it', async () => {
    const ui = vscode!;
    const app = org.info.serviceApp!;
    await ui.clearNotifications();
    org.clearRequests();
    await ui.runCommand('Okta Workflows: Set OAuth Service App');
    await ui.waitForQuickInput('Set the OAuth service app of which org?');
    await ui.quickInputPick(label);
    await ui.waitForQuickInput(`Client id of the service app for ${label}`);
    // Prefilled with the stored client id.
    assert.equal(await ui.quickInput.locator('input.input').inputValue(), app.clientId);
    await ui.quickInputEnter();
    await ui.waitForQuickInput(`Private key for ${label}`);
    await ui.quickInputPick('Paste the private key…');
    await ui.waitForQuickInput('Paste the private key');
    assert.equal(
      await ui.quickInput.locator('input.input').getAttribute('type'),
      'password',
      'the private key input must be a password input',
    );
    // What a paste leaves in an <input>: the PEM without its line breaks (the browser strips them, as on paste).
    await ui.quickInputType(app.privateKeyPem);
    assert.ok(!(await ui.quickInput.locator('input.input').inputValue()).includes('\n'));
    await ui.quickInputEnter();
    await ui.waitForQuickInput(`Key id (optional) for ${label}`);
    await ui.quickInputType(app.keyId);
    await ui.quickInputEnter();
    await ui.waitForNotification(new RegExp(`OAuth service app for ${label} stored`));
    // Checked against the org before it was stored: a new access token was issued with the pasted key.
    assert.ok(
      org.requests.some((r) => r.method === 'POST' && r.path === '/oauth2/v1/token' && r.status === 200),
      JSON.stringify(org.requests),
    );
    await ui.clearNotifications();
  });

  it('leaves the private key (any 8-character piece of its body) and the secret values out of the pages, the browser storage and every file VS Code wrote (logs, settings, storage)', async () => {
    const ui = vscode!;
    const pem = org.info.serviceApp!.privateKeyPem;
    // The armour lines are public text; the base64 body between them is the key.
    const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    assert.ok(body.length > 100);
    const haystacks = new Map<string, string>([
      ...(await ui.frameContents()),
      ...ui.userDataFiles(),
      ...(await ui.browserLocalStorage()),
      ['code-server output', readFileSync(join(ui.outputDir, 'code-server.log'), 'utf8')],
      ['user settings.json', ui.userSettingsText()],
      ['notifications', (await ui.notifications()).join('\n')],
    ]);
    assert.match(ui.extensionLog(), /GET \/api\/v1\/apps/, 'the log must record the calls (the search is real)');
    const secrets = [body, ...org.secrets().map((s) => s.clientSecret)];
    const leaks = findLeaks(haystacks, secrets);
    assert.deepEqual(
      leaks.map((l) => l.where),
      [],
      `secret material found (#0 is the private key):\n${describeLeaks(leaks, haystacks)}`,
    );
  });
});
