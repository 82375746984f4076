// `npm run simulator -- [--json] [--tls] [--orgs <n>] [--port <n>] [--latency <ms>] [--rate-limit <per minute>] [--verbose]`
// Starts the default orgs (a Preview org and a Production org, one ACTIVE secret each), or with --orgs a fleet of
// n orgs (seed.ts fleetSeeds: alternating preview and production, paired by name), and serves until
// SIGINT/SIGTERM. With --json, stdout gets exactly one JSON line: {"orgs":[{name, environment, baseUrl,
// apiToken, readOnlyToken, customRoleToken, appAdminToken, workflowsAppId, clientId, serviceApp: {clientId, keyId,
// privateKeyPem, scopes}}]}. Anything
// else (the --verbose request log) goes to stderr. With --tls, each org is https://<name>.okta.com (or
// .oktapreview.com) served on <random 127.x.y.z>:443, and gains "listen": "ip:port"; the line gains
// "tls": {"caCertPem": "…"}, the CA that issued the orgs' certificates.
import { parseArgs } from 'node:util';
import { redact } from '../redact.ts';
import { startSimulator } from './index.ts';
import { fleetSeeds } from './seed.ts';
import type { RequestLogEntry, SimulatedOrgInfo, Simulator } from './index.ts';

const USAGE = `Usage: npm run simulator -- [options]

Runs a simulated Okta Preview org and Production org on 127.0.0.1 until Ctrl+C.

Options:
  --json                  print one JSON line {"orgs":[…]} on stdout (for scripts and tests)
  --tls                   serve https://<name>.okta.com / .oktapreview.com on port 443 of random 127.x.y.z
                          addresses (needs root), with certificates from a CA made for the run; reach them
                          through a proxy that maps each name to its "listen" address
  --orgs <n>              a fleet of n orgs instead (1 to 500): alternating preview and production, paired
                          by name (fleet-001-preview, fleet-001, …), each with its own tokens, app and one
                          ACTIVE secret of a varied age (20 to 189 days)
  --port <n>              port of the first org, the next org gets n+1 (default 0: free ports)
  --latency <ms>          delay added to every response (default 0)
  --rate-limit <n>        requests per minute in each org's /api/v1/apps bucket (default 100)
  --verbose               log each request to stderr (credentials redacted)
  --help                  show this help
`;

function wholeNumber(
  flag: string,
  value: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
  min = 0,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max || n < min)
    throw new Error(`${flag} expects a whole number from ${min} to ${max}, got '${value}'`);
  return n;
}

function table(orgs: readonly SimulatedOrgInfo[]): string {
  const lines = ['Okta org simulator: serving until Ctrl+C', ''];
  for (const o of orgs) {
    lines.push(`${o.name} (${o.environment})`);
    lines.push(`  base URL          ${o.baseUrl}`);
    if (o.listen) lines.push(`  listening on      ${o.listen}`);
    lines.push(`  API token         ${o.apiToken}`);
    lines.push(`  read-only token   ${o.readOnlyToken}`);
    lines.push(`  custom-role token ${o.customRoleToken}  (Workflows Secret Rotator)`);
    lines.push(`  app-admin token   ${o.appAdminToken}`);
    lines.push(`  Workflows app id  ${o.workflowsAppId || '(none)'}`);
    lines.push(`  client id         ${o.clientId || '(none)'}`);
    if (o.serviceApp) {
      lines.push(
        `  service app       ${o.serviceApp.clientId} (key id ${o.serviceApp.keyId}; ${o.serviceApp.scopes.join(' ')}; DPoP)`,
      );
      lines.push('                    its private key: run with --json');
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        tls: { type: 'boolean', default: false },
        orgs: { type: 'string' },
        port: { type: 'string' },
        latency: { type: 'string' },
        'rate-limit': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
    if (args.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const port = wholeNumber('--port', args.port, 0, 65535);
    const latencyMs = wholeNumber('--latency', args.latency, 0);
    const rateLimitPerMinute = wholeNumber('--rate-limit', args['rate-limit'], 100);
    const fleet = args.orgs === undefined ? undefined : wholeNumber('--orgs', args.orgs, 0, 500, 1);
    const common = {
      ...(fleet === undefined ? {} : { orgs: fleetSeeds(fleet) }),
      latencyMs,
      rateLimitPerMinute,
      onRequest: args.verbose
        ? (e: RequestLogEntry) =>
            process.stderr.write(redact(`[${e.org}] ${e.method} ${e.url} ${e.status} ${e.ms}ms`) + '\n')
        : undefined,
    };
    if (args.tls && args.port !== undefined) throw new Error('--port does not apply with --tls (the orgs use 443)');
    let sim: Simulator;
    let caCertPem: string | undefined;
    if (args.tls) {
      // Loaded only here: the certificate code is no part of the simulator the extension bundles.
      const { startTlsSimulator } = await import('./tls/tlsSimulator.ts');
      const tlsSim = await startTlsSimulator(common);
      sim = tlsSim;
      caCertPem = tlsSim.caCertPem;
    } else {
      sim = await startSimulator({ port, ...common });
    }
    // Listen for the signals before printing: whoever reads the line may signal at once.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const orgs = sim.orgs;
    const tls = caCertPem === undefined ? {} : { tls: { caCertPem } };
    const human =
      table(orgs) + (caCertPem === undefined ? '' : `\nThe orgs' CA (trust it to reach them):\n${caCertPem}`);
    process.stdout.write(args.json ? JSON.stringify({ orgs, ...tls }) + '\n' : human + '\n');
    await stopped;
    await sim.close();
    return 0;
  } catch (err) {
    process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
}

process.exitCode = await main();
