// The manifest against the code, in plain Node: every contributed command registered, every menu entry naming a
// declared command, every context key in a `when` clause set by the code, titles as the e2e suite types them.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../src/vscode/commands/ids.ts';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const code = sources(join(root, 'src', 'vscode'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

const TITLES: Record<string, string> = {
  'oktaWorkflows.addOrg': 'Add Org',
  'oktaWorkflows.importOrgs': 'Import Orgs…',
  'oktaWorkflows.removeOrg': 'Remove Org',
  'oktaWorkflows.setApiToken': 'Set API Token',
  'oktaWorkflows.setServiceApp': 'Set OAuth Service App',
  'oktaWorkflows.removeApiToken': 'Remove API Token',
  'oktaWorkflows.refresh': 'Refresh',
  'oktaWorkflows.rotateSecret': 'Rotate Workflows Secret',
  'oktaWorkflows.resumeRotation': 'Resume Rotation',
  'oktaWorkflows.rotateDueSecrets': 'Rotate Due Secrets…',
  'oktaWorkflows.activateSecret': 'Activate Secret',
  'oktaWorkflows.deactivateSecret': 'Deactivate Secret',
  'oktaWorkflows.deleteSecret': 'Delete Secret',
  'oktaWorkflows.verifySecret': 'Verify Secret',
  'oktaWorkflows.copySecretId': 'Copy Secret ID',
  'oktaWorkflows.showLog': 'Show Log',
  'oktaWorkflows.startPracticeOrgs': 'Start Practice Orgs',
  'oktaWorkflows.stopPracticeOrgs': 'Stop Practice Orgs',
  'oktaWorkflows.exportRotationHistory': 'Export Rotation History',
  'oktaWorkflows.showDueSecrets': 'Show Due Secrets',
};

type Cmd = { command: string; title: string; category?: string; icon?: string };
type MenuItem = { command: string; when?: string; group?: string };
const commands: Cmd[] = pkg.contributes.commands;
const declared = new Set(commands.map((c) => c.command));
const menuItems: MenuItem[] = Object.values(pkg.contributes.menus as Record<string, MenuItem[]>).flat();
const whenClauses: string[] = [
  ...menuItems.map((m) => m.when ?? ''),
  ...(pkg.contributes.viewsWelcome as Array<{ when?: string }>).map((w) => w.when ?? ''),
  ...((pkg.contributes.keybindings ?? []) as Array<{ when?: string }>).map((k) => k.when ?? ''),
];

// Keys VS Code sets itself, and the ones set on tree items (viewItem) or by the view (view).
const BUILT_IN = new Set([
  'view',
  'viewItem',
  'false',
  'true',
  'isWorkspaceTrusted',
  'config',
  'resourceScheme',
  'focusedView',
]);

