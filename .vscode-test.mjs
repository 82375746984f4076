// For @vscode/test-cli users (`npx vscode-test`): the same extension-host suite as test/integration/runTest.mjs.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'test/integration/**/*.test.cjs',
  version: '1.101.0',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 60000 },
});
