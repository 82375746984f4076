import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { waitFor } from '../../support/waitFor.ts';

// The CLI is spawned with the Node that runs the tests (Node 22, type stripping), not through `npx`: npx does
// not pass SIGTERM on to its child, so the signal test would kill npx and orphan the simulator.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = 'src/simulator/cli.ts';

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const rl = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the CLI exited (${code}) before printing a line`);
  });
  try {
    return await Promise.race([once(rl, 'line').then(([line]) => line as string), exited]);
  } finally {
    rl.close();
  }
}

async function output(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('simulator: CLI (npm run simulator)', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`--json prints exactly one JSON line with both orgs, serves them, and exits 0 on ${signal}`, async () => {
      const child = start(['--json', '--port', '0', '--rate-limit', '50', '--verbose']);
      children.push(child);
      let stdoutRest = '';
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const line = await firstLine(child);
      child.stdout!.on('data', (d) => (stdoutRest += d));
      const parsed = JSON.parse(line) as { orgs: Array<Record<string, string>> };
      assert.deepEqual(Object.keys(parsed), ['orgs']);
      assert.deepEqual(
        parsed.orgs.map((o) => [o.name, o.environment]),
        [
          ['acme-preview', 'preview'],
          ['acme', 'production'],
        ],
      );
      for (const org of parsed.orgs) {
        assert.deepEqual(Object.keys(org).sort(), [
          'apiToken',
          'appAdminToken',
          'baseUrl',
          'clientId',
          'customRoleToken',
          'environment',
          'name',
          'readOnlyToken',
          'serviceApp',
          'workflowsAppId',
        ]);
        const res = await fetch(`${org.baseUrl}/api/v1/apps/${org.workflowsAppId}/credentials/secrets`, {
          headers: { Authorization: `SSWS ${org.apiToken}` },
        });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('x-rate-limit-limit'), '50');
        const secrets = (await res.json()) as Array<{ status: string }>;
        assert.deepEqual(
          secrets.map((s) => s.status),
          ['ACTIVE'],
        );
      }
      child.kill(signal);
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
      assert.equal(stdoutRest, '', 'nothing but the one line on stdout');
      assert.match(stderr, /\[acme-preview\] GET \/api\/v1\/apps\/0oa\w+\/credentials\/secrets 200/);
      assert.ok(!stderr.includes(String(parsed.orgs[0]!.apiToken)), 'no token in the log');
    });
  }

  it('without --json prints a table for people, with the tokens to paste', async () => {
    const child = start(['--port', '0']);
    children.push(child);
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    await waitFor(() => /acme \(production\)[\s\S]*client id/.test(text), 'the CLI to print both orgs', {
      describe: async () => `printed so far: ${text}`,
    });
    assert.match(text, /acme-preview \(preview\)\n {2}base URL {10}http:\/\/127\.0\.0\.1:\d+/);
    assert.match(text, /API token {9}00[A-Za-z0-9]{40}/);
    child.kill('SIGTERM');
    const [code, sig] = await once(child, 'exit');
    assert.deepEqual([code, sig], [0, null]);
  });

  it('--help prints the usage and exits 0; a bad flag value exits 2 with a message', async () => {
    const help = await output(start(['--help']));
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--rate-limit <n>/);
    const bad = await output(start(['--json', '--latency', 'soon']));
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /--latency expects a whole number/);
    const unknown = await output(start(['--nope']));
    assert.equal(unknown.code, 2);
    assert.match(help.stdout, /--forgotten-flow <org>[\s\S]*--forgotten-flow-interval <ms>/);
    assert.match(help.stdout, /--list-plaintext <yes\|no\|masked>/);
    assert.match(help.stdout, /--logs-rate-limit <n>/);
    for (const [args, message] of [
      [['--forgotten-flow', 'nope'], /no org named 'nope' \(have: acme-preview, acme\)/],
      [['--forgotten-flow-interval', '50'], /needs --forgotten-flow/],
      [['--list-plaintext', 'maybe'], /--list-plaintext expects yes, no or masked/],
    ] as const) {
      const refused = await output(start(['--json', ...args]));
      assert.equal(refused.code, 2, args.join(' '));
      assert.match(refused.stderr, message);
    }
  });

  it('--forgotten-flow <org>: that org gets a flow refreshing from 127.0.0.42; --list-plaintext no, --logs-rate-limit', async () => {
    const child = start([
      '--json',
      '--forgotten-flow',
      'acme',
      '--forgotten-flow-interval',
      '50',
      '--list-plaintext',
      'no',
      '--logs-rate-limit',
      '7',
    ]);
    children.push(child);
    const parsed = JSON.parse(await firstLine(child)) as {
      orgs: Array<{
        baseUrl: string;
        apiToken: string;
        workflowsAppId: string;
        forgottenFlow?: { clientIp: string; intervalMs: number; secretId: string };
      }>;
    };
    const [preview, acme] = parsed.orgs;
    assert.equal(preview!.forgottenFlow, undefined);
    const flow = acme!.forgottenFlow!;
    assert.deepEqual([flow.clientIp, flow.intervalMs], ['127.0.0.42', 50]);
    const get = (path: string) =>
      fetch(`${acme!.baseUrl}${path}`, { headers: { Authorization: `SSWS ${acme!.apiToken}` } });
    const secrets = (await (await get(`/api/v1/apps/${acme!.workflowsAppId}/credentials/secrets`)).json()) as Array<{
      id: string;
      client_secret?: string;
    }>;
    assert.deepEqual(
      secrets.map((s) => [s.id, s.client_secret]),
      [[flow.secretId, undefined]],
    );
    const logs = await get('/api/v1/logs?filter=eventType%20eq%20%22app.oauth2.token.grant.refresh_token%22');
    assert.equal(logs.headers.get('x-rate-limit-limit'), '7');
    assert.ok(((await logs.json()) as unknown[]).length >= 1, 'the flow has refreshed');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