describe('package.json manifest', () => {
  it('declares exactly the commands the code registers, with the exact titles and the category', () => {
    assert.deepEqual([...declared].sort(), [...COMMAND_IDS].sort());
    for (const c of commands) {
      assert.equal(c.title, TITLES[c.command], c.command);
      assert.equal(c.category, 'Okta Workflows', c.command);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command} has a codicon`);
    }
    // registerCommands registers every id in COMMAND_IDS; handlers.ts maps each to what it does (a record keyed by CommandId).
    for (const id of COMMAND_IDS) assert.ok(code.includes(`'${id}': `), `${id} is mapped to a handler in handlers.ts`);
  });

  it('every menu entry names a declared command', () => {
    for (const m of menuItems) assert.ok(declared.has(m.command), `menu entry names undeclared ${m.command}`);
    for (const w of pkg.contributes.viewsWelcome as Array<{ contents: string }>) {
      for (const [, id] of w.contents.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(declared.has(id as string), `welcome link to undeclared ${id}`);
    }
  });

  it('every context key in a when clause is built in or set by the code', () => {
    const keys = new Set(
      whenClauses.flatMap((w) => [...w.replace(/\/[^/]*\//g, '').matchAll(/[A-Za-z][\w.]*/g)].map((m) => m[0])),
    );
    for (const key of keys) {
      if (BUILT_IN.has(key) || /^oktaWorkflows\.orgs$/.test(key)) continue;
      if (/^(in|not|&&|\|\|)$/.test(key)) continue;
      assert.ok(
        code.includes(`setContextKey('${key}'`) || code.includes(`'setContext', '${key}'`),
        `context key ${key} is used in a when clause but never set by setContext`,
      );
    }
  });

  it('every command is in the palette from the start: none hidden behind a key the extension sets after activation', () => {
    // The extension's context keys are unset until it activates (a view shown, a command run): a palette entry
    // hidden behind one is missing exactly when a person first looks for it. Commands ask for their target instead.
    const palette = (pkg.contributes.menus.commandPalette ?? []) as MenuItem[];
    for (const m of palette) {
      assert.ok(!/oktaWorkflows\./.test(m.when ?? ''), `${m.command} is hidden from the palette by "${m.when}"`);
      assert.notEqual(m.when, 'false', `${m.command} is never in the palette`);
    }
    for (const id of [
      'setApiToken',
      'setServiceApp',
      'removeApiToken',
      'rotateSecret',
      'resumeRotation',
      'activateSecret',
      'deactivateSecret',
      'deleteSecret',
      'verifySecret',
      'copySecretId',
      'removeOrg',
    ]) {
      assert.ok(declared.has(`oktaWorkflows.${id}`), id);
      assert.ok(!palette.some((m) => m.command === `oktaWorkflows.${id}` && m.when), `${id} has a palette when clause`);
    }
  });

  it('the welcome content without credentials offers both sign-in methods', () => {
    const w = (pkg.contributes.viewsWelcome as Array<{ contents: string; when?: string }>).find(
      (x) =>
        x.when === 'oktaWorkflows.hasOrgs && !oktaWorkflows.anyOrgHasToken' &&
        x.contents.includes('command:oktaWorkflows.setApiToken'),
    );
    assert.ok(w);
    assert.ok(w.contents.includes('(command:oktaWorkflows.setServiceApp)'));
    assert.match(w.contents, /API token/);
    assert.match(w.contents, /OAuth service app/);
  });

  it('secret menus: Deactivate only on an active secret beside another active one, Activate and Delete only on inactive (capability flags)', () => {
    const ctx = pkg.contributes.menus['view/item/context'] as MenuItem[];
    const when = (id: string) => ctx.filter((m) => m.command === `oktaWorkflows.${id}`).map((m) => m.when ?? '');
    const matches = (clause: string, viewItem: string) =>
      [...clause.matchAll(/viewItem =~ \/(.+?)\/(?=\s|$)/g)].every((m) => new RegExp(m[1] as string).test(viewItem));
    for (const w of when('deactivateSecret')) {
      assert.ok(matches(w, 'secret active canDeactivate hasValue inUse'));
      assert.ok(!matches(w, 'secret inactive canActivate canDelete hasValue'));
      // The only active secret, or a read-only credential: Okta refuses, so the tree does not offer it.
      assert.ok(!matches(w, 'secret active hasValue inUse'));
    }
    for (const id of ['activateSecret', 'deleteSecret']) {
      for (const w of when(id)) {
        assert.ok(matches(w, 'secret inactive canActivate canDelete hasValue'), id);
        assert.ok(!matches(w, 'secret active canDeactivate hasValue inUse'), id);
        assert.ok(!matches(w, 'secret inactive hasValue'), `${id}: not with a read-only credential`);
      }
    }
    for (const w of when('rotateSecret')) {
      assert.ok(matches(w, 'org hasToken canRotate production'));
      assert.ok(!matches(w, 'org hasToken production'), 'not with a read-only credential');
      assert.ok(!matches(w, 'org noToken preview'));
    }
  });

  it('@types/vscode equals the minimum of engines.vscode', () => {
    const min = String(pkg.engines.vscode).replace(/^[\^~>=]+/, '');
    assert.equal(pkg.devDependencies['@types/vscode'], min);
    assert.equal(lock.packages['node_modules/@types/vscode'].version, min);
  });

  it('every setting has a description and a default; the orgs and the guards cannot come from a workspace', () => {
    const props = pkg.contributes.configuration.properties as Record<
      string,
      { description?: string; markdownDescription?: string; default?: unknown; scope?: string }
    >;
    for (const [name, p] of Object.entries(props)) {
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 10, `${name} has a description`);
      assert.notEqual(p.default, undefined, `${name} has a default`);
    }
    // A cloned repository's .vscode/settings.json must not weaken a guard (even in Restricted Mode): the orgs, the
    // soak, the preview recency, the maximum age, the watch of the old secret and the history's retention are user
    // settings only.
    const guards = [
      'orgs',
      'maxSecretAgeDays',
      'reminderDays',
      'previewRecencyDays',
      'soakHours',
      'deactivationWatchMinutes',
      'historyMaxRecords',
    ];
    for (const name of guards) assert.equal(props[`oktaWorkflows.${name}`]?.scope, 'application', name);
    assert.equal(props['oktaWorkflows.maxSecretAgeDays']?.default, 90);
    const numeric = props as Record<string, { default?: unknown; minimum?: number; maximum?: number }>;
    assert.deepEqual(
      [numeric['oktaWorkflows.maxConcurrentOrgs']?.default, numeric['oktaWorkflows.maxConcurrentOrgs']?.maximum],
      [200, 256],
    );
    assert.deepEqual(
      [
        numeric['oktaWorkflows.maxRateLimitWaitSeconds']?.default,
        numeric['oktaWorkflows.maxRateLimitWaitSeconds']?.minimum,
        numeric['oktaWorkflows.maxRateLimitWaitSeconds']?.maximum,
      ],
      [65, 0, 300],
    );
    // Every numeric setting the code reads is declared, with the same default as the code's fallback.
    for (const [, name, fallback] of code.matchAll(/settings\.number\('(\w+)', (\d+)/g)) {
      assert.equal(
        numeric[`oktaWorkflows.${name}`]?.default,
        Number(fallback),
        `${name}: the code's fallback ${fallback} is the manifest's default`,
      );
    }
    assert.deepEqual(
      pkg.capabilities.untrustedWorkspaces.restrictedConfigurations,
      guards.map((name) => `oktaWorkflows.${name}`),
    );
  });

  it('activates on nothing broad, and the view container, view and icon exist', () => {
    assert.ok(!(pkg.activationEvents as string[]).includes('*'));
    assert.ok((pkg.activationEvents as string[]).every((e) => !e.startsWith('onStartupFinished')));
    assert.equal(pkg.main, './dist/extension.js');
    const container = pkg.contributes.viewsContainers.activitybar[0];
    assert.equal(container.title, 'Okta Workflows');
    assert.ok(statSync(join(root, container.icon)).isFile());
    assert.equal(pkg.contributes.views[container.id][0].id, 'oktaWorkflows.orgs');
    assert.ok(code.includes("createTreeView('oktaWorkflows.orgs'"));
  });

  it('has a 128×128 PNG Marketplace icon beside the activity-bar SVG, and a gallery banner colour', () => {
    assert.equal(pkg.icon, 'media/icon.png');
    const png = readFileSync(join(root, pkg.icon));
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers at bytes 16 and 20.
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(pkg.contributes.viewsContainers.activitybar[0].icon, /\.svg$/);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
  });
});
