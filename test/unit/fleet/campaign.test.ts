// The campaign against simulated orgs over real HTTP, each org's rotation the engine's own (wired as the extension
// wires it): bulk phases, a person's steps from the rows, preview before production per pair with the soak, one org
// failing in place while the others go on, bounded concurrency, and a campaign resumed after a reload.
import { endingLines } from '../../../src/presentation/endings.ts';
import assert from 'node:assert/strict';
import { Campaign } from '../../../src/fleet/campaign/campaign.ts';
import type { CampaignRow } from '../../../src/presentation/campaign/rowShape.ts';
import type { OrgSeed } from '../../../src/simulator/index.ts';
import { startFleet, type FleetWorld } from '../../support/campaignWorld.ts';
import { TestClock } from '../rotation/world.ts';

const PAIRS: OrgSeed[] = ['a', 'b', 'c'].flatMap((x): OrgSeed[] => [
  { name: `${x}-preview`, environment: 'preview', decoyApps: 0, serviceApp: false },
  { name: x, environment: 'production', decoyApps: 0, serviceApp: false },
]);

/** The person's steps in the Workflows console, confirmed from each row that asks for one. */
async function doPersonSteps(campaign: Campaign): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const row of campaign.rows()) {
      for (const a of row.actions) {
        if ((a.kind === 'connection' && a.mode === 'newConnection') || a.kind === 'confirm') {
          const out = await campaign.act(row.key, a);
          assert.ok(out.ok, `${row.label}: ${JSON.stringify(out)}`);
          break;
        }
      }
    }
  }
}

/** The old secrets' three bulk actions: deactivated, watched (one look: the fleet's watch lasts 0 min), deleted. */
async function retireOld(campaign: Campaign): Promise<void> {
  await campaign.run('deactivate');
  await campaign.run('watch');
  await campaign.run('delete');
}

const byLabel = (rows: CampaignRow[], label: string): CampaignRow => {
  const row = rows.find((r) => r.label === label);
  assert.ok(row, `a row for ${label}`);
  return row;
};

