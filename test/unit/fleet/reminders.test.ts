// Due-date reminders, pure: when a secret is due, what the status bar and the tree say, and what the reminders note
// in globalState (which secrets were notified and snoozed: pruned as secrets and orgs go; the first version's
// listing of each org's secrets is dropped on upgrade, its notes kept).
import assert from 'node:assert/strict';
import { utcDate } from '../../../src/presentation/time.ts';
import { describeDue } from '../../../src/fleet/secretDue.ts';
import type { KnownOrg } from '../../../src/fleet/knownOrgs.ts';
import { describeDueSecret, dueSecrets, statusBarText } from '../../../src/fleet/reminders/dueSecrets.ts';
import {
  differsFromStored,
  keptNotes,
  readReminderState,
  writeReminderState,
} from '../../../src/fleet/reminders/reminderState.ts';
import { presentSecret, toSecretView } from '../../../src/fleet/tree/presentation.ts';
import { InMemoryMemento } from '../concurrency/memento.ts';

const now = new Date('2026-11-26T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

function org(secrets: Array<[id: string, status: 'ACTIVE' | 'INACTIVE', ageDays: number]>): KnownOrg {
  return {
    app: {
      id: '0oa1workflowsapp00001',
      name: 'okta_flow_sso',
      label: 'Okta Workflows OAuth',
      clientId: '0oa1workflowsclient01',
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: [],
    },
    listedAt: now.toISOString(),
    secrets: secrets.map(([id, status, age]) => ({ id, status, created: daysAgo(age), masked: `••••${id.slice(-4)}` })),
  };
}

describe('secret reminders', () => {
  it('days left until due: rounded up before, whole days overdue after', () => {
    assert.equal(describeDue(daysAgo(0), 90, now), 'due in 90 d');
    assert.equal(describeDue(daysAgo(80.5), 90, now), 'due in 10 d');
    assert.equal(describeDue(daysAgo(89.9), 90, now), 'due in 1 d');
    assert.equal(describeDue(daysAgo(90.2), 90, now), 'overdue');
    assert.equal(describeDue(daysAgo(97), 90, now), '7 d overdue');
    assert.equal(describeDue('not a date', 90, now), undefined);
  });

  it('due: ACTIVE secrets within reminderDays of the maximum age or past it, most overdue first; snoozed ones wait', () => {
    const seen = new Map([
      [
        'acme.okta.com',
        org([
          ['ocsOld1', 'ACTIVE', 97],
          ['ocsInac', 'INACTIVE', 200],
        ]),
      ],
      ['globex.okta.com', org([['ocsSoon', 'ACTIVE', 80]])],
      ['initech.okta.com', org([['ocsNew1', 'ACTIVE', 10]])],
    ]);
    const due = dueSecrets(seen, { maxAgeDays: 90, reminderDays: 14, now });
    assert.deepEqual(
      due.map((d) => [d.orgKey, d.secretId, d.daysLeft, d.overdue]),
      [
        ['acme.okta.com', 'ocsOld1', -7, true],
        ['globex.okta.com', 'ocsSoon', 10, false],
      ],
    );
    assert.equal(statusBarText(due), '$(bell) Workflows secrets: 2 due');
    assert.deepEqual(
      dueSecrets(seen, { maxAgeDays: 90, reminderDays: 0, now }).map((d) => d.secretId),
      ['ocsOld1'],
      'reminderDays 0: only once past the maximum',
    );
    const snoozed = { 'acme.okta.com/ocsOld1': daysAgo(-3) };
    assert.deepEqual(
      dueSecrets(seen, { maxAgeDays: 90, reminderDays: 14, now, snoozedUntil: snoozed }).map((d) => d.secretId),
      ['ocsSoon'],
    );
    const ended = { 'acme.okta.com/ocsOld1': daysAgo(1) };
    assert.equal(dueSecrets(seen, { maxAgeDays: 90, reminderDays: 14, now, snoozedUntil: ended }).length, 2);
    assert.equal(
      describeDueSecret(due[0]!, 'Acme', 90),
      `Acme: the Workflows secret ••••Old1 (created ${utcDate(daysAgo(97))}) is past the maximum age of 90 days by 7 d.`,
    );
    assert.match(describeDueSecret(due[1]!, 'Globex', 90), /reaches the maximum age of 90 days in 10 d\.$/);
  });

  it('the tree shows the days left on each ACTIVE secret, none on an inactive one', () => {
    const a = toSecretView({ id: 'ocsA', status: 'ACTIVE', created: daysAgo(97), client_secret: 'aValueEndingWXYZ' });
    const b = toSecretView({ id: 'ocsB', status: 'ACTIVE', created: daysAgo(20) });
    const c = toSecretView({ id: 'ocsC', status: 'INACTIVE', created: daysAgo(200) });
    const all = [a, b, c];
    assert.match(presentSecret(a, all, {}, 90, now).description, /older than 90 d · 7 d overdue$/);
    assert.match(presentSecret(b, all, {}, 90, now).description, /· due in 70 d$/);
    assert.doesNotMatch(presentSecret(c, all, {}, 90, now).description, /due|overdue/);
  });

  it('globalState keeps what was notified and snoozed; the notes of gone secrets and orgs are forgotten', async () => {
    const memento = new InMemoryMemento();
    const problems: string[] = [];
    const state = readReminderState(memento, (m) => problems.push(m));
    assert.equal(differsFromStored(memento, state), false, 'nothing to write before there is a note');
    state.notified['acme.okta.com/ocsOld1'] = now.toISOString();
    state.snoozedUntil['globex.okta.com/ocsSoon'] = daysAgo(-7);
    await writeReminderState(memento, state);
    assert.deepEqual(
      readReminderState(memento, (m) => problems.push(m)),
      state,
    );
    assert.equal(differsFromStored(memento, state), false);

    const known = new Map<string, KnownOrg | undefined>([
      ['acme.okta.com', org([['ocsOld1', 'ACTIVE', 97]])],
      ['globex.okta.com', org([['ocsSoon', 'ACTIVE', 80]])],
    ]);
    assert.deepEqual(keptNotes(state, known), state);
    // The rotation deleted ocsOld1: its note goes with it.
    known.set('acme.okta.com', org([['ocsNew2', 'ACTIVE', 0]]));
    const rotated = keptNotes(state, known);
    assert.deepEqual(Object.keys(rotated.notified), []);
    assert.deepEqual(Object.keys(rotated.snoozedUntil), ['globex.okta.com/ocsSoon']);
    // An org not listed yet (none known) keeps its notes; globex removed from the settings: its notes go.
    assert.deepEqual(keptNotes(state, new Map([['acme.okta.com', undefined]])).notified, state.notified);
    assert.deepEqual(keptNotes(rotated, new Map([['acme.okta.com', undefined]])).snoozedUntil, {});
    assert.deepEqual(problems, []);
  });

  it('a first-version state (each org listed too) is read with its notes and without its listing, then rewritten', async () => {
    const memento = new InMemoryMemento();
    const first = {
      version: 1,
      orgs: {
        'acme.okta.com': {
          appId: '0oa1workflowsapp00001',
          appLabel: 'Okta Workflows OAuth',
          seenAt: now.toISOString(),
          secrets: [{ id: 'ocsOld1', status: 'ACTIVE', created: daysAgo(97), masked: '••••Old1' }],
        },
      },
      notified: { 'acme.okta.com/ocsOld1': daysAgo(2) },
      snoozedUntil: { 'acme.okta.com/ocsOld2': daysAgo(-5) },
    };
    await memento.update('oktaWorkflows.reminders', first);
    const problems: string[] = [];
    const state = readReminderState(memento, (m) => problems.push(m));
    assert.deepEqual(state, { version: 2, notified: first.notified, snoozedUntil: first.snoozedUntil });
    assert.deepEqual(problems, []);
    assert.equal(differsFromStored(memento, state), true, 'the listing leaves globalState at the next save');
    await writeReminderState(memento, state);
    assert.doesNotMatch(memento.rawText(), /ocsOld1","status|••••Old1|seenAt/);
  });

  it('a state that does not parse starts afresh, and a value can never be written', async () => {
    const memento = new InMemoryMemento();
    await memento.update('oktaWorkflows.reminders', { version: 2, notified: 'broken' });
    const problems: string[] = [];
    assert.deepEqual(
      readReminderState(memento, (m) => problems.push(m)),
      {
        version: 2,
        notified: {},
        snoozedUntil: {},
      },
    );
    assert.equal(problems.length, 1);
    const withListing = { version: 2 as const, notified: {}, snoozedUntil: {}, orgs: { 'acme.okta.com': org([]) } };
    await assert.rejects(writeReminderState(memento, withListing));
  });
});
