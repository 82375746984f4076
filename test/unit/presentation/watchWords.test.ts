// The watch of the old secret in words, wherever a person reads it: the checklist's step, a campaign row and the
// plan of a bulk delete, the tree and the status bar; and when a watch left running is due for another look. Built on
// a journal at its watch, with each state the watch can be in. Pure: no Okta, no VS Code.
import assert from 'node:assert/strict';
import { campaignRow } from '../../../src/presentation/campaign/rows.ts';
import { stepStory } from '../../../src/presentation/stories/index.ts';
import { watchLine, watchNote, watchStatus } from '../../../src/presentation/watch.ts';
import { planPhase } from '../../../src/fleet/campaign/plan.ts';
import type { RotationJournal } from '../../../src/rotation/model/journal.ts';
import type { Watch } from '../../../src/rotation/model/watch.ts';
import { buildSnapshot } from '../../../src/rotation/snapshot.ts';
import { watchLookDue } from '../../../src/rotation/watchDue.ts';
import { completedJournal } from '../history/fixtures.ts';
import { internalWords } from '../../support/plainWords.ts';

const NOW = new Date('2026-11-26T09:20:00.000Z');
const SINCE = '2026-11-26T09:00:41.000Z';

/** The fixture's rotation back at its watch (deactivated, not deleted), with `watch`. */
function atTheWatch(watch?: Partial<Watch>): RotationJournal {
  const j = completedJournal();
  j.outcome = 'inProgress';
  delete j.endedAt;
  j.deleted = [];
  j.steps.watchOld = { state: 'pending' };
  for (const id of ['deleteOld', 'deleteOldConnection', 'finish'] as const) j.steps[id] = { state: 'pending' };
  if (watch) j.watch = { since: SINCE, minutes: 75, status: 'watching', looks: 1, findings: [], ...watch } as Watch;
  else delete j.watch;
  return j;
}

const CAUGHT: Partial<Watch> = {
  status: 'caught',
  checkedUntil: '2026-11-26T09:10:00.000Z',
  findings: [
    {
      id: 'evt-1',
      at: '2026-11-26T09:05:12.000Z',
      eventType: 'app.oauth2.invalid_client_credentials',
      match: 'oldSecret',
      clientIp: '203.0.113.7',
      userAgent: 'okta-workflows-connector/1.0',
    },
  ],
};
const WATCHING: Partial<Watch> = {
  status: 'watching',
  checkedUntil: '2026-11-26T09:12:41.000Z',
  nextLookAt: '2026-11-26T09:17:41.000Z',
};

