// A second VS Code window, as a process of its own: an engine resumed from the journal files in `dir` with its own
// window id and its own Okta client, which performs one action when told "go" on stdin and prints the outcome as
// one JSON line. Run by the concurrency tests with `node test/support/windowProcess.ts '<config JSON>'`.
import { createInterface } from 'node:readline';
import { ApiTokenAuth, OktaClient } from '../../src/okta/client.ts';
import { RotationEngine } from '../../src/rotation/engine.ts';
import { FileJournalStore } from '../../src/rotation/fileJournalStore.ts';
import { MemoryPendingSecretStore } from '../../src/rotation/stores.ts';

interface Config {
  dir: string;
  baseUrl: string;
  token: string;
  rotationId: string;
  windowId: string;
  action: unknown;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const client = new OktaClient({ baseUrl: config.baseUrl, auth: new ApiTokenAuth(config.token) });
const journals = new FileJournalStore(config.dir);
const engine = await RotationEngine.resume(config.rotationId, {
  okta: client,
  journals,
  previewHistory: () => journals.list(),
  deactivationWatchMinutes: 0,
  secrets: new MemoryPendingSecretStore(),
  windowId: config.windowId,
});
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'go') continue;
  const outcome = await engine.perform(config.action);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  break;
}
lines.close();
await client.close();
