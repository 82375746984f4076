// The leak audit: rotations driven through every error path of the fault suites (lost answers, 5xx, stalls, a
// 429 storm, a revoked token and a new one, malformed answers, a wrong pasted value, a verification that cannot
// tell, rollback, abandon), while everything that could carry text out is collected: the log lines the VS Code
// layer writes for each API call (logFormat.ts), every error as message, String(), stack, describeError and
// util.inspect, the journal as stored (memory, files, globalState), every snapshot and ActionOutcome, the
// checklist page's HTML, every message the checklist panel posts to the page (the views built from the
// snapshots, busy and not, and the replies to outcomes, exactly as rotationChecklistPanel.ts builds them), the rotation history as stored and its three
// exports, and what the due-date reminders show (status bar, notifications, the tree's days left). No secret value
// the org ever held and no API token may appear in any of it, whole or as any 8-character piece.
// On the proxied path (https://acme-preview.oktapreview.com through squid) every client also goes through the
// proxy's authenticating port with credentials, in http.proxy's URL, as http.proxyAuthorization, or both, the
// network log is searched too, and the proxy's failures are provoked (wrong credentials, none, an unreachable
// proxy): no piece of the proxy's user, password or Proxy-Authorization value may appear either. The gauntlet runs
// there once, with the journal store the extension uses (globalState): the stores do not depend on the path.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { ActionOutcome } from '../../../src/rotation/engine.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import type { RotationAction } from '../../../src/rotation/model/actions.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import type { RotationJournalStore } from '../../../src/rotation/stores.ts';
import { webviewHtml, newNonce } from '../../../src/vscode/platform/webviewHtml.ts';
import type { HostMessage } from '../../../src/vscode/rotations/checklistProtocol.ts';
import { actionInWords } from '../../../src/presentation/actions.ts';
import { checklistView } from '../../../src/presentation/checklist/view.ts';
import { describeError, formatApiCall } from '../../../src/vscode/platform/logFormat.ts';
import { redact } from '../../../src/redact.ts';
import { startWorldOn } from '../rotation/world.ts';
import type { World } from '../rotation/world.ts';
import { describeOnPaths, proxiedPath, type OrgPath } from '../../support/proxiedPath.ts';
import type { Squid } from '../../support/squid.ts';
import type { OktaClientOptions } from '../../../src/okta/client.ts';
import { closedPort } from '../okta/fixture.ts';
import { pickAction } from '../rotation/world.ts';
import type { PersonChoices } from '../rotation/world.ts';
import { describeLeaks, findLeaks } from './findLeaks.ts';
import { actorFor } from '../../../src/history/actor.ts';
import { toCsv } from '../../../src/history/csv.ts';
import { toJson } from '../../../src/history/json.ts';
import { toMarkdown } from '../../../src/history/markdown.ts';
import { HistoryRecorder } from '../../../src/history/recording.ts';
import { followHistory } from '../../support/historyFollow.ts';
import { FileHistoryStore } from '../../../src/history/store.ts';
import { describeDueSecret, dueSecrets, statusBarText } from '../../../src/fleet/reminders/dueSecrets.ts';
import { knownOrgOf } from '../../../src/fleet/knownOrgs.ts';
import { presentSecret, toSecretView } from '../../../src/fleet/tree/presentation.ts';

/** What the checklist panel posts for one performed action (mirrors RotationChecklistPanel.perform/receive). */
function panelMessages(
  seq: number,
  action: RotationAction,
  before: RotationSnapshot,
  outcome: ActionOutcome,
): HostMessage[] {
  const label = actionInWords(action, before.journal);
  const performing = { label, cancellable: true, offered: before.nextActions };
  const view = checklistView(before, { orgLabel: 'Acme', now: new Date(), performing });
  const out: HostMessage[] = [{ type: 'view', view }];
  if (outcome.ok) out.push({ type: 'reply', seq, ok: true, message: `${label}: done.` });
  else if (outcome.cancelled) out.push({ type: 'reply', seq, ok: false, message: 'Cancelled.' });
  else {
    const e = outcome.error;
    const text = redact(
      e.message + (e.errorId && !e.message.includes(e.errorId) ? ` Okta error ID: ${e.errorId}.` : ''),
    );
    out.push({ type: 'reply', seq, ok: false, message: text });
  }
  return out;
}

