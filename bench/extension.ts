// The extension rows of `npm run bench`: the sizes of the files the production build writes (dist/bundles.json, as
// the build measured them), and loading dist/extension.js plus activate() in fresh processes against the vscode
// stand-in, side by side with version 0.1 built from git history and run the same way, runs interleaved.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { FleetRow as Row } from './fleet.ts';
import { measureVersionOne, VERSION_ONE } from './versionOne.ts';

interface Helpers {
  runs: number;
  median(xs: number[]): number;
  ms(x: number): string;
  ratio(a: number, b: number): string;
  log(s: string): void;
  root: string;
}

interface Activation {
  ms: number;
  loadedByActivation: string[];
  lazyMs: Record<string, number>;
}

interface BuiltFile {
  file: string;
  bytes: number;
  loadedBy: string;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export async function extensionRows(h: Helpers, rows: Row[]): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: h.root, stdio: ['ignore', 'ignore', 'inherit'] });
  const { files } = JSON.parse(readFileSync(`${h.root}dist/bundles.json`, 'utf8')) as { files: BuiltFile[] };
  const main = files.find((f) => f.loadedBy === 'activation')!;
  const parts = files.filter((f) => f !== main && f.loadedBy !== 'its page');
  const ours: Activation[] = [];
  const once = async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [`${h.root}bench/activation.cjs`], { cwd: h.root });
    ours.push(JSON.parse(stdout) as Activation);
  };
  h.log(`building version 0.1 (${VERSION_ONE}) in a temporary worktree`);
  const v01 = await measureVersionOne(h.root, h.runs, once, h.log);
  while (ours.length < h.runs) await once();
  const t = h.median(ours.map((r) => r.ms));
  const early = [...new Set(ours.flatMap((r) => r.loadedByActivation))];
  rows.push({
    area: 'Extension',
    measure: 'what activation loads: dist/extension.js (minified), as the build measured it',
    ours: kib(main.bytes),
    other: v01 ? `${kib(v01.bytes)} (0.1)` : '',
    ratio: v01 ? h.ratio(main.bytes, v01.bytes) : '',
    goal: '< 400 KB',
  });
  rows.push({
    area: 'Extension',
    measure: 'load dist/extension.js + activate() (vscode stand-in), fresh process',
    ours: h.ms(t),
    other:
      (v01 ? `${h.ms(h.median(v01.ms))} (0.1, built and run the same way, runs interleaved)` : '') +
      (early.length ? `; activation loaded ${early.join(', ')}!` : ''),
    ratio: v01 ? h.ratio(t, h.median(v01.ms)) : '',
    goal: '≤ 30 ms',
  });
  rows.push({
    area: 'Extension',
    measure: 'loaded on first use, each part (dist/, minified) and what first needs it',
    ours: parts.map((p) => `${p.file.replace(/^dist\//, '')} ${kib(p.bytes)}`).join(', '),
    other: parts.map((p) => `${p.file.replace(/^dist\//, '')}: ${p.loadedBy}`).join('; '),
    ratio: '',
    goal: '',
  });
  rows.push({
    area: 'Extension',
    measure: 'later, loading each part once, in that order (a part loads what it shares with an earlier one first)',
    ours: parts
      .map((p) => p.file.replace(/^dist\//, ''))
      .map((f) => `${f} ${h.ms(h.median(ours.map((r) => r.lazyMs[f] ?? NaN)))}`)
      .join(', '),
    other: `total of every file ${kib(files.reduce((n, f) => n + f.bytes, 0))}`,
    ratio: '',
    goal: '',
  });
  h.log('extension done');
}
