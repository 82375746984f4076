// Extension-host tests: activation registers everything and touches no network; commands that need no org
// behave when none is configured. Run by test/integration/runTest.mjs (machines that can download VS Code).
/* global describe, before, it */
const assert = require('node:assert/strict');
const vscode = require('vscode');
const pkg = require('../../package.json');

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

describe('Okta Workflows extension in VS Code', function () {
  let extension;

  before(async function () {
    extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the development host`);
    await extension.activate();
  });

  it('activates', function () {
    assert.equal(extension.isActive, true);
  });

  it('registers every command the manifest contributes', async function () {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of pkg.contributes.commands) assert.ok(registered.has(c.command), `${c.command} is registered`);
  });

  it('contributes the Orgs view in its own container, with the exact command titles', function () {
    const view = extension.packageJSON.contributes.views.oktaWorkflows.find((v) => v.id === 'oktaWorkflows.orgs');
    assert.equal(view.name, 'Orgs');
    const rotate = extension.packageJSON.contributes.commands.find((c) => c.command === 'oktaWorkflows.rotateSecret');
    assert.equal(rotate.title, 'Rotate Workflows Secret');
  });

  it('Show Log and Refresh run with no org configured', async function () {
    await vscode.commands.executeCommand('oktaWorkflows.showLog');
    await vscode.commands.executeCommand('oktaWorkflows.refresh');
  });

  it("lists every command in the palette from the start: no palette entry hides behind the extension's own context keys", function () {
    for (const m of extension.packageJSON.contributes.menus.commandPalette ?? []) {
      assert.ok(!/oktaWorkflows\./.test(m.when ?? ''), `${m.command} is hidden behind ${m.when}`);
    }
  });

  it('Set OAuth Service App and Resume Rotation run from the palette with no org configured (they say what to do first)', async function () {
    await vscode.commands.executeCommand('oktaWorkflows.setServiceApp');
    await vscode.commands.executeCommand('oktaWorkflows.resumeRotation');
  });

  it('keeps the orgs setting out of workspaces (application scope)', function () {
    const inspected = vscode.workspace.getConfiguration('oktaWorkflows').inspect('orgs');
    assert.deepEqual(inspected.defaultValue, []);
    assert.equal(inspected.workspaceValue, undefined);
  });

  it('opens the Orgs view without error', async function () {
    await vscode.commands.executeCommand('workbench.view.extension.oktaWorkflows');
  });
});
