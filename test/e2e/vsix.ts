// Builds the production bundle and packages the extension as a .vsix, the way it ships, for code-server to install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, projectRoot } from './toolPaths.ts';

/** A VSIX bigger than this means the ignore rules let build caches or node_modules in (code-server alone is 600 MB). */
const MAX_VSIX_BYTES = 20 * 1024 * 1024;

export interface PackageOptions {
  /** The extension folder (default: the project). */
  extensionDir?: string;
  out?: string;
  /** Run `npm run build` first (default true for the project). */
  build?: boolean;
}

export function packageExtension(opts: PackageOptions = {}): string {
  const dir = opts.extensionDir ?? projectRoot;
  const out = opts.out ?? join(cacheDir, 'ext.vsix');
  mkdirSync(join(out, '..'), { recursive: true });
  if (opts.build ?? dir === projectRoot) run('npm', ['run', '--silent', 'build'], dir, 'npm run build');
  const vsce = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  // As `npm run package` packs it: --no-dependencies, the bundle carries its dependencies; --allow-missing-repository
  // and --no-rewrite-relative-links, a project with no public repository URL whose README has inline screenshots
  // (CONTRIBUTING.md, "Packaging").
  const args = [
    vsce,
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--skip-license',
    '-o',
    out,
  ];
  // Without a .vscodeignore vsce would pack everything, .cache/ (code-server, 600 MB) included.
  if (!existsSync(join(dir, '.vscodeignore')))
    throw new Error(`e2e: ${dir} has no .vscodeignore; vsce would pack the whole folder.`);
  run(process.execPath, args, dir, 'vsce package');
  const bytes = statSync(out).size;
  if (bytes > MAX_VSIX_BYTES) {
    throw new Error(
      `e2e: ${out} is ${(bytes / 1024 / 1024).toFixed(1)} MB: .vscodeignore lets too much in (check \`npx vsce ls\`).`,
    );
  }
  return out;
}

function run(command: string, args: string[], cwd: string, what: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000, input: '' });
  if (r.status !== 0) {
    throw new Error(
      `e2e: ${what} failed in ${cwd} (exit ${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}`,
    );
  }
}
