// Tree presentation, pure: labels, ages, markers and the contextValue flags the menus read.
import assert from 'node:assert/strict';
import {
  formatAge,
  inUseSecretId,
  presentSecret,
  secretContextValue,
  toSecretView,
  orgContextValue,
  type SecretView,
} from '../../../src/fleet/tree/presentation.ts';

const now = new Date('2026-11-26T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const VALUE_A = 'aSecretValueThatEndsWithWXYZ';
const VALUE_B = 'anotherSecretValueEndingQRST';

function view(id: string, status: 'ACTIVE' | 'INACTIVE', created: string, value?: string): SecretView {
  return toSecretView({ id, status, created, client_secret: value });
}

describe('tree presentation', () => {
  it('formats ages briefly', () => {
    assert.equal(formatAge(new Date(now.getTime() - 10_000).toISOString(), now), 'just now');
    assert.equal(formatAge(new Date(now.getTime() - 5 * 60_000).toISOString(), now), '5 min');
    assert.equal(formatAge(new Date(now.getTime() - 3 * 3_600_000).toISOString(), now), '3 h');
    assert.equal(formatAge(daysAgo(12), now), '12 d');
    assert.equal(formatAge('not a date', now), 'age unknown');
  });

  it('masks to the last four characters and never keeps the value', () => {
    const v = view('ocs1', 'ACTIVE', daysAgo(1), VALUE_A);
    assert.equal(v.masked, '••••WXYZ');
    assert.equal(v.hasValue, true);
    assert.ok(!JSON.stringify(v).includes(VALUE_A.slice(0, 8)));
    assert.equal(view('ocs2', 'ACTIVE', daysAgo(1)).hasValue, false);
  });

  it('"in use" is the journal\'s secret, else the only ACTIVE one, else none', () => {
    const a = view('ocsA', 'ACTIVE', daysAgo(100), VALUE_A);
    const b = view('ocsB', 'ACTIVE', daysAgo(1), VALUE_B);
    const c = view('ocsC', 'INACTIVE', daysAgo(1), VALUE_B);
    assert.equal(inUseSecretId([a, c], {}), 'ocsA');
    assert.equal(inUseSecretId([a, b], {}), undefined);
    assert.equal(inUseSecretId([a, b], { journalInUseId: 'ocsB' }), 'ocsB');
    assert.equal(inUseSecretId([a, c], { journalInUseId: 'ocsGone' }), 'ocsA');
  });

  it('marks new and too-old secrets, and describes them', () => {
    const a = view('ocsA', 'ACTIVE', daysAgo(100), VALUE_A);
    const b = view('ocsB', 'ACTIVE', daysAgo(0.01), VALUE_B);
    const pa = presentSecret(a, [a, b], { journalInUseId: 'ocsA', newId: 'ocsB' }, 90, now);
    const pb = presentSecret(b, [a, b], { journalInUseId: 'ocsA', newId: 'ocsB' }, 90, now);
    assert.equal(pa.label, '••••WXYZ');
    assert.equal(pa.tooOld, true);
    assert.equal(pa.icon, 'warning');
    assert.match(pa.description, /active · 100 d · in use · older than 90 d/);
    assert.equal(pb.isNew, true);
    assert.equal(pb.inUse, false);
    assert.match(pb.description, /new/);
    assert.equal(pb.icon, 'pass-filled');
  });

  it('contextValue flags: \\bactive\\b matches only ACTIVE secrets', () => {
    const active = secretContextValue(view('x', 'ACTIVE', daysAgo(1), VALUE_A), true, false);
    const inactive = secretContextValue(view('y', 'INACTIVE', daysAgo(1), VALUE_A), false, false);
    assert.equal(active, 'secret active canDeactivate hasValue inUse');
    assert.equal(inactive, 'secret inactive canActivate canDelete hasValue');
    assert.ok(/\bactive\b/.test(active) && !/\bactive\b/.test(inactive));
    assert.ok(/\binactive\b/.test(inactive) && !/\binactive\b/.test(active));
    // The only ACTIVE secret is not offered Deactivate (Okta refuses it); its tooltip says why.
    const only = secretContextValue(view('x', 'ACTIVE', daysAgo(1), VALUE_A), true, false, true);
    assert.equal(only, 'secret active hasValue inUse');
    assert.ok(
      !/\bcanDeactivate\b/.test(only) && /\bcanDeactivate\b/.test(active) && !/\bcanDeactivate\b/.test(inactive),
    );
    const a = view('x', 'ACTIVE', daysAgo(1), VALUE_A);
    const alone = presentSecret(a, [a], {}, 90, new Date());
    assert.doesNotMatch(alone.contextValue, /\bcanDeactivate\b/);
    assert.match(alone.tooltip, /Okta refuses to deactivate it/);
    const b = view('y', 'ACTIVE', daysAgo(2), VALUE_A);
    assert.match(presentSecret(a, [a, b], {}, 90, new Date()).contextValue, /\bcanDeactivate\b/);
    assert.equal(orgContextValue({ hasToken: true, environment: 'production' }), 'org hasToken canRotate production');
    assert.equal(orgContextValue({ hasToken: false, environment: 'preview' }), 'org noToken preview');
  });

  it('a read-only credential (Okta would refuse every change): no Rotate, Activate, Deactivate or Delete, and says why', () => {
    assert.equal(
      orgContextValue({ hasToken: true, environment: 'production', readOnly: true }),
      'org hasToken production',
    );
    const a = view('x', 'ACTIVE', daysAgo(1), VALUE_A);
    const b = view('y', 'ACTIVE', daysAgo(2), VALUE_A);
    const c = view('z', 'INACTIVE', daysAgo(3), VALUE_A);
    for (const s of [a, b, c]) {
      const p = presentSecret(s, [a, b, c], {}, 90, new Date(), false);
      assert.doesNotMatch(p.contextValue, /\bcan(Activate|Deactivate|Delete)\b/, p.contextValue);
      assert.match(p.tooltip, /can read but not manage secrets/);
    }
  });
});