describe('the watch of the old secret in words', () => {
  it('the checklist step: not looked yet, watching, caught, cannot watch; plain words only', () => {
    const values = { host: 'acme.okta.com', clientId: '0oa1workflowsapp0001' };
    const told = (w?: Partial<Watch>) => stepStory(atTheWatch(w), 'watchOld', NOW);
    const first = told();
    assert.match(first.summary, /^Reads Okta's System Log for failed sign-ins/);
    assert.match(first.todo.join(' '), /fails to sign in: Okta records the failure/);
    const watching = told(WATCHING);
    assert.equal(
      watching.summary,
      "Watched 12 min of 75 min: no failed sign-in of this app's client with the old secret.",
    );
    assert.match(watching.todo[0] ?? '', /deactivation at 09:00 UTC\. .*next look at 09:18 UTC/);
    const caught = told(CAUGHT);
    assert.match(caught.summary, /^A connection still uses the old secret/);
    assert.match(
      caught.todo[0] ?? '',
      /the first: a failed sign-in at 09:05 UTC from 203\.0\.113\.7 \(okta-workflows-connector\/1\.0\) with the old secret/,
    );
    assert.match(caught.todo[1] ?? '', /^Roll back \(recommended\)/);
    const cannot = told({ status: 'cannotWatch', notPermitted: { errorId: 'oae123' } });
    assert.match(
      cannot.todo.join(' '),
      /okta\.logs\.read.*Okta error ID: oae123.*your word, recorded as such, not on Okta's record/,
    );
    for (const story of [first, watching, caught, cannot]) {
      const text = [story.summary, ...story.todo, ...story.details.map((d) => `${d.label} ${d.value}`)].join(' ');
      assert.deepEqual(internalWords(text, values), [], text);
    }
  });

  it('one line for a row, a note for the tree, the status bar: a catch comes first', () => {
    assert.equal(watchLine(atTheWatch(), NOW), 'Old secret deactivated: not watched yet');
    assert.equal(
      watchLine(atTheWatch(WATCHING), NOW),
      'Watched 12 min of 75 min: nothing found; next look at 09:18 UTC',
    );
    assert.match(
      watchLine(atTheWatch(CAUGHT), NOW),
      /^A connection still uses the old secret: a failed sign-in at 09:05 UTC/,
    );
    assert.deepEqual(watchNote(atTheWatch(CAUGHT)), { text: 'old secret still used: roll back', alert: true });
    assert.deepEqual(watchNote(atTheWatch(WATCHING)), { text: 'watching: 12 min of 75 min', alert: false });
    const done = atTheWatch({ status: 'clean', checkedUntil: '2026-11-26T10:16:00.000Z' });
    done.steps.watchOld = { state: 'done' };
    assert.deepEqual(watchNote(done), { text: 'watch done: delete the old secret', alert: false });
    assert.equal(watchNote(completedJournal()), undefined, 'a finished rotation says nothing');

    const entries = [
      { label: 'Acme Preview', journal: atTheWatch(WATCHING) },
      { label: 'Acme Done', journal: done },
      { label: 'Globex', journal: { ...atTheWatch(CAUGHT), rotationId: 'rot-caught' } },
    ];
    const status = watchStatus(entries, NOW);
    assert.equal(status?.text, '$(warning) Globex: old secret still used');
    assert.equal(status?.rotationId, 'rot-caught', 'a click opens the most urgent');
    assert.match(
      status?.tooltip ?? '',
      /Acme Preview: Watched 12 min of 75 min[^\n]*\nAcme Done: Old secret unused for 75 min/,
    );
    assert.equal(watchStatus(entries.slice(0, 2), NOW)?.text, '$(pass) Acme Done: watch done');
    assert.equal(watchStatus(entries.slice(0, 1), NOW)?.text, "$(eye) Watching Acme Preview's old secret");
    assert.equal(watchStatus([{ label: 'x', journal: completedJournal() }], NOW), undefined);
  });

  it('a campaign row shows its watch and findings; the bulk delete leaves an org whose watch is not over, and says why', () => {
    const row = (w: Partial<Watch> | undefined) =>
      campaignRow({
        key: 'acme.okta.com',
        label: 'Acme',
        environment: 'production',
        snapshot: buildSnapshot(atTheWatch(w), false),
        now: NOW,
      });
    const watching = row(WATCHING);
    assert.equal(watching.state, 'watching');
    assert.equal(watching.status, 'Watched 12 min of 75 min: nothing found; next look at 09:18 UTC');
    assert.deepEqual(
      watching.actions.map((a) => a.label),
      ['Look again now', 'Open checklist'],
    );
    const caught = row(CAUGHT);
    assert.equal(caught.state, 'needsYou');
    assert.match(caught.status, /from 203\.0\.113\.7/);
    assert.match(caught.next, /Roll back \(recommended\)/);
    assert.equal(row(undefined).state, 'ready');

    const plan = planPhase(
      'delete',
      [
        {
          key: 'acme.okta.com',
          label: 'Acme',
          environment: 'production',
          snapshot: buildSnapshot(atTheWatch(WATCHING), false),
        },
      ],
      { now: NOW, soakHours: 24, recencyDays: 30, history: [], labelOf: (k) => k },
    );
    assert.deepEqual(plan.entries, []);
    assert.match(plan.skipped[0]?.why ?? '', /^its watch is not over \(watched 12 min of 75 min: nothing found/);
  });

  it('a watch left running is due for a look when it has none yet, or when its next look is due; never after a catch', () => {
    assert.equal(watchLookDue(atTheWatch(), NOW), true, 'the first look');
    assert.equal(watchLookDue(atTheWatch(WATCHING), NOW), true, 'its next look was at 09:17:41');
    assert.equal(watchLookDue(atTheWatch(WATCHING), new Date('2026-11-26T09:15:00.000Z')), false);
    assert.equal(watchLookDue(atTheWatch(CAUGHT), NOW), false);
    assert.equal(watchLookDue(atTheWatch({ status: 'cannotWatch' }), NOW), false);
    const running = atTheWatch(WATCHING);
    running.steps.watchOld = { state: 'running', owner: { window: 'w', beatAt: NOW.toISOString() } };
    assert.equal(watchLookDue(running, NOW), false);
    const failed = atTheWatch(WATCHING);
    failed.steps.watchOld = { state: 'failed', endedAt: '2026-11-26T09:18:00.000Z' };
    assert.equal(watchLookDue(failed, NOW), false, 'a failed look waits a few minutes');
    assert.equal(watchLookDue(failed, new Date('2026-11-26T09:23:00.000Z')), true);
    assert.equal(watchLookDue(completedJournal(), NOW), false);
  });
});
