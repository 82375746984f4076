// The simulator over TLS (npm run simulator -- --json --tls): real-looking org names on port 443 of random loopback
// addresses, certificates from a CA made for the run, and the certificate code kept out of the bundle the
// extension loads (dist/simulator.js).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { startSimulator } from '../../../src/simulator/index.ts';
import { createCertificateAuthority, leafFor } from '../../../src/simulator/tls/certificates.ts';
import { randomLoopbackAddress } from '../../../src/simulator/tls/tlsSimulator.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** GET path on `listen` (ip:443) for host name `host`, trusting `ca`: status and body. */
async function get(listen: string, host: string, ca: string, path: string, token: string) {
  const [ip, port] = listen.split(':');
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: ip, port: Number(port), servername: host, headers: { host, authorization: `SSWS ${token}` }, path, ca },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('simulator: TLS orgs (--tls)', function () {
  this.timeout(30_000);

  it('--json --tls: https://<name>.okta.com / .oktapreview.com, listen ip:443, tls.caCertPem; the rest as without --tls', async () => {
    const child = spawn(process.execPath, ['src/simulator/cli.ts', '--json', '--tls'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const rl = createInterface({ input: child.stdout });
      const [line] = (await Promise.race([
        once(rl, 'line'),
        once(child, 'exit').then(() => assert.fail(`the CLI exited: ${stderr}`)),
      ])) as [string];
      rl.close();
      const out = JSON.parse(line) as {
        orgs: Array<Record<string, unknown> & { baseUrl: string; listen: string; apiToken: string }>;
        tls: { caCertPem: string };
      };
      assert.deepEqual(Object.keys(out), ['orgs', 'tls']);
      assert.match(out.tls.caCertPem, /^-----BEGIN CERTIFICATE-----\r?\n/);
      assert.deepEqual(
        out.orgs.map((o) => o.baseUrl),
        ['https://acme-preview.oktapreview.com', 'https://acme.okta.com'],
      );
      for (const o of out.orgs) {
        assert.match(o.listen, /^127\.\d+\.\d+\.\d+:443$/);
        assert.deepEqual(Object.keys(o).sort(), [
          'apiToken',
          'appAdminToken',
          'baseUrl',
          'clientId',
          'customRoleToken',
          'environment',
          'listen',
          'name',
          'readOnlyToken',
          'serviceApp',
          'workflowsAppId',
        ]);
        const host = new URL(o.baseUrl).hostname;
        const res = await get(o.listen, host, out.tls.caCertPem, '/api/v1/apps?limit=1', o.apiToken);
        assert.equal(res.status, 200, res.body);
        // The links Okta sends name the org's public URL.
        assert.ok(res.body.includes(`${o.baseUrl}/api/v1/apps/`), res.body.slice(0, 300));
      }
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0, stderr);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('an address whose port 443 is taken: the org listens on another', async () => {
    const taken = randomLoopbackAddress();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(443, taken, resolve));
    const ca = createCertificateAuthority('test CA');
    const leaf = leafFor('valid', 'busy.okta.com', ca);
    const offered: string[] = [];
    try {
      const sim = await startSimulator({
        orgs: [{ name: 'busy', environment: 'production', serviceApp: false }],
        tls: () => ({
          hostName: 'busy.okta.com',
          key: leaf.keyPem,
          cert: leaf.certPem,
          port: 443,
          address: () => {
            const next = offered.length === 0 ? taken : randomLoopbackAddress();
            offered.push(next);
            return next;
          },
        }),
      });
      try {
        const info = sim.org('busy').info;
        assert.equal(info.baseUrl, 'https://busy.okta.com');
        assert.equal(offered[0], taken);
        assert.equal(info.listen, `${offered.at(-1)}:443`);
        assert.notEqual(info.listen, `${taken}:443`);
      } finally {
        await sim.close();
      }
    } finally {
      blocker.close();
    }
  });

  it('the certificate variants: valid for the name from the run CA, unknown CA, expired, another host name', () => {
    const ca = createCertificateAuthority('run CA');
    const caCert = new X509Certificate(ca.certPem);
    const cert = (variant: Parameters<typeof leafFor>[0]) =>
      new X509Certificate(leafFor(variant, 'acme.okta.com', ca).certPem);
    const valid = cert('valid');
    assert.ok(valid.checkIssued(caCert) && valid.verify(caCert.publicKey));
    assert.equal(valid.checkHost('acme.okta.com'), 'acme.okta.com');
    assert.ok(new Date(valid.validTo) > new Date());
    assert.equal(caCert.ca, true);
    assert.equal(valid.ca, false);

    const unknown = cert('unknownCa');
    assert.ok(!unknown.checkIssued(caCert));
    assert.equal(unknown.checkHost('acme.okta.com'), 'acme.okta.com');

    const expired = cert('expired');
    assert.ok(expired.checkIssued(caCert) && new Date(expired.validTo) < new Date());

    const wrongHost = cert('wrongHost');
    assert.ok(wrongHost.checkIssued(caCert));
    assert.equal(wrongHost.checkHost('acme.okta.com'), undefined);
  });

  it('dist/simulator.js (loaded by the extension) contains no certificate code', async () => {
    const result = await esbuild.build({
      entryPoints: [`${repoRoot}src/simulator/index.ts`],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((f) => f.endsWith('src/simulator/orgServer.ts')));
    assert.deepEqual(
      inputs.filter((f) => f.includes('simulator/tls/') || f.includes('node-forge')),
      [],
    );
  });
});
