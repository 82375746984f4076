// The built files behave as one program: a part loaded after activation (dist/campaign.js, dist/okta-client.js…)
// uses the modules dist/extension.js holds, never copies of its own, so there is one redaction registry. A secret
// registered on one side is masked by code on the other; redact's code is in one file only. Tested on the
// production build, in a child process that loads it as VS Code does, with the vscode stand-in of the bench.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { productionBuild, root, type BuiltFile } from '../support/productionBuild.ts';

/** Loads dist/ with the stand-in, activates, then drives code of two parts; prints what each side showed. */
const CHILD = String.raw`
const { installStandIn } = require('./test/support/vscodeStandIn.cjs');
const { context } = installStandIn();
const main = require('./dist/extension.js');
main.activate(context);
// Values no shape rule catches (spaces, punctuation): only the registry can mask them.
const inMain = 'registered in main: correct horse ~ battery staple 1';
const inPart = 'Tr0ub4dor&3~registered.by.a.part!';
const { CampaignPanel } = require('./dist/campaign.js');
// The instance the extension's log redacts with, handed over to the parts that import it.
const mainRegistry = main.__modules['src/redact.ts'];
if (!mainRegistry) {
  process.stdout.write(JSON.stringify({ handedOver: false }) + '\n');
  process.exit(0);
}
mainRegistry.registerSecret(inMain);
// The campaign view (dist/campaign.js) answers a row action it cannot do with the error, redacted by its own code.
let listener;
const posted = [];
const panel = {
  webview: {
    asWebviewUri: (u) => u,
    cspSource: 'csp',
    onDidReceiveMessage: (l) => ((listener = l), { dispose() {} }),
    postMessage: async (m) => (posted.push(m), true),
  },
  onDidDispose: () => ({ dispose() {} }),
  reveal() {},
  dispose() {},
};
const campaign = {
  onDidChange: () => () => undefined,
  journal: () => ({ campaignId: 'c0000000-0000-4000-8000-000000000000', soakHours: 24 }),
  rows: () => [],
  history: () => [],
  finished: false,
};
const log = { warn() {}, info() {}, error() {}, show() {}, background: (_c, p) => Promise.resolve(p).catch(() => {}) };
new CampaignPanel(panel, { campaign }, context.extensionUri, log);
// An API token set through the Okta client (dist/okta-client.js) is registered there; the log's redact must know it.
const { newOktaClient } = require('./dist/okta-client.js');
newOktaClient(
  { address: { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com' } },
  { type: 'apiToken', token: inPart },
  { timeoutMs: 1000, maxRateLimitWaitMs: 0 },
  { onApiCall() {}, onWait() {} },
);
(async () => {
  listener({ type: 'ready' });
  for (const [seq, org] of [[1, inMain], [2, 'an-org-nobody-registered']])
    listener({ type: 'request', seq, request: { kind: 'row', org, action: { kind: 'setCredential' } } });
  await new Promise((r) => setTimeout(r, 200));
  const replies = posted.filter((m) => m.type === 'reply').sort((a, b) => a.seq - b.seq).map((m) => m.message);
  const logged = mainRegistry.redact('the log line quotes ' + inPart);
  process.stdout.write(JSON.stringify({ handedOver: true, replies, logged, inMain, inPart }) + '\n');
  process.exit(0);
})();
`;

describe('the built files: one program, one redaction registry', () => {
  let bundles: BuiltFile[] = [];
  before(async function () {
    this.timeout(180_000);
    bundles = await productionBuild();
  });

  it("a secret registered in dist/extension.js is masked by a part's code; one registered by a part, by the log's", async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], { cwd: root, timeout: 60_000 });
    const { handedOver, replies, logged, inMain, inPart } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      handedOver: boolean;
      replies: string[];
      inMain: string;
      inPart: string;
      logged: string;
    };
    assert.ok(handedOver, 'dist/extension.js hands its redaction module to the parts (main.__modules)');
    assert.equal(replies.length, 2, JSON.stringify(replies));
    assert.ok(!replies[0]!.includes(inMain), `the campaign's reply shows the secret: ${replies[0]}`);
    assert.match(replies[0]!, /\[REDACTED\]: that action is not possible now/);
    // What nobody registered stays: the mask above came from the registry, not from a shape.
    assert.match(replies[1]!, /^an-org-nobody-registered: that action is not possible now/);
    assert.equal(logged, 'the log line quotes [REDACTED]');
    assert.ok(!logged.includes(inPart));
  });

  it("redact's code, and so its registry, is in one file: dist/extension.js", async () => {
    const holding: string[] = [];
    for (const b of bundles)
      if ((await readFile(join(root, b.file), 'utf8')).includes('REDACTED PRIVATE KEY')) holding.push(b.file);
    assert.deepEqual(holding, ['dist/extension.js']);
  });
});
