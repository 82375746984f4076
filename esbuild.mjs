// Bundles the extension host code into CommonJS files: the packaged VSIX ships no node_modules.
//   dist/extension.js   what activation loads
//   dist/undici-pool.js undici's Pool and ProxyAgent with the proxy and certificate rules, loaded by the Okta
//                       transport on its first request (src/okta/network/dispatcher.ts)
//   dist/simulator.js   the practice orgs' Okta simulator, loaded by Start Practice Orgs (src/simulator/index.ts)
//   dist/webview/checklist.js  the checklist page (src/webview/checklist), a browser script the webview loads
//   dist/webview/campaign.js   the campaign page (src/webview/campaign), likewise
//   dist/okta-yaml.js   the YAML parser reading an okta.yaml, loaded by Import Orgs (src/fleet/import/oktaYamlFile.ts)
// The main bundle reaches undici-pool, simulator and okta-yaml only through `await import(...)`, which the plugin
// below turns into a require() of the sibling file, so activation parses none of them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageVersion } from './scripts/package-version-plugin.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Source files loaded lazily, and the dist file each becomes. */
const LAZY = [
  { source: 'src/okta/network/dispatcher.ts', outfile: 'dist/undici-pool.js' },
  { source: 'src/simulator/index.ts', outfile: 'dist/simulator.js' },
  { source: 'src/fleet/import/oktaYamlFile.ts', outfile: 'dist/okta-yaml.js' },
];

/** In the main bundle, an import of a LAZY source resolves to its dist file, left external (a require at run time). */
const lazyFiles = {
  name: 'lazy-files',
  setup(build) {
    const byPath = new Map(LAZY.map((l) => [resolve(l.source), `./${l.outfile.replace(/^dist\//, '')}`]));
    build.onResolve({ filter: /(?:network\/dispatcher|simulator\/index|import\/oktaYamlFile)\.ts$/ }, (args) => {
      const target = byPath.get(resolve(args.resolveDir, args.path));
      if (!target) return undefined;
      if (args.kind !== 'dynamic-import') {
        return {
          errors: [{ text: `${args.path} must be imported with await import() (it is a separate file: ${target})` }],
        };
      }
      return { path: target, external: true };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // VS Code 1.101 (engines.vscode) runs extensions on Node 22; code-server 1.139 on Node 24.
  target: 'node22',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'info',
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
  external: [],
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [lazyFiles, packageVersion],
    // import() of the sibling files becomes require() in a promise: one module system (CommonJS) for all three,
    // and no detour through Node's ESM loader inside the extension host.
    supported: { 'dynamic-import': false },
  },
  ...LAZY.map((l) => ({ ...common, entryPoints: [l.source], outfile: l.outfile })),
  // The pages: each a script for its webview (a browser), one IIFE loaded by nonce; they import only types from
  // the extension's side, so nothing of Node, zod or the engine lands in them.
  { ...webviewPage, entryPoints: ['src/webview/checklist/main.ts'], outfile: 'dist/webview/checklist.js' },
  { ...webviewPage, entryPoints: ['src/webview/campaign/main.ts'], outfile: 'dist/webview/campaign.js' },
];

// The webview pages load codicons from media/ (their CSP allows nothing else); the VSIX has no node_modules,
// so the font and its stylesheet are copied next to the pages on every build (git-ignored: the package is the source).
mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf'])
  copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);

// A file left by an earlier build (a licence notice that no longer applies, a source map) would be shipped or
// mislead: each build's own outputs are removed first.
for (const { outfile } of builds)
  for (const suffix of ['', '.map', '.LEGAL.txt']) rmSync(`${outfile}${suffix}`, { force: true });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (production) {
    for (const result of results) {
      for (const [file, output] of Object.entries(result.metafile.outputs)) {
        if (file.endsWith('.js')) console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KiB`);
      }
    }
  }
}
