// The production build (node esbuild.mjs --production), run once per test process for the suites that check what
// it writes (packaging, the built files sharing one module state): dist/ and dist/bundles.json as `npm run package`
// makes them.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const root = join(import.meta.dirname, '..', '..');

export interface BuiltFile {
  file: string;
  bytes: number;
  /** 'activation', or what loads the file later. */
  loadedBy: string;
  source?: string;
}

let built: Promise<BuiltFile[]> | undefined;

/** Builds once (process.execPath: the Node 22 the suite runs on); resolves to dist/bundles.json's files. */
export function productionBuild(): Promise<BuiltFile[]> {
  built ??= (async () => {
    await promisify(execFile)(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, timeout: 120_000 });
    const manifest = JSON.parse(await readFile(join(root, 'dist', 'bundles.json'), 'utf8')) as { files: BuiltFile[] };
    return manifest.files;
  })();
  return built;
}
