// `npm run simulator -- --json --orgs N`: a fleet for the bench, the demo and the tests. N orgs alternating preview
// and production, paired by name, each with its own tokens, app and one ACTIVE secret of a varied age.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fleetSeeds } from '../../../src/simulator/seed.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('simulator: a fleet of orgs (--orgs N)', () => {
  it('fleetSeeds: alternating environments, paired names, ages from 20 to 189 days (some due, some not)', () => {
    const now = new Date('2026-11-26T00:00:00.000Z');
    const seeds = fleetSeeds(200, now);
    assert.equal(seeds.length, 200);
    assert.equal(new Set(seeds.map((s) => s.name)).size, 200);
    assert.deepEqual(
      seeds.slice(0, 4).map((s) => [s.name, s.environment]),
      [
        ['fleet-001-preview', 'preview'],
        ['fleet-001', 'production'],
        ['fleet-002-preview', 'preview'],
        ['fleet-002', 'production'],
      ],
    );
    const ages = seeds.map((s) => (now.getTime() - Date.parse(s.secrets?.[0]?.created ?? '')) / 86_400_000);
    assert.ok(ages.every((d) => d >= 20 && d < 190));
    assert.ok(ages.some((d) => d > 90) && ages.some((d) => d <= 90), 'some due, some not');
  });

  it('the CLI prints N orgs on one JSON line; each answers with its own token and lists its one secret', async () => {
    const child = spawn(process.execPath, ['src/simulator/cli.ts', '--json', '--orgs', '6'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const rl = createInterface({ input: child.stdout });
      const [line] = (await once(rl, 'line')) as [string];
      rl.close();
      const { orgs } = JSON.parse(line) as {
        orgs: Array<{ name: string; environment: string; baseUrl: string; apiToken: string; workflowsAppId: string }>;
      };
      assert.deepEqual(
        orgs.map((o) => o.name),
        ['fleet-001-preview', 'fleet-001', 'fleet-002-preview', 'fleet-002', 'fleet-003-preview', 'fleet-003'],
      );
      assert.equal(new Set(orgs.map((o) => o.apiToken)).size, 6, 'each org has its own token');
      const created = new Set<string>();
      for (const o of orgs) {
        const res = await fetch(`${o.baseUrl}/api/v1/apps/${o.workflowsAppId}/credentials/secrets`, {
          headers: { Authorization: `SSWS ${o.apiToken}`, Accept: 'application/json' },
        });
        assert.equal(res.status, 200, o.name);
        const secrets = (await res.json()) as Array<{ status: string; created: string }>;
        assert.deepEqual(
          secrets.map((s) => s.status),
          ['ACTIVE'],
        );
        created.add(secrets[0]!.created.slice(0, 10));
        // Another org's token is refused: the tokens are per org.
        const other = orgs.find((x) => x !== o)!;
        const refused = await fetch(`${o.baseUrl}/api/v1/apps`, {
          headers: { Authorization: `SSWS ${other.apiToken}` },
        });
        assert.equal(refused.status, 401);
      }
      assert.equal(created.size, 6, 'six different ages');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('refuses --orgs 0 and --orgs 501 with the usage', async () => {
    for (const n of ['0', '501']) {
      const child = spawn(process.execPath, ['src/simulator/cli.ts', '--orgs', n], { cwd: repoRoot });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const [code] = (await once(child, 'exit')) as [number];
      assert.equal(code, 2);
      assert.match(stderr, /--orgs expects a whole number from 1 to 500/);
    }
  });
});
