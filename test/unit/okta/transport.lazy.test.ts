// The transport loads undici's Pool on its first request, not when the client is built: the extension activates
// without parsing undici (esbuild.mjs emits it as dist/undici-pool.js). What that changes for callers: a client
// closed before any request closes nothing and refuses later requests,.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isOktaError } from '../../../src/okta/errors.ts';
import { rejection, withClientWorld } from './fixture.ts';

const root = join(import.meta.dirname, '..', '..', '..');

describe('transport: undici loaded on the first request', () => {
  const world = withClientWorld({ orgs: [{ name: 'lazy', environment: 'preview', serviceApp: false }] }, 'all');

  it('building clients loads no undici module; the first request does (fresh process)', () => {
    // A child process with its own simulator: this process has loaded undici already through other tests.
    const child = `
      import { createRequire } from 'node:module';
      import { startSimulator } from './src/simulator/index.ts';
      import { OktaClient, ApiTokenAuth } from './src/okta/client.ts';
      const undiciFiles = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/undici/')).length;
      const sim = await startSimulator({ orgs: [{ name: 'c', environment: 'preview', serviceApp: false }] });
      const client = new OktaClient({ baseUrl: sim.orgs[0].baseUrl, auth: new ApiTokenAuth(sim.orgs[0].apiToken) });
      const before = undiciFiles();
      await client.findWorkflowsApp();
      const afterwards = undiciFiles();
      await client.close();
      await sim.close();
      console.log(JSON.stringify({ before, afterwards }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child], { cwd: root, encoding: 'utf8' });
    const { before, afterwards } = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      before: number;
      afterwards: number;
    };
    assert.equal(before, 0, 'undici was loaded before any request');
    assert.ok(afterwards > 0, 'the first request loads undici');
  });

  it('a client closed before any request closes at once and refuses later requests without sending them', async () => {
    const { org, clientOf } = world();
    org.clearRequests();
    const client = clientOf();
    await client.close();
    const e = await rejection(client.listSecrets(org.info.workflowsAppId));
    assert.ok(isOktaError(e, 'network'), String(e));
    assert.match(e.message, /closed/);
    assert.ok(e.message.includes(client.org), e.message);
    assert.deepEqual(org.requests, [], 'nothing reached the org');
  });
});
