// Practice orgs, the pure parts: the setting entries and tokens built from the bundled simulator (checked against
// a real simulator over HTTP with our own client), the list edits of Start/Stop, the "stopped" item after a reload,
// and the rule that a rehearsal never stands in for a test in a real Preview org.
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../src/simulator/index.ts';
import { OktaClient } from '../../../src/okta/client.ts';
import { ApiTokenAuth } from '../../../src/okta/auth.ts';
import { OktaError } from '../../../src/okta/errors.ts';
import { parseOrgSettings } from '../../../src/orgs/orgConfig.ts';
import {
  isPracticeEntry,
  practiceKeys,
  practiceOrgsFrom,
  practiceSeeds,
  withPracticeOrgs,
  withoutPracticeOrgs,
  PRACTICE_LABELS,
} from '../../../src/orgs/practiceOrgEntries.ts';
import { presentPracticeFailure } from '../../../src/fleet/tree/practicePresentation.ts';
import { isLoopbackJournal } from '../../../src/rotation/previewHistory.ts';
import { rotationDepsFor } from '../../../src/rotation/rotationDeps.ts';
import { orgContextValue } from '../../../src/fleet/tree/presentation.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { JOURNAL_VERSION, parseJournal, type RotationJournal } from '../../../src/rotation/model/journal.ts';
import { STEP_IDS } from '../../../src/rotation/model/steps.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';

describe('practice orgs: entries from the bundled simulator', () => {
  let sim: Simulator;
  const now = new Date();
  before(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, orgs: practiceSeeds(now) });
  });
  after(async () => {
    await sim.close();
  });

  it('writes a Preview then a Production entry, labelled and flagged practice, that parse back as practice orgs', () => {
    const orgs = practiceOrgsFrom([...sim.orgs].reverse());
    assert.deepEqual(
      orgs.map((o) => o.setting.label),
      [PRACTICE_LABELS.preview, PRACTICE_LABELS.production],
    );
    assert.deepEqual(
      orgs.map((o) => o.setting.environment),
      ['preview', 'production'],
    );
    const { orgs: parsed, problems } = parseOrgSettings(orgs.map((o) => o.setting));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      parsed.map((o) => o.key),
      orgs.map((o) => o.key),
    );
    assert.ok(parsed.every((o) => o.practice === true && o.address.isLoopback));
    for (const o of orgs) assert.match(o.key, /^127\.0\.0\.1:\d+$/);
  });

  it('each entry and its token reach the org with our client: the Workflows app and one secret older than 90 days', async () => {
    for (const o of practiceOrgsFrom(sim.orgs)) {
      const [config] = parseOrgSettings([o.setting]).orgs;
      assert.ok(config);
      const client = new OktaClient({ baseUrl: config.address.baseUrl, auth: new ApiTokenAuth(o.apiToken) });
      try {
        const app = await client.findWorkflowsApp();
        const secrets = await client.listSecrets(app.id);
        assert.equal(secrets.length, 1);
        assert.equal(secrets[0]?.status, 'ACTIVE');
        const ageDays = (now.getTime() - Date.parse(secrets[0]?.created ?? '')) / 86_400_000;
        assert.ok(ageDays > 90, `the practice secret shows the age warning (${ageDays.toFixed(0)} d)`);
      } finally {
        await client.close();
      }
    }
  });

  it('refuses a simulator that is not on http://127.0.0.1', () => {
    const info = { ...sim.orgs[0]!, baseUrl: 'http://localhost:4000' };
    assert.throws(() => practiceOrgsFrom([info]), /127\.0\.0\.1/);
  });
});

describe('practice orgs: the settings list edits', () => {
  const real = { label: 'Acme', domain: 'acme.okta.com', environment: 'production' };
  const handWritten = { label: 'My sim', domain: 'http://127.0.0.1:4010', environment: 'preview' };
  const oldPractice = {
    label: 'Practice Preview',
    domain: 'http://127.0.0.1:5001',
    environment: 'preview',
    practice: true,
  };
  const unparsable = { label: 'broken' };
  const fresh = [
    {
      key: '127.0.0.1:6001',
      apiToken: 't',
      setting: {
        label: 'Practice Preview',
        domain: 'http://127.0.0.1:6001',
        environment: 'preview' as const,
        practice: true,
      },
    },
  ];

  it('Start replaces earlier practice entries and keeps every other entry as written, in order', () => {
    assert.deepEqual(withPracticeOrgs([real, oldPractice, handWritten, unparsable], fresh), [
      real,
      handWritten,
      unparsable,
      fresh[0]!.setting,
    ]);
  });

  it('Start drops a hand-written entry at the very host the new practice org got (no duplicate key)', () => {
    const sameHost = { label: 'stale', domain: 'http://127.0.0.1:6001', environment: 'preview' };
    assert.deepEqual(withPracticeOrgs([real, sameHost], fresh), [real, fresh[0]!.setting]);
  });

  it('Stop removes only practice entries; a real domain flagged practice is not one (and is reported)', () => {
    const forged = { ...real, practice: true };
    assert.deepEqual(withoutPracticeOrgs([real, oldPractice, handWritten, forged]), [real, handWritten, forged]);
    assert.equal(isPracticeEntry(forged), false);
    assert.deepEqual(practiceKeys([real, oldPractice, handWritten, forged]), ['127.0.0.1:5001']);
    const { orgs, problems } = parseOrgSettings([forged]);
    assert.equal(orgs[0]?.practice, undefined);
    assert.match(problems[0] ?? '', /practice.*only for the bundled simulator/);
  });
});

