// Okta's own record beside the history, against the simulator over real HTTP: a recorded rotation's System Log
// events (the app as target, within the rotation's window, every page), who acted by users/me, the missing right
// to read the log as a 'not permitted' section that stops the org's queries, a failure the same way, Okta's 90 days,
// and events kept in the history once the window has closed.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorFor } from '../../../src/history/actor.ts';
import { oktaLogForOrg, type OktaLogReader } from '../../../src/history/oktaLog.ts';
import type { HistoryRecord, OktaLogCapture } from '../../../src/history/record.ts';
import { HistoryRecorder } from '../../../src/history/recording.ts';
import { followHistory } from '../../support/historyFollow.ts';
import { FileHistoryStore } from '../../../src/history/store.ts';
import { parseOrgInput } from '../../../src/okta/orgInput.ts';
import { AUDITING_SERVICE_APP, startSimulator } from '../../../src/simulator/index.ts';
import { OktaClients } from '../../../src/vscode/connection/oktaClients.ts';
import type { Log } from '../../../src/vscode/platform/log.ts';
import { drive, startWorld, type World } from '../rotation/world.ts';

const HOUR = 3_600_000;

describe("rotation history: Okta's System Log beside it", () => {
  let world: World | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'history-log-'));
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** A completed rotation recorded as VS Code records it, who acted asked of Okta through the world's client. */
  async function recordedRotation(w: World): Promise<HistoryRecord> {
    const history = new FileHistoryStore(dir, { maxRecords: () => 100, onProblem: (m) => assert.fail(m) });
    const actor = actorFor(w.client, new Date(w.simClock.ms).toISOString(), 'jdoe');
    const recorder = new HistoryRecorder(history, (m) => assert.fail(m));
    const engine = await w.start();
    followHistory(engine, recorder, async () => ({ orgLabel: 'Acme', practice: false, actor: await actor }));
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
    await recorder.idle();
    const [record] = await history.list();
    assert.ok(record);
    return record;
  }

  const logRequests = (w: World) => w.served.filter((e) => e.url.startsWith('/api/v1/logs')).length;

  it("lists every event with the app as target in the rotation's window, across pages, each naming the admin from users/me", async () => {
    const w = await startWorld();
    world = w;
    const record = await recordedRotation(w);
    const me = record.actors[0];
    assert.equal(me?.credential, 'apiToken');
    assert.ok(me?.oktaLogin && me.oktaUserId, 'the admin behind the token, from users/me');

    // Two events a page: the export still gets every event of the window.
    const smallPages: OktaLogReader = {
      listSystemLogEvents: (query, signal) => w.client.listSystemLogEvents({ ...query, limit: 2 }, signal),
    };
    const before = logRequests(w);
    const now = new Date(Date.parse(record.endedAt ?? '') + 5 * 60_000);
    const sections = await oktaLogForOrg([record], smallPages, { now });
    const section = sections.get(record.rotationId);
    assert.equal(section?.status, 'listed');
    const events = section.status === 'listed' ? section.capture.events : [];
    const types = events.map((e) => e.eventType);
    assert.deepEqual(types, [
      'app.oauth2.credentials.lifecycle.create',
      'app.oauth2.credentials.lifecycle.deactivate',
      'app.oauth2.credentials.lifecycle.delete',
    ]);
    assert.ok(logRequests(w) - before >= 2, 'more than one page was read');
    for (const e of events) {
      assert.equal(e.actor?.alternateId, me.oktaLogin);
      assert.ok(e.targets.some((t) => t.id === record.app.id));
    }
    assert.equal(events[0]?.targets.find((t) => t.type === 'OAuth2ClientSecret')?.id, record.newSecret?.id);
    assert.equal(events[2]?.targets.find((t) => t.type === 'OAuth2ClientSecret')?.id, record.oldSecrets[0]?.id);
    if (section.status === 'listed') {
      assert.equal(section.capture.filter, `target.id eq "${record.app.id}"`);
      assert.equal(section.fromHistory, false);
    }
  });

  it('without the right to read the System Log: "not permitted", said for each record, after one refused query', async () => {
    const w = await startWorld();
    world = w;
    const record = await recordedRotation(w);
    const second = { ...record, rotationId: 'second-rotation' };
    const customRole = w.newClient({ token: w.org.info.customRoleToken });
    const before = logRequests(w);
    const now = new Date(Date.parse(record.endedAt ?? '') + 5 * 60_000);
    const sections = await oktaLogForOrg([record, second], customRole, { now });
    for (const id of [record.rotationId, second.rotationId]) {
      const s = sections.get(id);
      assert.equal(s?.status, 'notPermitted', id);
      assert.match(s?.status === 'notPermitted' ? s.detail : '', /okta\.logs\.read/);
    }
    assert.equal(logRequests(w) - before, 1, 'one refused query, not one per record');
  });

  it('a failed read is said, and stops the org’s queries too; a revoked token reads nothing more', async () => {
    const w = await startWorld();
    world = w;
    const record = await recordedRotation(w);
    const revoked = w.newClient();
    w.org.revokeToken(w.org.info.apiToken);
    const now = new Date(Date.parse(record.endedAt ?? '') + 5 * 60_000);
    const sections = await oktaLogForOrg([record, { ...record, rotationId: 'second' }], revoked, { now });
    assert.equal(sections.get(record.rotationId)?.status, 'failed');
    assert.deepEqual(sections.get('second'), sections.get(record.rotationId));
  });

  it('events are kept in the history once the window has closed for an hour; a kept capture is used without asking', async () => {
    const w = await startWorld();
    world = w;
    const record = await recordedRotation(w);
    const kept: OktaLogCapture[] = [];
    const end = Date.parse(record.endedAt ?? '');
    await oktaLogForOrg([record], w.client, {
      now: new Date(end + 5 * 60_000),
      keep: async (_r, c) => void kept.push(c),
    });
    assert.equal(kept.length, 0, 'not while Okta may still add events');
    await oktaLogForOrg([record], w.client, {
      now: new Date(end + 2 * HOUR),
      keep: async (_r, c) => void kept.push(c),
    });
    assert.equal(kept.length, 1);
    assert.equal(kept[0]?.events.length, 3);

    const before = logRequests(w);
    const later = await oktaLogForOrg([{ ...record, oktaLog: kept[0] }], w.client, {
      now: new Date(end + 200 * 24 * HOUR),
    });
    const section = later.get(record.rotationId);
    assert.equal(section?.status === 'listed' && section.fromHistory, true);
    assert.equal(logRequests(w), before, 'Okta was not asked');
  });

  it("a rotation older than Okta's 90 days, with nothing kept, says so without asking; an org that cannot be asked says why", async () => {
    const w = await startWorld();
    world = w;
    const record = await recordedRotation(w);
    const before = logRequests(w);
    const old = await oktaLogForOrg([record], w.client, {
      now: new Date(Date.parse(record.startedAt) + 91 * 24 * HOUR),
    });
    assert.match(JSON.stringify(old.get(record.rotationId)), /older than the 90 days Okta keeps/);
    const away = await oktaLogForOrg([record], { unavailable: 'acme is no longer configured' }, { now: new Date() });
    assert.deepEqual(away.get(record.rotationId), { status: 'notQueried', detail: 'acme is no longer configured' });
    assert.equal(logRequests(w), before);
  });

  it('a service app as VS Code signs it in: by its client id, no call; the System Log read when granted okta.logs.read, "not permitted" when not', async () => {
    const sim = await startSimulator({
      orgs: [
        { name: 'acme', environment: 'production', serviceApp: AUDITING_SERVICE_APP, decoyApps: 0 },
        { name: 'acme-preview', environment: 'preview', decoyApps: 0 },
      ],
    });
    // The log is the one part of OktaClients with no place in this test: it only collects what would be logged.
    const tokenRequests: string[] = [];
    const log = {
      addKnownSecret: () => undefined,
      apiCall: (_org: string, c: { path: string; status: number | string }) => {
        if (c.path === '/oauth2/v1/token') tokenRequests.push(String(c.status));
      },
    } as unknown as Log;
    const clients = new OktaClients(
      { get: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) },
      log,
      () => ({ timeoutMs: 5000, maxRateLimitWaitMs: 0 }),
    );
    try {
      const now = new Date();
      const record = { startedAt: new Date(now.getTime() - 60_000).toISOString(), endedAt: now.toISOString() };
      const sections: Record<string, string> = {};
      for (const name of ['acme', 'acme-preview']) {
        const info = sim.org(name).info;
        const address = parseOrgInput(info.baseUrl, { allowLoopback: true });
        const sa = info.serviceApp!;
        const client = await clients.withCredential(
          { key: address.host, address },
          { type: 'serviceApp', clientId: sa.clientId, keyId: sa.keyId, privateKey: sa.privateKeyPem },
        );
        try {
          const actor = await actorFor(client, now.toISOString(), 'jdoe');
          assert.deepEqual([actor.credential, actor.clientId], ['serviceApp', sa.clientId]);
          const app = await client.findWorkflowsApp();
          const base = historyRecordFor(info.workflowsAppId || app.id, record);
          const section = (await oktaLogForOrg([base], client, { now: new Date(now.getTime() + 60_000) })).get('r1');
          sections[name] = section?.status ?? 'none';
        } finally {
          await client.close();
        }
      }
      assert.deepEqual(sections, { acme: 'listed', 'acme-preview': 'notPermitted' });
      assert.ok(tokenRequests.includes('400'), 'the app not granted okta.logs.read was asked again without it');
    } finally {
      clients.dispose();
      await sim.close();
    }
  });
});

/** The least of a history record the System Log query reads: the app, the start and the end. */
function historyRecordFor(appId: string, times: { startedAt: string; endedAt: string }): HistoryRecord {
  return {
    version: 1,
    rotationId: 'r1',
    org: { label: 'Acme', host: 'acme', baseUrl: 'http://127.0.0.1', environment: 'production', practice: false },
    app: { id: appId, label: 'Okta Workflows OAuth', clientId: appId },
    outcome: 'completed',
    ...times,
    updatedAt: times.endedAt,
    oldSecrets: [],
    retired: [],
    deactivated: [],
    deleted: [],
    reactivated: [],
    steps: [],
    acknowledgements: [],
    overrides: [],
    actors: [],
    report: [],
  };
}
