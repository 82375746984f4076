// One cold run of the client-cost benchmark, in its own process: import the client, then `calls` list-secrets
// calls one after another. Prints {ms, maxRssKiB} as one JSON line. argv: ours|sdk baseUrl token appId calls
// Plain JavaScript on purpose: a .ts entry would load Node's type stripper and add its memory to both sides.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const [which, baseUrl, token, appId, callsText] = process.argv.slice(2);
const calls = Number(callsText);
const require = createRequire(import.meta.url);
const started = performance.now();
let listed = 0;
if (which === 'ours') {
  // The shipped form: the Okta layer bundled and minified as esbuild does for the extension (bench/run.ts builds it).
  const okta = require(process.env.OKTA_BUNDLE ?? '');
  const client = okta.oktaClientWithApiToken(baseUrl, token);
  for (let i = 0; i < calls; i++) listed += (await client.listSecrets(appId)).length;
  await client.close();
} else {
  const okta = require('@okta/okta-sdk-nodejs');
  // cacheMiddleware: null, or the SDK answers repeated GETs from its in-memory cache without asking the org.
  const client = new okta.Client({ orgUrl: baseUrl, token, cacheMiddleware: null });
  for (let i = 0; i < calls; i++) {
    // The SDK returns a lazy Collection: iterating it is what sends the request.
    for await (const _ of await client.applicationSSOPublicKeysApi.listOAuth2ClientSecrets({ appId })) listed++;
  }
}
const ms = performance.now() - started;
if (listed !== calls) throw new Error(`expected ${calls} secrets listed, got ${listed}`);
process.stdout.write(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS }) + '\n');
