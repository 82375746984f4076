// `npm run demo [-- --browser]`: the extension with its practice orgs, in one command, on a fresh machine after
// `npm ci`. Desktop VS Code when `code` is on PATH (a development host with its own throwaway profile), otherwise
// (or with --browser) code-server on 127.0.0.1, opened in your browser: what that needs is installed first when
// missing (scripts/e2e-setup.sh: Debian's Chromium and build tools, then Node 24 and code-server in .cache/e2e). Either way the profile's settings say
// oktaWorkflows.startPracticeOrgsOnStartup: true, so the practice orgs start with the extension, inside VS Code:
// their API tokens go to VS Code's secret storage, which a script could not write. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const started = Date.now();
const forceBrowser = process.argv.includes('--browser');

/** The throwaway profile's settings: a fleet of eight practice orgs on, nothing else in the way of a first look. */
const DEMO_SETTINGS = {
  'oktaWorkflows.startPracticeOrgsOnStartup': true,
  'oktaWorkflows.practiceOrgCount': 8,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
};

const temp = mkdtempSync(join(tmpdir(), 'okta-workflows-demo-'));
const folder = join(temp, 'okta-workflows-demo');
mkdirSync(folder, { recursive: true });
writeFileSync(
  join(folder, 'README.md'),
  [
    '# Okta Workflows Secret Rotation: demo',
    '',
    'Open the **Okta Workflows** view in the activity bar: the extension starts with it, and so do the practice orgs',
    '(a fleet of four simulated Preview/Production pairs on 127.0.0.1, with their API tokens set).',
    '',
    'Then right-click **Practice Preview 1** and pick **Rotate Workflows Secret**, and go through the checklist;',
    'or click **Rotate Due Secrets…** in the view title to rotate every due org in one campaign.',
    'Nothing here touches a real Okta org. This folder and its profile are deleted when the demo stops.',
    '',
  ].join('\n'),
);

// Whatever ends the demo (Ctrl-C, an error, the window closed), the throwaway profile goes with it. Once code-server
// served, say so: after Ctrl-C, CodeServer's own handler has already stopped it and the practice orgs with it.
let serving = false;
process.on('exit', () => {
  rmSync(temp, { recursive: true, force: true });
  if (serving) console.log('demo: stopped code-server and the practice orgs, deleted the temporary profile');
});

const say = (line) => console.log(`demo: ${line}`);
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function runOrExit(command, args, what) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(
      `demo: ${what} failed (exit ${r.status ?? r.signal}). Fix the error above and run \`npm run demo\` again.`,
    );
    process.exit(1);
  }
}

function writeSettings(userDataDir) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(DEMO_SETTINGS, null, 2));
}

async function desktop() {
  say('building the extension');
  runOrExit(process.execPath, ['esbuild.mjs', '--production'], 'npm run build');
  const userData = join(temp, 'user-data');
  writeSettings(userData);
  say(`opening VS Code (a development host with a throwaway profile) after ${seconds()}`);
  say('open the Okta Workflows view in the activity bar: the practice orgs start with the extension');
  say('close the window, or press Ctrl-C here, to stop the demo');
  // --wait keeps the CLI (and this script) alive until the window closes; its own group, so Ctrl-C ends it all.
  const child = spawn(
    'code',
    [
      `--extensionDevelopmentPath=${root}`,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      join(temp, 'extensions'),
      '--new-window',
      '--wait',
      folder,
      join(folder, 'README.md'),
    ],
    { cwd: root, stdio: 'inherit', detached: true },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 130 : 0))));
  say('VS Code closed: demo stopped');
  process.exit(code);
}

async function browser() {
  say('preparing code-server: Debian packages when missing, Node 24 and code-server in .cache/e2e (quick when there)');
  runOrExit('bash', [join(root, 'scripts', 'e2e-setup.sh')], 'scripts/e2e-setup.sh');
  // The e2e harness's own modules: the same packaging and the same code-server start as the tests use. Its
  // CodeServer also kills code-server's whole process group (extension host and practice simulator included) when
  // this process gets SIGINT/SIGTERM or exits.
  const { packageExtension } = await import('../test/e2e/vsix.ts');
  const { CodeServer } = await import('../test/e2e/codeServer.ts');
  const { loadToolPaths } = await import('../test/e2e/toolPaths.ts');
  say('building and packaging the extension (VSIX)');
  const vsix = packageExtension({ out: join(temp, 'okta-workflows-secret-rotation.vsix') });
  say('installing it into a throwaway code-server profile and starting code-server on 127.0.0.1');
  const logFile = join(temp, 'code-server.log');
  const server = await CodeServer.start({
    tools: loadToolPaths(),
    vsixFiles: [vsix],
    userDataDir: join(temp, 'user-data'),
    extensionsDir: join(temp, 'extensions'),
    folder,
    userSettings: DEMO_SETTINGS,
    logFile,
  });
  // encodeURI keeps the slashes: a URL people can read and edit.
  const url = `${server.url}/?folder=${encodeURI(folder)}`;
  console.log(
    [
      '',
      `  Open ${url} in your browser`,
      '',
      '  Then open the Okta Workflows view in the activity bar: the practice orgs (four simulated Preview and',
      '  Production pairs on 127.0.0.1) start with the extension. Press Ctrl-C here to stop everything.',
      '',
    ].join('\n'),
  );
  say(`ready in ${seconds()} (code-server log: ${logFile})`);
  serving = true;
  // Ctrl-C: CodeServer's own handler (registered first) kills the group and exits; this one is the fallback.
  const stop = async () => {
    say('stopping code-server and the practice orgs');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise(() => undefined);
}

try {
  if (!forceBrowser && onPath('code')) await desktop();
  else {
    if (!forceBrowser) say('`code` is not on PATH: using code-server in your browser instead');
    await browser();
  }
} catch (e) {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
