// `npm run simulator -- [--json] [--tls] [--orgs <n>] [--port <n>] [--latency <ms>] [--rate-limit <per minute>]
//   [--logs-rate-limit <per minute>] [--list-plaintext yes|no|masked] [--forgotten-flow <org name>
//   [--forgotten-flow-interval <ms>]] [--verbose]`
// Starts the default orgs (a Preview org and a Production org, one ACTIVE secret each), or with --orgs a fleet of
// n orgs (seed.ts fleetSeeds: alternating preview and production, paired by name), and serves until
// SIGINT/SIGTERM. With --json, stdout gets exactly one JSON line: {"orgs":[{name, environment, baseUrl,
// apiToken, readOnlyToken, customRoleToken, appAdminToken, workflowsAppId, clientId, serviceApp: {clientId, keyId,
// privateKeyPem, scopes}}]}. Anything
// else (the --verbose request log) goes to stderr. With --tls, each org is https://<name>.okta.com (or
// .oktapreview.com) served on <random 127.x.y.z>:443, and gains "listen": "ip:port"; the line gains
// "tls": {"caCertPem": "…"}, the CA that issued the orgs' certificates. With --forgotten-flow, that org gains
// "forgottenFlow": {clientIp, userAgent, intervalMs, secretId}.
import { parseArgs } from 'node:util';
import { redact } from '../redact.ts';
import { startSimulator } from './index.ts';
import { DEFAULT_ORGS, fleetSeeds, withForgottenFlow, type OrgSeed } from './seed.ts';
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
  --logs-rate-limit <n>   requests per minute in each org's /api/v1/logs bucket (default 50)
  --list-plaintext <yes|no|masked>
                          how answers show secret values: in plaintext (default, as Okta does), not at all,
                          or masked; a create's answer always shows the new value
  --forgotten-flow <org>  the named org gets a forgotten flow: a Workflows connection still on the secret
                          ACTIVE at start, refreshing its token from 127.0.0.42 (user agent
                          okta-workflows-connector-simulated); once that secret is deactivated its
                          refreshes fail and the org's System Log records each failure
  --forgotten-flow-interval <ms>
                          time between the forgotten flow's refreshes (default 60000)
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
    if (o.forgottenFlow) {
      const f = o.forgottenFlow;
      lines.push(
        `  forgotten flow    refreshing every ${f.intervalMs} ms from ${f.clientIp} with secret ${f.secretId} (${f.userAgent})`,
      );
    }
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

/** The seeds with the options that change orgs: how values are shown, and the org with a forgotten flow. */
function seedsFrom(
  seeds: readonly OrgSeed[],
  args: { 'list-plaintext'?: string; 'forgotten-flow'?: string; 'forgotten-flow-interval'?: string },
): OrgSeed[] {
  const shown = args['list-plaintext'];
  const listPlaintext = { yes: true, no: false, masked: 'masked' as const, undefined: undefined }[`${shown}`];
  if (shown !== undefined && listPlaintext === undefined)
    throw new Error(`--list-plaintext expects yes, no or masked, got '${shown}'`);
  let out = seeds.map((s) => (listPlaintext === undefined ? s : { ...s, listPlaintext }));
  const flowOrg = args['forgotten-flow'];
  if (flowOrg === undefined) {
    if (args['forgotten-flow-interval'] !== undefined)
      throw new Error('--forgotten-flow-interval needs --forgotten-flow');
    return out;
  }
  const intervalMs = wholeNumber('--forgotten-flow-interval', args['forgotten-flow-interval'], 60_000, 86_400_000, 1);
  out = withForgottenFlow(out, flowOrg, { intervalMs });
  return out;
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
        'logs-rate-limit': { type: 'string' },
        'list-plaintext': { type: 'string' },
        'forgotten-flow': { type: 'string' },
        'forgotten-flow-interval': { type: 'string' },
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
    const logsRateLimitPerMinute = wholeNumber('--logs-rate-limit', args['logs-rate-limit'], 50);
    const fleet = args.orgs === undefined ? undefined : wholeNumber('--orgs', args.orgs, 0, 500, 1);
    const common = {
      orgs: seedsFrom(fleet === undefined ? DEFAULT_ORGS : fleetSeeds(fleet), args),
      latencyMs,
      rateLimitPerMinute,
      logsRateLimitPerMinute,
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