/** The proxy credentials of the proxied path, each way a person gives them, and every form that must not leak. */
interface ProxyCredentials {
  /** Network options with the credentials given one way (0: in http.proxy, 1: http.proxyAuthorization, 2: both). */
  network(form: 0 | 1 | 2, log: string[]): OktaClientOptions['network'];
  /** Other settings naming this proxy, logging to `log`. */
  networkWith(settings: { proxy: string }, log: string[]): OktaClientOptions['network'];
  /** User, password, the Proxy-Authorization value (a URL with them also holds the proxy's address, no secret). */
  secrets: string[];
  squid: Squid;
}

async function proxyCredentials(path: OrgPath): Promise<ProxyCredentials | undefined> {
  if (path === 'loopback') return undefined;
  const p = await proxiedPath();
  const { squid } = p;
  const authorization = `Basic ${Buffer.from(`${squid.user}:${squid.password}`).toString('base64')}`;
  const logTo = (lines: string[]) => ({
    info: (m: string) => void lines.push(m),
    warn: (m: string) => void lines.push(m),
  });
  return {
    squid,
    networkWith: (settings, lines) => p.network(settings, logTo(lines)),
    secrets: [squid.user, squid.password, authorization],
    network: (form, lines) =>
      p.network(
        [
          { proxy: squid.authUrlWithCredentials },
          { proxy: squid.authUrl, proxyAuthorization: authorization },
          // Both: http.proxyAuthorization wins.
          { proxy: squid.authUrlWithCredentials, proxyAuthorization: authorization },
        ][form],
        logTo(lines),
      ),
  };
}

class Audit {
  readonly texts = new Map<string, string>();
  readonly secrets = new Set<string>();
  readonly messages: HostMessage[] = [];
  readonly world: World;
  readonly orgLabel: string;
  #n = 0;
  constructor(world: World, orgLabel: string) {
    this.world = world;
    this.orgLabel = orgLabel;
    this.harvestSecrets();
    this.secrets.add(world.org.info.apiToken);
    this.secrets.add(world.org.info.readOnlyToken);
  }
  add(where: string, text: string): void {
    this.texts.set(`${where} #${++this.#n}`, text);
  }
  harvestSecrets(): void {
    for (const s of this.world.org.secrets()) this.secrets.add(s.clientSecret);
  }
  error(where: string, e: unknown): void {
    const err = e as Error;
    this.add(`${where}: message`, String(err?.message));
    this.add(`${where}: String()`, String(e));
    this.add(`${where}: stack`, String(err?.stack));
    this.add(`${where}: describeError`, describeError(e));
    this.add(`${where}: inspect`, inspect(e, { depth: 6 }));
  }
  snapshot(s: RotationSnapshot): void {
    this.add('snapshot', JSON.stringify(s));
    const m: HostMessage = { type: 'view', view: checklistView(s, { orgLabel: this.orgLabel, now: new Date() }) };
    this.messages.push(m);
    this.harvestSecrets();
  }
  /** Performs an action as the panel would, recording the outcome and the messages posted. */
  async perform(engine: RotationEngine, action: RotationAction): Promise<ActionOutcome> {
    const before = engine.snapshot();
    const outcome = await engine.perform(action);
    this.add('outcome', JSON.stringify(outcome));
    if (!outcome.ok) this.add('outcome message', outcome.error.message);
    this.messages.push(...panelMessages(this.messages.length, action, before, outcome));
    // The page's copy buttons: the reply names the masked value only.
    const after = engine.snapshot();
    if (after.manual.newSecretMasked)
      this.messages.push({
        type: 'reply',
        seq: -1,
        ok: true,
        message: `Copied the new secret ${after.manual.newSecretMasked} to the clipboard. Paste it in the Workflows console, then clear your clipboard.`,
      });
    this.harvestSecrets();
    return outcome;
  }
  /** Drives like a careful person through failures (bounded), as the panel would post them. */
  async drive(engine: RotationEngine, choices: PersonChoices = {}, maxFailures = 6): Promise<RotationSnapshot> {
    let failures = 0;
    for (let i = 0; i < 80; i++) {
      const s = engine.snapshot();
      if (s.outcome !== 'inProgress' || choices.stopWhen?.(s)) return s;
      const action = pickAction(s.nextActions, choices);
      if (!action) return s;
      const out = await this.perform(engine, action);
      if (!out.ok && ++failures > maxFailures) return engine.snapshot();
    }
    throw new Error('drive: too many actions');
  }
}

