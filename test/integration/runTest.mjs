// Downloads VS Code (the minimum the manifest admits) and runs test/integration in its extension host.
// Machines without that download run test/e2e (code-server) instead. Usage: npx node test/integration/runTest.mjs
import { runTests } from '@vscode/test-electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = process.env.VSCODE_VERSION ?? String(pkg.engines.vscode).replace(/^[\^~>=]+/, '');

await runTests({
  version,
  ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
  extensionDevelopmentPath: root,
  extensionTestsPath: join(import.meta.dirname, 'index.cjs'),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
