// The client names itself to Okta with the version package.json holds (Okta's System Log shows it as the user agent
// of each change), so a release never sends the number of an older one: read from package.json when Node runs the
// sources, written in by esbuild when the extension is bundled.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { packageVersion } from '../../../scripts/package-version-plugin.mjs';
import { withClientWorld } from './fixture.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const expected = `okta-workflows-secret-rotation/${version} (+vscode-extension)`;

describe('Okta client: its User-Agent', () => {
  const world = withClientWorld();

  it("names the extension with package.json's version in the System Log event of a change it made", async () => {
    const { client, org, appId } = world();
    await client.createSecret(appId);
    const [event] = org.systemLog() as Array<{ client: { userAgent: { rawUserAgent: string } } }>;
    assert.ok(event, 'the create was logged');
    assert.equal(event.client.userAgent.rawUserAgent, expected);
  });

  it('bundled as esbuild.mjs bundles the extension, it still says that version, with no package.json beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owsr-user-agent-'));
    try {
      const outfile = join(dir, 'requestLoop.cjs');
      await esbuild.build({
        entryPoints: [join(root, 'src/okta/http/requestLoop.ts')],
        bundle: true,
        format: 'cjs',
        platform: 'node',
        outfile,
        plugins: [packageVersion],
        logLevel: 'silent',
      });
      assert.doesNotMatch(readFileSync(outfile, 'utf8'), /package\.json/);
      const bundled = createRequire(import.meta.url)(outfile) as { USER_AGENT: string };
      assert.equal(bundled.USER_AGENT, expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