describeOnPaths('leak audit: every error path, every place text goes', function (path) {
  const startWorld = startWorldOn(path);
  this.timeout(60_000);
  let dir: string | undefined;
  const worlds: World[] = [];
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('no token and no secret value, whole or any 8-character piece, anywhere', async () => {
    dir = await mkdtemp(join(tmpdir(), 'leak-audit-'));
    const memory = new MemoryJournalStore();
    // The files are the store VS Code uses (the extension's global storage, shared by every window).
    const files: [string, RotationJournalStore] = ['files', new FileJournalStore(join(dir, 'files'))];
    const stores: Array<[string, RotationJournalStore]> = path === 'loopback' ? [['memory', memory], files] : [files];
    const audits: Audit[] = [];
    const recorders: HistoryRecorder[] = [];

    const proxy = await proxyCredentials(path);
    // One world per journal store; each runs the same gauntlet of error paths.
    const history = new FileHistoryStore(join(dir, 'history'), {
      maxRecords: () => 1000,
      onProblem: (m) => audits[0]?.add('history problem', m),
    });
    for (const [storeName, store] of stores) {
      const networkLog: string[] = [];
      /** A client's network options on the proxied path: the proxy credentials given one way or another. */
      const proxied = (form: 0 | 1 | 2) => (proxy ? { network: proxy.network(form, networkLog) } : {});
      const { network } = proxied(0);
      const w = await startWorld(
        { secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] },
        { client: { timeoutMs: 400, ...(network ? { network } : {}) } },
      );
      worlds.push(w);
      const audit = new Audit(w, `Acme preview (${storeName})`);
      audits.push(audit);
      for (const secret of proxy?.secrets ?? []) audit.secrets.add(secret);
      // The history is recorded as in VS Code: after every change of the engine, off its path.
      const actor = actorFor(w.client, new Date().toISOString());
      const acting = async () => ({ orgLabel: audit.orgLabel, practice: false, actor: await actor });
      const recorder = new HistoryRecorder(history, (m, e) => audit.error(m, e));
      recorders.push(recorder);
      const [first] = w.org.secrets();
      const engine = await w.start({ journals: store });
      followHistory(engine, recorder, acting);
      engine.onDidChange((s) => audit.snapshot(s));
      audit.add(
        'page html',
        webviewHtml(
          {
            cspSource: 'vscode-webview:',
            script: 'vscode-webview://x/checklist.js',
            style: 'vscode-webview://x/checklist.css',
            codicons: 'vscode-webview://x/codicon.css',
          },
          newNonce(),
          { title: `Rotate: ${audit.orgLabel}`, label: 'Rotation checklist' },
        ),
      );

      // Preflight with a malformed list (wrong types: the body carries the values), then a wrong paste.
      w.org.faults.malformedNext({ method: 'GET', path: /\/credentials\/secrets$/, kind: 'wrongTypes', count: 3 });
      await audit.perform(engine, { type: 'run', step: 'preflight' });
      await audit.perform(engine, { type: 'run', step: 'preflight' });
      await audit.perform(engine, { type: 'identifyInUse', value: `${first?.clientSecret ?? ''}x` });
      await audit.perform(engine, { type: 'identifyInUse', value: 'not-the-secret-at-all-123' });
      // Retire with its deactivate's answer lost and its delete failing with a 500.
      w.org.faults.dropResponseAfterCommit({ method: 'POST', path: /deactivate$/ });
      w.org.faults.failNext(1, { method: 'DELETE' });
      await audit.drive(engine, { paste: first?.clientSecret, stopWhen: (s) => s.currentStep === 'createSecret' });
      // Create: stalled past the timeout, then an invalid JSON answer (reconciled from the list).
      w.org.faults.stallNext({ method: 'POST', path: /\/credentials\/secrets$/ });
      await audit.perform(engine, { type: 'run', step: 'createSecret' });
      w.org.faults.malformedNext({ method: 'POST', path: /\/credentials\/secrets$/, kind: 'invalidJson' });
      await audit.drive(engine, { stopWhen: (s) => s.currentStep === 'verifyNewSecret' });
      // Verify: the token endpoint cannot tell; deactivation refused by the guard.
      w.org.faults.failNext(2, { path: /^\/oauth2\/v1\/token$/, status: 503 });
      await audit.perform(engine, { type: 'run', step: 'verifyNewSecret' });
      await audit.perform(engine, { type: 'run', step: 'deactivateOld' });
      // A 429 storm, then the token revoked; a new token and a new engine resume it.
      w.org.setRateLimit(2);
      await audit.drive(engine, { stopWhen: (s) => s.currentStep === 'deactivateOld' });
      w.org.setRateLimit(100);
      w.org.revokeToken(w.org.info.apiToken);
      await audit.perform(engine, { type: 'run', step: 'deactivateOld' });
      const token = w.org.issueApiToken();
      audit.secrets.add(token);
      const resumed = await RotationEngine.resume(
        engine.rotationId,
        w.deps({ journals: store, okta: w.newClient({ token, ...proxied(1) }) }),
      );
      followHistory(resumed, recorder, acting);
      resumed.onDidChange((s) => audit.snapshot(s));
      // Deactivate with its answer lost, then roll back with a 500 first, then start again and abandon, then a
      // full rotation with the delete's answer lost.
      w.org.faults.dropResponseAfterCommit({ method: 'POST', path: /deactivate$/ });
      await audit.drive(resumed, { stopWhen: (s) => s.currentStep === 'deleteOld' });
      w.org.faults.failNext(1, { method: 'POST', path: /activate$/ });
      await audit.perform(resumed, { type: 'rollback' });
      await audit.perform(resumed, { type: 'rollback' });
      assert.equal(resumed.snapshot().outcome, 'rolledBack', storeName);

      const client2 = w.newClient({ token, ...proxied(2) });
      const app = await client2.findWorkflowsApp({ appId: w.org.info.workflowsAppId });
      const again = await RotationEngine.start(
        { org: { host: client2.org, baseUrl: w.org.info.baseUrl }, environment: 'preview', app },
        w.deps({ journals: store, okta: client2 }),
      );
      followHistory(again, recorder, acting);
      again.onDidChange((s) => audit.snapshot(s));
      await audit.drive(again, {
        paste: w.org.secrets().at(-1)?.clientSecret,
        stopWhen: (s) => s.currentStep === 'newConnection',
      });
      await audit.perform(again, { type: 'abandon' });
      assert.equal(again.snapshot().outcome, 'abandoned', storeName);

      const third = await RotationEngine.start(
        { org: { host: client2.org, baseUrl: w.org.info.baseUrl }, environment: 'preview', app },
        w.deps({ journals: store, okta: client2 }),
      );
      followHistory(third, recorder, acting);
      third.onDidChange((s) => audit.snapshot(s));
      w.org.faults.dropResponseAfterCommit({ method: 'DELETE' });
      const paste = w.org.secrets().find((s) => s.status === 'ACTIVE')?.clientSecret;
      const end = await audit.drive(third, { paste });
      assert.equal(end.outcome, 'completed', `${storeName}: ${JSON.stringify(end.steps.filter((s) => s.error))}`);

      // Errors straight from the client: wrong token, unknown app, hostile id, the read-only token writing.
      const probes: Array<[string, () => Promise<unknown>]> = [
        ['revoked token', () => w.newClient().listSecrets(app.id)],
        ['read-only token writes', () => w.newClient({ token: w.org.info.readOnlyToken }).createSecret(app.id)],
        ['unknown app', () => client2.listSecrets('0oa00000000000000000')],
        ['bad id', () => client2.deleteSecret(app.id, `../${w.org.secrets()[0]?.clientSecret ?? ''}`)],
      ];
      if (proxy) {
        // The proxy's own failures, with credentials in the settings: refused ones, and a proxy that is not there.
        const wrong = `${proxy.squid.password.slice(0, 6)}Wr0ngPassw0rd`;
        audit.secrets.add(wrong);
        const wrongUrl = proxy.squid.authUrlWithCredentials.replace(proxy.squid.password, wrong);
        const unreachable = `http://${proxy.squid.user}:${proxy.squid.password}@127.0.0.1:${await closedPort()}`;
        for (const [what, settings] of [
          ['wrong proxy password', { proxy: wrongUrl }],
          ['no proxy credentials', { proxy: proxy.squid.authUrl }],
          ['unreachable proxy with credentials', { proxy: unreachable }],
        ] as const) {
          const client = w.newClient({ token, network: proxy.networkWith(settings, networkLog) });
          probes.push([what, () => client.listSecrets(app.id)]);
        }
      }
      for (const [what, call] of probes) {
        await call().then(
          () => assert.fail(`${what} should fail`),
          (e: unknown) => audit.error(`${storeName}: ${what}`, e),
        );
      }
      // What the reminders show for the org's secrets as listed: the status bar, its notifications, the tree.
      const secrets = await client2.listSecrets(app.id);
      const listed = secrets.map(toSecretView);
      const known = new Map([[client2.org, knownOrgOf(app, secrets, new Date())]]);
      const due = dueSecrets(known, { maxAgeDays: 1, reminderDays: 365, now: new Date() });
      assert.ok(due.length > 0, 'the reminders have something to say');
      audit.add('status bar', statusBarText(due));
      for (const d of due) audit.add('reminder', describeDueSecret(d, audit.orgLabel, 1));
      for (const v of listed) audit.add('tree row', JSON.stringify(presentSecret(v, listed, {}, 1, new Date())));
      for (const c of w.apiCalls) audit.add('log line', formatApiCall(client2.org, c));
      audit.add('network log', networkLog.join('\n'));
      if (proxy) {
        const said = [...audit.texts.values()].join('\n');
        for (const words of [
          'refused the proxy credentials (407',
          'asks for credentials (407',
          'refused the connection',
        ])
          assert.ok(said.includes(words), `${storeName}: the proxy's failure "${words}" was provoked and audited`);
      }
      if (proxy)
        assert.ok(
          networkLog.some((l) => l.includes('with credentials')),
          networkLog.join('\n'),
        );
      // Closed now: on the proxied path one live org per host name.
      worlds.splice(worlds.indexOf(w), 1);
      await w.close();
      assert.ok(w.apiCalls.length > 50, `${storeName}: many calls were logged (${w.apiCalls.length})`);
      assert.ok(
        [...audit.texts.keys()].some((k) => k.startsWith('outcome message')),
        'error outcomes were collected',
      );
    }

    // The stores as stored.
    const global = audits[0] as Audit;
    global.add('journal (memory, raw)', memory.rawText());
    if (stores.some(([name]) => name === 'files'))
      for (const name of await readdir(join(dir, 'files', 'journals')))
        global.add(`journal file ${name}`, await readFile(join(dir, 'files', 'journals', name), 'utf8'));
    for (const name of await readdir(join(dir, 'files', 'locks')).catch(() => [] as string[]))
      global.add(`lock file ${name}`, await readFile(join(dir, 'locks', name), 'utf8'));
    for (const recorder of recorders) await recorder.idle();
    for (const name of await readdir(join(dir, 'history')))
      global.add(`history file ${name}`, await readFile(join(dir, 'history', name), 'utf8'));
    const records = await history.list();
    assert.equal(records.length, 3 * stores.length, 'three rotations recorded per store');
    const exported = {
      exportedAt: new Date().toISOString(),
      exportedBy: 'auditor',
      selection: { org: 'all' as const },
      rotations: records.map((record) => ({ record, okta: { status: 'notQueried' as const, detail: 'not asked' } })),
    };
    global.add('export csv', toCsv(exported));
    global.add('export json', toJson(exported));
    global.add('export markdown', toMarkdown(exported));

    const texts = new Map<string, string>();
    const secrets = new Set<string>();
    for (const a of audits) {
      a.add('host messages', a.messages.map((m) => JSON.stringify(m)).join('\n'));
      for (const [k, v] of a.texts) texts.set(`${a.orgLabel}: ${k}`, v);
      for (const s of a.secrets) secrets.add(s);
    }
    const list = [...secrets];
    assert.ok(
      list.length >= stores.length * 6,
      `the audit knows every secret the orgs held and every token (${list.length})`,
    );
    assert.ok(
      list.every((s) => s.length >= 14),
      'every secret is long enough to search by 8-character pieces',
    );
    assert.ok(texts.size > (500 / 3) * stores.length, `many texts searched (${texts.size})`);
    const leaks = findLeaks(texts, list);
    assert.deepEqual(leaks.length, 0, `leaks found:\n${describeLeaks(leaks, texts)}`);
  });

  it('findLeaks reports where, and finds a piece as short as eight characters anywhere in a text', () => {
    const secret = 'abcdefghijklmnopqrstuvwxyz0123';
    const leaks = findLeaks(
      [
        ['clean', 'nothing to see'],
        ['middle', `xx ${secret.slice(10, 18)} yy`],
        ['whole', `token=${secret}`],
        ['seven only', secret.slice(3, 10)],
      ],
      ['unrelated-secret-value', secret],
    );
    assert.deepEqual(
      leaks.map((l) => [l.where, l.secret]),
      [
        ['middle', 1],
        ['whole', 1],
      ],
    );
    assert.equal(leaks[0]?.at, 3);
  });
});
