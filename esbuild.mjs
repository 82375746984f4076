// Bundles the extension host code into CommonJS files: the packaged VSIX ships no node_modules.
//   dist/extension.js   what activation loads, one file
//   dist/<out>.js       each part loaded on first use (LAZY below), reached by `await import(...)` in the source
//   dist/webview/checklist.js  the checklist page (src/webview/checklist), a browser script the webview loads
//   dist/webview/campaign.js   the campaign page (src/webview/campaign), likewise
// Every module is in exactly one file (scripts/bundle-parts.mjs): a module's state (the redaction registry, a class
// an instanceof checks) is one across all of them, a part taking what an earlier file holds from that file.
// The build writes dist/bundles.json (not shipped): each file, its size, and whether activation loads it or what
// loads it later; the bench and the packaging test read it, and a production build prints it.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { packageVersion } from './scripts/package-version-plugin.mjs';
import { buildParts } from './scripts/bundle-parts.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The parts activation does not load, in the order they are usually first needed: a module two parts use belongs to
 * the earlier one, which the later one loads. Each source is reached only by `await import()`.
 */
const LAZY = [
  {
    in: 'src/vscode/rotations/journalParts.ts',
    out: 'journals',
    when: 'the journals read for the tree, after activation',
  },
  { in: 'src/vscode/connection/newOktaClient.ts', out: 'okta-client', when: "an org's first client (the Okta client)" },
  { in: 'src/okta/network/dispatcher.ts', out: 'undici-pool', when: 'the first request to an org (undici)' },
  {
    in: 'src/vscode/reminders/reminderParts.ts',
    out: 'reminders',
    when: "the reminders' first update, after activation",
  },
  { in: 'src/vscode/commands/handlers.ts', out: 'commands', when: 'the first command run' },
  { in: 'src/vscode/rotations/engineParts.ts', out: 'rotations', when: 'the first rotation started, resumed or read' },
  { in: 'src/vscode/history/historyParts.ts', out: 'history', when: "a rotation's first record, or the history read" },
  {
    in: 'src/vscode/campaign/campaignParts.ts',
    out: 'campaign',
    when: 'Rotate Due Secrets, or a campaign view restored',
  },
  { in: 'src/vscode/commands/importOrgs.ts', out: 'import-orgs', when: 'Import Orgs' },
  { in: 'src/fleet/import/oktaYamlFile.ts', out: 'okta-yaml', when: 'Import Orgs, from an okta.yaml' },
  { in: 'src/vscode/commands/exportRotationHistory.ts', out: 'history-export', when: 'Export Rotation History' },
  { in: 'src/simulator/index.ts', out: 'simulator', when: 'Start Practice Orgs' },
];

const ENTRY = { in: 'src/vscode/extension.ts', out: 'extension' };

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  // VS Code 1.101 (engines.vscode) runs extensions on Node 22; code-server 1.139 on Node 24.
  target: 'node22',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: production ? 'external' : 'inline',
  plugins: [packageVersion],
};

/** @type {import('esbuild').BuildOptions} */
const webviewPage = {
  ...common,
  format: 'iife',
  platform: 'browser',
  // VS Code 1.101's webviews run in Electron 35's Chromium (134); code-server's in the person's browser.
  target: 'chrome120',
  sourcemap: !production,
  legalComments: 'none',
};

// The pages: each a script for its webview (a browser), one IIFE loaded by nonce; they import only types from the
// extension's side, so nothing of Node, zod or the engine lands in them.
const pages = [
  { ...webviewPage, entryPoints: ['src/webview/checklist/main.ts'], outfile: 'dist/webview/checklist.js' },
  { ...webviewPage, entryPoints: ['src/webview/campaign/main.ts'], outfile: 'dist/webview/campaign.js' },
];

async function build() {
  const [files] = await Promise.all([
    buildParts(common, ENTRY, LAZY),
    ...pages.map((options) => esbuild.build(options)),
  ]);
  const manifest = [
    ...files.map(({ part, file, bytes }) => ({
      file,
      bytes,
      loadedBy: part === ENTRY ? 'activation' : LAZY.find((l) => l === part).when,
      source: part.in,
    })),
    ...pages.map(({ outfile }) => ({ file: outfile, bytes: statSync(outfile).size, loadedBy: 'its page' })),
  ];
  writeFileSync('dist/bundles.json', `${JSON.stringify({ production, files: manifest }, null, 2)}\n`);
  return manifest;
}

// The webview pages load codicons from media/ (their CSP allows nothing else); the VSIX has no node_modules,
// so the font and its stylesheet are copied next to the pages on every build (git-ignored: the package is the source).
mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf'])
  copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);

// A file left by an earlier build (a part since renamed, a licence notice that no longer applies, a source map)
// would be shipped or mislead: every script and what goes with it is removed first (the VSIX stays).
mkdirSync('dist', { recursive: true });
for (const dir of ['dist', 'dist/webview'])
  for (const name of existsSync(dir) ? readdirSync(dir) : [])
    if (/\.js(?:\.map|\.LEGAL\.txt)?$|^bundles\.json$/.test(name)) rmSync(`${dir}/${name}`);

if (watch) {
  // Any change of a source rebuilds every file: which file owns a module can change with any import.
  const rebuild = {
    name: 'rebuild-parts',
    setup(b) {
      b.onEnd(async (result) => {
        if (result.errors.length > 0) return;
        await build().then(
          () => console.log(`[watch] built ${new Date().toLocaleTimeString()}`),
          (e) => console.error(`[watch] ${e instanceof Error ? e.message : String(e)}`),
        );
      });
    },
  };
  const sources = {
    ...common,
    entryPoints: [ENTRY.in],
    write: false,
    outdir: 'dist',
    plugins: [packageVersion, rebuild],
  };
  await (await esbuild.context({ ...sources, format: 'esm', splitting: false })).watch();
} else {
  const files = await build();
  if (production) {
    const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
    for (const { file, bytes } of files) console.log(`${file}: ${kib(bytes)}`);
    console.log(
      `loaded by activation: ${files
        .filter((f) => f.loadedBy === 'activation')
        .map((f) => f.file)
        .join(', ')}`,
    );
  }
}
