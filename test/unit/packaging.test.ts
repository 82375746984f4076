// What the VSIX ships, as `vsce ls` reports it: exactly the bundles the build lists (dist/bundles.json: the one
// activation loads and the parts loaded later), undici's licence notice, the media the manifest and the checklist and
// campaign pages load, the walkthrough pages, the manifest and the three documents. A file that slips in (a
// screenshot, a source map, a part no longer built, node_modules, the 600 MB code-server cache) or one that goes
// missing fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionBuild, type BuiltFile } from '../support/productionBuild.ts';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Besides the bundles: undici's licence notice (the only package with one), the media, the documents. */
const SHIPPED_BESIDES_BUNDLES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'package.json',
  'dist/undici-pool.js.LEGAL.txt',
  'media/campaign.css',
  'media/checklist.css',
  'media/icon.png',
  'media/icon.svg',
  'media/codicons/codicon.css',
  'media/codicons/codicon.ttf',
  'media/walkthrough/add-org.md',
  'media/walkthrough/least-privilege-token.md',
  'media/walkthrough/rehearse.md',
  'media/walkthrough/rotate-production.md',
];

/** Mocha's limit for the steps that spawn a build or vsce: above run()'s own 120 s kill, so a hung child fails with its
 * output rather than a bare timeout; far above the ~10 s `vsce ls` takes alone (20 s was hit on a loaded machine). */
const SPAWNING_STEP_MS = 180_000;

function run(args: string[], what: string): string {
  // process.execPath: the Node 22 this suite runs on (vsce 4 needs it), never an npx shim.
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

describe('packaging: what the VSIX ships', () => {
  let bundles: BuiltFile[] = [];
  before(async function () {
    this.timeout(SPAWNING_STEP_MS);
    // The bundles, their LEGAL file and the codicons are build outputs (git-ignored): built as `npm run package` does.
    bundles = await productionBuild();
  });

  it('the build lists the file activation loads and each part loaded later, each with its size', () => {
    const files = bundles.map((b) => b.file);
    assert.deepEqual(
      bundles.filter((b) => b.loadedBy === 'activation').map((b) => b.file),
      ['dist/extension.js'],
    );
    for (const f of ['dist/undici-pool.js', 'dist/simulator.js', 'dist/okta-yaml.js', 'dist/okta-client.js'])
      assert.ok(files.includes(f), `${f} is built`);
    for (const b of bundles) assert.ok(b.bytes > 0 && b.loadedBy.length > 0, `${b.file} has a size and a reason`);
  });

  it('vsce ls lists exactly the bundles, media without screenshots, the walkthrough, the manifest and the documents', function () {
    this.timeout(SPAWNING_STEP_MS);
    const listed = run([join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], 'vsce ls')
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(listed, [...SHIPPED_BESIDES_BUNDLES, ...bundles.map((b) => b.file)].sort());
  });

  it('every walkthrough step has its page among them, a command link, and completes on a declared command', () => {
    const declared = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    const [walkthrough] = pkg.contributes.walkthroughs as Array<{
      steps: Array<{ id: string; description: string; media: { markdown: string }; completionEvents: string[] }>;
    }>;
    assert.ok(walkthrough);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['addOrg', 'setToken', 'rehearse', 'rotateProduction'],
    );
    for (const step of walkthrough.steps) {
      assert.ok(SHIPPED_BESIDES_BUNDLES.includes(step.media.markdown), `${step.id}: ${step.media.markdown} ships`);
      assert.ok(existsSync(join(root, step.media.markdown)), `${step.id}: ${step.media.markdown} exists`);
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1] as string);
      assert.ok(links.length > 0, `${step.id} has a command link button`);
      for (const id of links) assert.ok(declared.has(id), `${step.id} links to undeclared ${id}`);
      for (const ev of step.completionEvents) {
        const id = /^onCommand:(.+)$/.exec(ev)?.[1];
        assert.ok(id && declared.has(id), `${step.id}: completion event ${ev} names a declared command`);
      }
    }
  });

  it('npm run package packs without node_modules and without asking about the repository', () => {
    assert.match(
      pkg.scripts.package,
      /vsce package --no-dependencies --allow-missing-repository --no-rewrite-relative-links/,
    );
    assert.equal(
      pkg.repository,
      undefined,
      'with a repository field, drop --allow-missing-repository and --no-rewrite-relative-links (CONTRIBUTING.md, "Packaging")',
    );
  });
});
