// Where scripts/e2e-setup.sh put Node 24, code-server and Chromium. The script is the single source of these paths.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ToolPaths {
  /** Node 24 binary (code-server 4.139 requires it). */
  node: string;
  codeServerEntry: string;
  /** An explicit config file, so code-server never writes one into ~/.config. */
  codeServerConfig: string;
  chromium: string;
  codeServerVersion: string;
  nodeVersion: string;
}

export const projectRoot = join(import.meta.dirname, '..', '..');
export const cacheDir = join(projectRoot, '.cache', 'e2e');
export const outputDir = join(projectRoot, 'test-output', 'e2e');

export function loadToolPaths(): ToolPaths {
  const file = join(cacheDir, 'paths.json');
  if (!existsSync(file)) {
    throw new Error(
      `e2e: ${file} is missing. Run \`npm run e2e:setup\` (installs Node 24, code-server and Chromium) first.`,
    );
  }
  const paths = JSON.parse(readFileSync(file, 'utf8')) as ToolPaths;
  for (const key of ['node', 'codeServerEntry', 'codeServerConfig', 'chromium'] as const) {
    if (!existsSync(paths[key])) {
      throw new Error(`e2e: ${key} ${paths[key]} (from ${file}) is missing. Run \`npm run e2e:setup\` again.`);
    }
  }
  return paths;
}