describe('practice orgs: in the tree', () => {
  const err = (kind: ConstructorParameters<typeof OktaError>[0]['kind']) =>
    new OktaError({ kind, operation: 'Listing apps', org: '127.0.0.1:5001' });

  it('after a reload (nothing listens any more) the org says it is stopped and offers Start Practice Orgs', () => {
    for (const kind of ['network', 'timeout', 'invalidToken', 'notFound', 'protocol'] as const) {
      const item = presentPracticeFailure(err(kind));
      assert.equal(item.label, 'Practice orgs are stopped: Start Practice Orgs', kind);
      assert.equal(item.action, 'startPracticeOrgs');
      assert.match(item.tooltip, /What happened: /);
    }
  });

  it('a cancelled load or a rate limit is shown as for any org', () => {
    assert.equal(presentPracticeFailure(err('cancelled')).action, 'retry');
    assert.match(presentPracticeFailure(err('rateLimited')).label, /Rate limited/);
  });

  it('the org item carries a practice flag for the context menu (Stop Practice Orgs)', () => {
    assert.equal(
      orgContextValue({ hasToken: true, environment: 'preview', practice: true }),
      'org hasToken canRotate preview practice',
    );
    assert.equal(orgContextValue({ hasToken: true, environment: 'preview' }), 'org hasToken canRotate preview');
  });
});

describe('practice orgs: a rehearsal is not a test in a real Preview org', () => {
  const app = {
    id: '0oa1234567890abcdefg',
    name: 'flow',
    label: 'Okta Workflows OAuth',
    clientId: 'client',
    tokenEndpointAuthMethod: 'client_secret_basic',
    redirectUris: [],
  };

  function completedPreview(host: string, baseUrl: string, id: string): RotationJournal {
    const at = new Date(Date.now() - 60_000).toISOString();
    return parseJournal({
      version: JOURNAL_VERSION,
      rotationId: id,
      org: { host, baseUrl },
      environment: 'preview',
      app,
      createdAt: at,
      updatedAt: at,
      endedAt: at,
      outcome: 'completed',
      steps: Object.fromEntries(STEP_IDS.map((s) => [s, { state: 'done' }])),
      preflight: { secrets: [], needsInUseIdentification: false, retired: [] },
      deactivated: [],
      deleted: [],
      guards: {},
      report: [],
    });
  }

  async function guardRequired(
    store: MemoryJournalStore,
    org: { host: string; baseUrl: string; isLoopback: boolean },
  ): Promise<boolean> {
    const engine = await RotationEngine.start(
      { org, environment: 'production', app },
      rotationDepsFor({
        org: { address: org },
        journals: store,
        secrets: new MemoryPendingSecretStore(),
        client: () => Promise.reject(new Error('starting a rotation calls no Okta API')),
        previewRecencyDays: 30,
        deactivationWatchMinutes: 0,
        log: { error: (context, e) => assert.fail(`${context}: ${String(e)}`) },
      }),
    );
    return engine.snapshot().guards.productionWithoutPreview?.required === true;
  }

  it('a completed practice preview rotation does not lift the production guard of a real org', async () => {
    const store = new MemoryJournalStore();
    await store.importJournal(completedPreview('127.0.0.1:5001', 'http://127.0.0.1:5001', 'practice1'));
    assert.equal(isLoopbackJournal({ org: { host: '127.0.0.1:5001', baseUrl: 'http://127.0.0.1:5001' } }), true);
    assert.equal(
      await guardRequired(store, { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com', isLoopback: false }),
      true,
    );
  });

  it('it does lift it for Practice Production (the rehearsal goes the whole way), and a real preview lifts it for real orgs', async () => {
    const store = new MemoryJournalStore();
    await store.importJournal(completedPreview('127.0.0.1:5001', 'http://127.0.0.1:5001', 'practice1'));
    assert.equal(
      await guardRequired(store, { host: '127.0.0.1:5002', baseUrl: 'http://127.0.0.1:5002', isLoopback: true }),
      false,
    );
    const real = new MemoryJournalStore();
    await real.importJournal(completedPreview('acme.oktapreview.com', 'https://acme.oktapreview.com', 'real1'));
    assert.equal(
      await guardRequired(real, { host: 'acme.okta.com', baseUrl: 'https://acme.okta.com', isLoopback: false }),
      false,
    );
  });
});
