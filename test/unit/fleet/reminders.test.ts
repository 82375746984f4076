// Due-date reminders, pure: when a secret is due, what the status bar and the tree say, and what globalState keeps
// (ids, dates, masked values; pruned as secrets and orgs go).
import assert from 'node:assert/strict';
import { describeDue } from '../../../src/fleet/secretDue.ts';
import { describeDueSecret, dueSecrets, statusBarText, type OrgSeen } from '../../../src/fleet/reminders/dueSecrets.ts';
import {
  onlyOrgs,
  readReminderState,
  withOrgSeen,
  writeReminderState,
} from '../../../src/fleet/reminders/reminderState.ts';
import { presentSecret, toSecretView } from '../../../src/fleet/tree/presentation.ts';
import { InMemoryMemento } from '../concurrency/memento.ts';

const now = new Date('2026-11-26T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();

function org(secrets: Array<[id: string, status: 'ACTIVE' | 'INACTIVE', ageDays: number]>): OrgSeen {
  return {
    appId: '0oa1workflowsapp0001',
    appLabel: 'Okta Workflows OAuth',
    seenAt: now.toISOString(),
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
    const seen = {
      'acme.okta.com': org([
        ['ocsOld1', 'ACTIVE', 97],
        ['ocsInac', 'INACTIVE', 200],
      ]),
      'globex.okta.com': org([['ocsSoon', 'ACTIVE', 80]]),
      'initech.okta.com': org([['ocsNew1', 'ACTIVE', 10]]),
    };
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
      `Acme: the Workflows secret ••••Old1 (ocsOld1, created ${daysAgo(97).slice(0, 10)}) is past the maximum age of 90 days by 7 d.`,
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

  it('globalState keeps what was listed, notified and snoozed; gone secrets and orgs are forgotten', async () => {
    const memento = new InMemoryMemento();
    const problems: string[] = [];
    let state = readReminderState(memento, (m) => problems.push(m));
    state = withOrgSeen(state, 'acme.okta.com', org([['ocsOld1', 'ACTIVE', 97]]));
    state = withOrgSeen(state, 'globex.okta.com', org([['ocsSoon', 'ACTIVE', 80]]));
    state.notified['acme.okta.com/ocsOld1'] = now.toISOString();
    state.snoozedUntil['globex.okta.com/ocsSoon'] = daysAgo(-7);
    await writeReminderState(memento, state);
    assert.deepEqual(
      readReminderState(memento, (m) => problems.push(m)),
      state,
    );

    // The rotation deleted ocsOld1: its note goes with it.
    const rotated = withOrgSeen(state, 'acme.okta.com', org([['ocsNew2', 'ACTIVE', 0]]));
    assert.deepEqual(Object.keys(rotated.notified), []);
    assert.deepEqual(Object.keys(rotated.snoozedUntil), ['globex.okta.com/ocsSoon']);
    // globex removed from the settings: its secrets and notes go.
    const left = onlyOrgs(rotated, new Set(['acme.okta.com']));
    assert.deepEqual(Object.keys(left.orgs), ['acme.okta.com']);
    assert.deepEqual(left.snoozedUntil, {});
    assert.deepEqual(problems, []);
  });

  it('a state that does not parse starts afresh, and a value can never be written', async () => {
    const memento = new InMemoryMemento();
    await memento.update('oktaWorkflows.reminders', { version: 1, orgs: 'broken' });
    const problems: string[] = [];
    assert.deepEqual(readReminderState(memento, (m) => problems.push(m)).orgs, {});
    assert.equal(problems.length, 1);
    const state = withOrgSeen(
      readReminderState(memento, () => undefined),
      'acme.okta.com',
      org([['ocsA', 'ACTIVE', 1]]),
    );
    const withValue = {
      ...state,
      orgs: {
        'acme.okta.com': {
          ...org([]),
          secrets: [
            { id: 'ocsA', status: 'ACTIVE' as const, created: now.toISOString(), masked: 'aRealSecretValue123' },
          ],
        },
      },
    };
    await assert.rejects(writeReminderState(memento, withValue));
  });
});