describe('campaign: rotating every due org together', function () {
  this.timeout(60_000);
  let world: FleetWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('3 pairs: previews first, productions after the soak; every org ends with one ACTIVE secret, the new one', async () => {
    const clock = new TestClock();
    const w = await startFleet(PAIRS, { clock });
    world = w;
    const before = new Map(w.orgs.map((o) => [o.key, w.org(o.key).secrets()[0]!.id]));
    const campaign = await Campaign.begin(w.deps(), w.orgs, 24);
    assert.deepEqual(
      campaign.journal().orgs.map((o) => o.environment),
      ['preview', 'preview', 'preview', 'production', 'production', 'production'],
      'preview orgs first',
    );
    assert.ok(campaign.rows().every((r) => r.state === 'notStarted' && r.who === 'extension'));

    await campaign.run('check');
    let rows = campaign.rows();
    assert.ok(
      rows.every((r) => r.state === 'ready' && r.next === 'Create the new secret'),
      JSON.stringify(rows),
    );

    const plan = await campaign.plan('create');
    assert.equal(plan.entries.length, 6);
    assert.equal(plan.production.length, 0, 'no production org changes while its preview org has not soaked');
    assert.ok(
      plan.entries
        .filter((e) => e.environment === 'production')
        .every((e) => /waits for .*-preview/.test(e.waits ?? '')),
    );
    assert.match(plan.entries[0]!.touches, /creates a second secret beside ••••\S{4} \(ocs/);

    await campaign.run('create');
    rows = campaign.rows();
    for (const x of ['a', 'b', 'c']) {
      const preview = byLabel(rows, `${x}-preview`);
      assert.equal(preview.state, 'needsYou');
      assert.equal(preview.who, 'you');
      assert.ok(preview.manual?.newSecretMasked?.startsWith('••••'));
      assert.ok(preview.actions.some((a) => a.kind === 'copyNewSecret'));
      const prod = byLabel(rows, x);
      assert.equal(prod.state, 'waiting', JSON.stringify(prod));
      assert.equal(prod.pairedWith, `${x}-preview`);
      assert.ok(prod.actions.some((a) => a.kind === 'acknowledge' && a.guard === 'previewSoak'));
      assert.equal(w.org(prod.key).secrets().length, 1, 'nothing created in production');
    }

    await doPersonSteps(campaign);
    await campaign.run('verify');
    await retireOld(campaign);
    await doPersonSteps(campaign);
    rows = campaign.rows();
    assert.ok(
      rows.filter((r) => r.environment === 'preview').every((r) => r.state === 'done'),
      JSON.stringify(rows),
    );

    // The soak is not over yet: production still waits. A day later it goes ahead.
    await campaign.run('create');
    assert.ok(
      campaign
        .rows()
        .filter((r) => r.environment === 'production')
        .every((r) => r.state === 'waiting'),
    );
    clock.advanceDays(1.05);
    assert.equal((await campaign.plan('create')).production.length, 3, 'now the typed confirmation covers 3');
    await campaign.run('create');
    await doPersonSteps(campaign);
    await campaign.run('verify');
    await retireOld(campaign);
    await doPersonSteps(campaign);
    rows = campaign.rows();
    assert.ok(
      rows.every((r) => r.state === 'done'),
      JSON.stringify(rows.map((r) => [r.label, r.status])),
    );
    assert.ok(campaign.finished);

    for (const o of w.orgs) {
      const secrets = w.org(o.key).secrets();
      const journal = (await w.journals.list()).find((j) => j.org.host === o.key)!;
      assert.deepEqual(
        secrets.map((s) => [s.id, s.status]),
        [[journal.newSecret!.id, 'ACTIVE']],
        o.label,
      );
      assert.notEqual(secrets[0]!.id, before.get(o.key));
      const creates = w
        .org(o.key)
        .requests.filter((r) => r.method === 'POST' && /\/credentials\/secrets$/.test(r.path));
      assert.equal(creates.length, 1, `${o.label}: created once`);
      if (o.environment === 'production')
        assert.match(endingLines(journal, new Date()).join(' '), /The preview soak of 24 h was met/);
    }
    assert.equal(w.secrets.size, 0, 'every new value wiped');

    // The history and the reports read as words: how each rotation ended, times in UTC, no ISO time or state word.
    const history = campaign.history();
    assert.equal(history.filter((h) => h.text.startsWith('Rotation completed')).length, 6);
    for (const h of history) {
      assert.match(h.when, /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC$/, h.when);
      assert.doesNotMatch(h.text, /\d{4}-\d\d-\d\dT|^completed|inProgress|rolledBack/, h.text);
    }
    const prodReport = history.find((h) => /soak of 24 h/.test(h.text))?.text ?? '';
    // The preview org by its label (not its host), and no secret id where a masked value can stand.
    assert.match(
      prodReport,
      /was met \([a-c]-preview completed its rotation \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC\)/,
    );
    for (const h of history) assert.doesNotMatch(h.text, /\bocs\w+|127\.0\.0\.1/, h.text);
  });

  it('an acknowledged soak (journaled) lets a production org go ahead at once', async () => {
    const w = await startFleet(PAIRS.slice(0, 2), { clock: new TestClock() });
    world = w;
    const campaign = await Campaign.begin(w.deps(), w.orgs, 24);
    await campaign.run('check');
    await campaign.run('create');
    const prod = byLabel(campaign.rows(), 'a');
    const ack = prod.actions.find((a) => a.kind === 'acknowledge');
    assert.ok(ack && ack.kind === 'acknowledge');
    assert.ok((await campaign.act(prod.key, ack)).ok);
    await campaign.run('create', [prod.key]);
    assert.equal(byLabel(campaign.rows(), 'a').state, 'needsYou');
    assert.equal(w.org(prod.key).secrets().length, 2);
    const journal = (await w.journals.list()).find((j) => j.org.host === prod.key)!;
    assert.ok(journal.guards.previewSoak?.acknowledgedAt);
    const line = campaign.history().find((h) => h.label === 'a' && /went ahead/.test(h.text));
    assert.match(line?.when ?? '', /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC$/);
    // The preview org is named by its label, with what it had done when the person went ahead.
    assert.equal(
      line?.text,
      'You went ahead before the preview soak of 24 h ended: a-preview had not completed a rotation yet.',
    );
  });

  it('one org with a read-only token fails in place with its fix; the others complete; a new token and it goes on', async () => {
    const w = await startFleet(PAIRS, { paired: false });
    world = w;
    const bad = w.orgs.find((o) => o.label === 'b-preview')!;
    w.setToken(bad.key, w.org(bad.key).info.readOnlyToken);
    const previews = w.orgs.filter((o) => o.environment === 'preview');
    const campaign = await Campaign.begin(w.deps(), previews, 24);
    await campaign.run('check');
    assert.ok(
      campaign.rows().every((r) => r.state === 'ready'),
      'reading works with a read-only token',
    );
    await campaign.run('create');
    const failed = byLabel(campaign.rows(), 'b-preview');
    assert.equal(failed.state, 'failed');
    assert.match(failed.error?.message ?? '', /E0000006|permission/i);
    assert.match(failed.error?.fix ?? '', /okta\.apps\.manage/);
    assert.ok(failed.actions.some((a) => a.kind === 'setCredential'));
    await doPersonSteps(campaign);
    await campaign.run('verify');
    await retireOld(campaign);
    await doPersonSteps(campaign);
    for (const label of ['a-preview', 'c-preview']) assert.equal(byLabel(campaign.rows(), label).state, 'done');
    assert.equal(w.org(bad.key).secrets().length, 1, 'the failed org is as it was');

    w.setToken(bad.key, w.org(bad.key).info.apiToken);
    const retry = byLabel(campaign.rows(), 'b-preview').actions.find((a) => a.kind === 'run');
    assert.ok(retry && retry.kind === 'run' && retry.phase === 'create');
    assert.ok((await campaign.act(bad.key, retry)).ok);
    await doPersonSteps(campaign);
    await campaign.run('verify');
    await retireOld(campaign);
    await doPersonSteps(campaign);
    assert.ok(campaign.finished);
  });

  it('a production org without a pair and without a recent preview rotation waits for its acknowledgement', async () => {
    const w = await startFleet(PAIRS.slice(0, 2), { paired: false });
    world = w;
    const campaign = await Campaign.begin(w.deps(), w.orgs, 24);
    await campaign.run('check');
    const prod = byLabel(campaign.rows(), 'a');
    assert.equal(prod.state, 'needsYou');
    const ack = prod.actions.find((a) => a.kind === 'acknowledge');
    assert.ok(ack && ack.kind === 'acknowledge' && ack.guard === 'productionWithoutPreview');
    assert.equal(byLabel(campaign.rows(), 'a-preview').state, 'ready', 'the other org went on');
    assert.ok((await campaign.act(prod.key, ack)).ok);
    await campaign.run('check', [prod.key]);
    assert.equal(byLabel(campaign.rows(), 'a').state, 'ready');
  });

  it('runs at most maxConcurrentOrgs orgs at once', async () => {
    const seeds: OrgSeed[] = Array.from({ length: 8 }, (_, i) => ({
      name: `org-${i}`,
      environment: 'preview',
      decoyApps: 0,
      serviceApp: false,
    }));
    const w = await startFleet(seeds, { latencyMs: 20 });
    world = w;
    const deps = w.deps({ maxConcurrentOrgs: 3 });
    const campaign = await Campaign.begin(deps, w.orgs, 24);
    await campaign.run('check');
    await campaign.run('create');
    assert.equal(deps.rotations.maxInFlight, 3);
    assert.ok(w.orgs.every((o) => w.org(o.key).secrets().length === 2));
  });

  it('resumes after a reload (no engine survives): same rows, and it completes without creating twice', async () => {
    const w = await startFleet(PAIRS.slice(0, 2), { paired: false });
    world = w;
    const preview = w.orgs.filter((o) => o.environment === 'preview');
    const first = await Campaign.begin(w.deps(), preview, 0);
    await first.run('check');
    await first.run('create');
    const rowsBefore = first.rows().map((r) => [r.label, r.state, r.status]);

    const resumed = await Campaign.resume(w.deps());
    assert.ok(resumed);
    assert.equal(resumed.id, first.id);
    assert.deepEqual(
      resumed.rows().map((r) => [r.label, r.state, r.status]),
      rowsBefore,
    );
    await doPersonSteps(resumed);
    await resumed.run('verify');
    await retireOld(resumed);
    await doPersonSteps(resumed);
    assert.ok(resumed.finished);
    const key = preview[0]!.key;
    assert.equal(w.org(key).requests.filter((r) => r.method === 'POST' && /secrets$/.test(r.path)).length, 1);

    await resumed.end();
    assert.equal(await Campaign.resume(w.deps()), undefined, 'an ended campaign is not resumed');
  });
});
