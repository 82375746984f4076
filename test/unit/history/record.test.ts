// The history record: derived from the journal (every field an auditor asks for), kept by a store wrapped around
// the engine's journal store during a real rotation against the simulator, never holding a secret value, and
// pruned to the retention setting.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorFor, osUserName } from '../../../src/history/actor.ts';
import { historyRecordOf } from '../../../src/history/fromJournal.ts';
import { parseHistoryRecord, type HistoryRecord } from '../../../src/history/record.ts';
import { backfillHistory, HistoryRecorder } from '../../../src/history/recording.ts';
import { followHistory } from '../../support/historyFollow.ts';
import { describeSelection, parseDay, selectRecords } from '../../../src/history/selection.ts';
import { FileHistoryStore } from '../../../src/history/store.ts';
import { drive, piecesOf, startWorld, type World } from '../rotation/world.ts';
import { ADMIN, SERVICE_APP, completedJournal, inProgressJournal, rolledBackJournal } from './fixtures.ts';

describe('rotation history record', () => {
  let dir: string;
  const worlds: World[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'history-'));
  });
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.close();
    await rm(dir, { recursive: true, force: true });
  });
  const store = (maxRecords = 1000, problems: string[] = []) =>
    new FileHistoryStore(dir, { maxRecords: () => maxRecords, onProblem: (m) => problems.push(m) });

  it('holds what an auditor asks: org, app, old and new secret with their creation dates, steps, decisions, who', () => {
    const r = historyRecordOf(completedJournal(), { orgLabel: 'Acme Production', practice: false, actor: ADMIN });
    assert.deepEqual(r.org, {
      label: 'Acme Production',
      host: 'acme.okta.com',
      baseUrl: 'https://acme.okta.com',
      environment: 'production',
      practice: false,
    });
    assert.deepEqual(r.app, {
      id: '0oa1workflowsapp0001',
      label: 'Okta Workflows OAuth',
      clientId: '0oa1workflowsapp0001',
    });
    assert.deepEqual(r.oldSecrets, [
      { id: 'ocsOLDSECRET00000001', masked: '••••VS8o', created: '2026-08-20T08:15:00.000Z' },
    ]);
    assert.deepEqual(r.newSecret, {
      id: 'ocsNEWSECRET00000002',
      masked: '••••XbGF',
      created: '2026-11-26T09:00:18.000Z',
    });
    assert.deepEqual(
      [r.startedAt, r.endedAt, r.outcome],
      ['2026-11-26T09:00:01.000Z', '2026-11-26T10:16:28.000Z', 'completed'],
    );
    assert.equal(r.steps.length, 12);
    assert.deepEqual(r.steps[3], {
      id: 'newConnection',
      label: 'Set up the connection',
      kind: 'manual',
      state: 'done',
      startedAt: '2026-11-26T09:00:22.000Z',
      endedAt: '2026-11-26T09:00:23.000Z',
      note: 'confirmed by the person',
    });
    assert.equal(r.acknowledgements[0]?.kind, 'productionWithoutPreview');
    assert.equal(r.acknowledgements[0]?.at, '2026-11-26T09:00:02.000Z');
    assert.deepEqual(r.overrides, []);
    assert.equal(r.verification?.outcome, 'valid');
    assert.deepEqual(r.actors, [ADMIN]);
    assert.deepEqual([r.deactivated, r.deleted], [['ocsOLDSECRET00000001'], ['ocsOLDSECRET00000001']]);
  });

  it('a rollback: the override, the retired stray secret and the reactivated old one; a failed step keeps Okta’s errorId', () => {
    const r = historyRecordOf(rolledBackJournal(), { orgLabel: 'Acme Preview', practice: false, actor: SERVICE_APP });
    assert.equal(r.overrides[0]?.kind, 'unverifiedNewSecret');
    assert.match(r.overrides[0]?.text ?? '', /verification was unknown/);
    assert.deepEqual(
      r.retired.map((s) => s.id),
      ['ocsSTRAY000000000004'],
    );
    assert.deepEqual(r.reactivated, ['ocsOLDPREVIEW0000003']);
    assert.equal(r.mode, 'reauthorize');
    const failed = historyRecordOf(inProgressJournal(), { orgLabel: 'Globex', practice: false });
    assert.deepEqual(failed.steps[2]?.error, {
      kind: 'server',
      message: 'Okta answered 500 while creating the secret.',
      errorId: 'oaeXYZ123',
    });
    assert.deepEqual(
      failed.oldSecrets.map((s) => s.id),
      ['ocsGLOBEX00000000006'],
      'before identifyOld: the one in use',
    );
    assert.deepEqual(failed.actors, []);
  });

  it('someone else resuming the rotation is added as an actor; the same person again is not; kept System Log events stay', () => {
    const journal = completedJournal();
    const first = historyRecordOf(journal, { orgLabel: 'Acme', practice: false, actor: ADMIN });
    const withLog: HistoryRecord = {
      ...first,
      oktaLog: {
        queriedAt: journal.updatedAt,
        since: journal.createdAt,
        until: journal.updatedAt,
        filter: 'f',
        events: [],
      },
    };
    const again = historyRecordOf(
      journal,
      { orgLabel: 'Acme', practice: false, actor: { ...ADMIN, at: 'later' } },
      withLog,
    );
    assert.equal(again.actors.length, 1);
    assert.ok(again.oktaLog, 'the System Log capture is kept');
    const other = { ...ADMIN, at: '2026-11-26T09:00:40.000Z', osUser: 'rsmith', oktaLogin: 'rob.smith@acme.com' };
    const resumed = historyRecordOf(journal, { orgLabel: 'Acme', practice: false, actor: other }, again);
    assert.deepEqual(
      resumed.actors.map((a) => a.osUser),
      ['jdoe', 'rsmith'],
    );
  });

  it('who acts: a missing credential says so; the OS user is always named', async () => {
    const at = '2026-11-26T09:00:00.000Z';
    assert.deepEqual(await actorFor(undefined, at, 'jdoe'), {
      at,
      osUser: 'jdoe',
      credential: 'unknown',
      note: 'the org had no credential when the rotation was recorded',
    });
    assert.ok(osUserName().length > 0);
  });

  it('who acts through a real client: the admin from users/me; a token Okta refuses is said, the rotation unharmed', async () => {
    const w = await startWorld();
    worlds.push(w);
    const at = '2026-11-26T09:00:00.000Z';
    const admin = await actorFor(w.client, at, 'jdoe');
    assert.equal(admin.credential, 'apiToken');
    assert.match(admin.oktaLogin ?? '', /@/);
    assert.match(admin.oktaUserId ?? '', /^00u/);
    const revoked = w.newClient({ token: w.org.issueApiToken() });
    w.org.revokeToken(w.org.info.apiToken);
    const refused = await actorFor(w.newClient(), at, 'jdoe');
    assert.equal(refused.credential, 'apiToken');
    assert.match(refused.note ?? '', /^Okta's users\/me could not be read/);
    assert.equal((await actorFor(revoked, at, 'jdoe')).credential, 'apiToken');
  });

  it('the schema refuses a secret value where a masked one belongs, and any field it does not know', () => {
    const r = historyRecordOf(completedJournal(), { orgLabel: 'Acme', practice: false });
    const value = 'aVeryRealLookingClientSecretValue123';
    assert.throws(() => parseHistoryRecord({ ...r, newSecret: { id: 'ocs1', masked: value } }), /at most four/);
    assert.throws(() => parseHistoryRecord({ ...r, newSecret: { id: 'ocs1', value } }));
    assert.throws(() => parseHistoryRecord({ ...r, clientSecret: value }));
  });

  it('a real rotation against the simulator is recorded after every change: in progress, then completed, naming Okta’s secret ids', async () => {
    const w = await startWorld({ environment: 'preview' });
    worlds.push(w);
    const history = store();
    const problems: string[] = [];
    const recorder = new HistoryRecorder(history, (m) => problems.push(m));
    const [old] = w.org.secrets();
    const engine = await w.start();
    followHistory(engine, recorder, async () => ({ orgLabel: 'Acme Preview', practice: false, actor: ADMIN }));
    await recorder.idle();
    const started = await history.get(engine.rotationId);
    assert.equal(started?.outcome, 'inProgress', 'recorded from the start on');
    await drive(engine);
    await recorder.idle();
    const done = await history.get(engine.rotationId);
    const [current] = w.org.secrets();
    assert.equal(done?.outcome, 'completed');
    assert.deepEqual(
      done?.oldSecrets.map((s) => s.id),
      [old?.id],
    );
    assert.equal(done?.newSecret?.id, current?.id);
    assert.equal(done?.oldSecrets[0]?.created, old?.created);
    assert.equal(done?.newSecret?.created, current?.created);
    assert.deepEqual(done?.actors, [ADMIN]);
    assert.deepEqual(problems, []);

    const files = await readdir(dir);
    assert.equal(files.length, 1);
    const text = await readFile(join(dir, files[0] as string), 'utf8');
    for (const secret of [old?.clientSecret, current?.clientSecret, w.org.info.apiToken]) {
      for (const piece of piecesOf(secret ?? ''))
        assert.ok(!text.includes(piece), 'no piece of a secret in the record');
    }
  });

  it('a history that cannot be written is reported and the rotation goes on', async () => {
    const w = await startWorld();
    worlds.push(w);
    await writeFile(join(dir, 'blocked'), 'a file where the folder should be');
    const broken = new FileHistoryStore(join(dir, 'blocked'), { maxRecords: () => 10, onProblem: () => undefined });
    const problems: string[] = [];
    const recorder = new HistoryRecorder(broken, (m, e) =>
      problems.push(`${m}: ${e instanceof Error ? e.message : String(e)}`),
    );
    const engine = await w.start();
    followHistory(engine, recorder, async () => ({ orgLabel: 'Acme', practice: false }));
    const end = await drive(engine);
    await recorder.idle();
    assert.equal(end.snapshot.outcome, 'completed');
    assert.ok(problems.length >= 2, 'the failed writes were reported');
    assert.match(problems[0] ?? '', /^Recording the history of rotation /);
  });

  it('a history slow to name who acts (users/me not answering) never holds the rotation; the record follows once it answers', async () => {
    const w = await startWorld();
    worlds.push(w);
    const history = store();
    const recorder = new HistoryRecorder(history, (m, e) => assert.fail(`${m}: ${String(e)}`));
    let answer: (context: { orgLabel: string; practice: boolean }) => void = () => undefined;
    const slow = new Promise<{ orgLabel: string; practice: boolean }>((resolve) => (answer = resolve));
    const engine = await w.start();
    followHistory(engine, recorder, () => slow);
    const end = await drive(engine);
    assert.equal(end.snapshot.outcome, 'completed', 'the rotation completed while the history waited');
    assert.equal(await history.get(engine.rotationId), undefined, 'nothing written yet');
    answer({ orgLabel: 'Acme', practice: false });
    await recorder.idle();
    assert.equal((await history.get(engine.rotationId))?.outcome, 'completed', 'the newest journal was written');
  });

  it('keeps the newest records up to the retention, never an in-progress one; a broken file is reported and skipped', async () => {
    const problems: string[] = [];
    const history = store(2, problems);
    const base = historyRecordOf(completedJournal(), { orgLabel: 'Acme', practice: false });
    const at = (day: number) => `2026-0${day}-01T00:00:00.000Z`;
    await history.put({
      ...historyRecordOf(inProgressJournal(), { orgLabel: 'Globex', practice: false }),
      startedAt: at(1),
    });
    for (const day of [2, 3, 4]) await history.put({ ...base, rotationId: `r${day}`, startedAt: at(day) });
    assert.deepEqual(
      (await history.list()).map((r) => r.rotationId),
      ['rot-inprogress-0003', 'r4'],
    );
    await writeFile(join(dir, '20260101T000000000Z_broken.json'), '{"version": 1');
    assert.deepEqual(
      (await history.list()).map((r) => r.rotationId),
      ['rot-inprogress-0003', 'r4'],
    );
    assert.match(problems[0] ?? '', /broken\.json cannot be read/);
    assert.equal(await history.deleteWhere((r) => r.rotationId === 'r4'), 1);
    assert.equal(await history.get('r4'), undefined);
  });

  it('backfills records for journals kept before the history, once', async () => {
    const history = store();
    const journals = [completedJournal(), rolledBackJournal()];
    const context = () => ({ orgLabel: 'Acme', practice: false });
    assert.equal(await backfillHistory(history, journals, context), 2);
    assert.equal(await backfillHistory(history, journals, context), 0);
    assert.deepEqual(
      (await history.list()).map((r) => r.actors),
      [[], []],
    );
  });

  it('selects by org and by days started (UTC, both ends included), oldest first', () => {
    const records = [completedJournal(), rolledBackJournal(), inProgressJournal()].map((j) =>
      historyRecordOf(j, { orgLabel: j.org.host, practice: false }),
    );
    const ids = (s: Parameters<typeof selectRecords>[1]) => selectRecords(records, s).map((r) => r.rotationId);
    assert.deepEqual(ids({ org: 'all' }), ['rot-rolledback-0002', 'rot-completed-0001', 'rot-inprogress-0003']);
    assert.deepEqual(ids({ org: 'all', from: '2026-11-26', to: '2026-11-26' }), ['rot-completed-0001']);
    assert.deepEqual(ids({ org: { host: 'globex.okta.com', label: 'Globex' } }), ['rot-inprogress-0003']);
    assert.deepEqual(ids({ org: 'all', to: '2026-10-03' }), ['rot-rolledback-0002']);
    assert.equal(parseDay('2026-02-30'), undefined);
    assert.equal(parseDay('2026-2-3'), undefined);
    assert.equal(parseDay('2026-02-03'), Date.UTC(2026, 1, 3));
    assert.equal(
      describeSelection({ org: { host: 'globex.okta.com', label: 'Globex' }, from: '2026-01-01' }),
      'Globex (globex.okta.com), rotations started on or after 2026-01-01 (UTC)',
    );
  });
});
