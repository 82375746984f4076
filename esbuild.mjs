// Bundles the extension host code into one CommonJS file: the packaged VSIX ships no node_modules.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/vscode/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // VS Code 1.101 (engines.vscode) runs extensions on Node 22; code-server 1.139 on Node 24.
  target: 'node22',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile: true,
  logLevel: 'info',
  legalComments: production ? 'external' : 'inline',
};

// The checklist webview loads codicons from media/ (its CSP allows nothing else); the VSIX has no node_modules,
// so the font and its stylesheet are copied next to the page on every build (git-ignored: the package is the source).
mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  const result = await esbuild.build(options);
  if (production) {
    const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
    console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KiB`);
  }
}
