// Version 0.1 beside today's build: its sources from git history in a temporary worktree, built with its own
// esbuild.mjs (and today's node_modules), its activation measured with today's bench/activation.cjs and stand-in:
// the same machine, the same run, the same method. The worktree is removed afterwards.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The last commit of version 0.1.0 (2026-11-26, before 0.2 began): its dist/extension.js was 162 KiB. */
export const VERSION_ONE = '5e541eb';

export interface VersionOne {
  /** dist/extension.js, in bytes */
  bytes: number;
  /** load + activate(), each run */
  ms: number[];
}

/** Builds 0.1 and measures its activation `runs` times, interleaved with `between` (today's run); undefined without git history. */
export async function measureVersionOne(
  root: string,
  runs: number,
  between: () => Promise<void>,
  log: (s: string) => void,
): Promise<VersionOne | undefined> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git('cat-file', '-e', `${VERSION_ONE}^{commit}`);
  } catch {
    log(`version 0.1 (${VERSION_ONE}) is not in this clone's history: not measured`);
    return undefined;
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'okta-workflows-0.1-')), 'v0.1');
  git('worktree', 'add', '--detach', dir, VERSION_ONE);
  try {
    symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir, stdio: 'ignore' });
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(root, 'bench', 'activation.cjs'), join(dir, 'dist')],
        { cwd: root },
      );
      ms.push((JSON.parse(stdout) as { ms: number }).ms);
      await between();
    }
    return { bytes: statSync(join(dir, 'dist', 'extension.js')).size, ms };
  } finally {
    git('worktree', 'remove', '--force', dir);
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}
