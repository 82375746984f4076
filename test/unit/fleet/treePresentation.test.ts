// Tree presentation, pure: labels, ages, markers, the contextValue flags the menus read (an unfinished rotation's
// secrets offer its checklist, not Deactivate or Delete), and what a lifecycle action's confirmation says.
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
import { lifecycleConfirmation } from '../../../src/fleet/tree/lifecycleConfirmation.ts';

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
    const active = secretContextValue(view('x', 'ACTIVE', daysAgo(1), VALUE_A), { inUse: true, isNew: false });
    const inactive = secretContextValue(view('y', 'INACTIVE', daysAgo(1), VALUE_A), { inUse: false, isNew: false });
    assert.equal(active, 'secret active canDeactivate hasValue inUse');
    assert.equal(inactive, 'secret inactive canActivate canDelete hasValue');
    assert.ok(/\bactive\b/.test(active) && !/\bactive\b/.test(inactive));
    assert.ok(/\binactive\b/.test(inactive) && !/\binactive\b/.test(active));
    // The only ACTIVE secret is not offered Deactivate (Okta refuses it); its tooltip says why.
    const only = secretContextValue(view('x', 'ACTIVE', daysAgo(1), VALUE_A), {
      inUse: true,
      isNew: false,
      onlyActive: true,
    });
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

  it('in the middle of a rotation (two active secrets): neither the one in use nor the new one offers Deactivate or Delete, both offer the checklist and say why', () => {
    const inUse = view('ocsOld', 'ACTIVE', daysAgo(100), VALUE_A);
    const fresh = view('ocsNew', 'ACTIVE', daysAgo(0.01), VALUE_B);
    const markers = { rotationId: 'rot-1', journalInUseId: 'ocsOld', newId: 'ocsNew' };
    for (const s of [inUse, fresh]) {
      const p = presentSecret(s, [inUse, fresh], markers, 90, now);
      assert.equal(p.rotationId, 'rot-1', s.id);
      assert.doesNotMatch(p.contextValue, /\bcan(Deactivate|Delete)\b/, p.contextValue);
      assert.match(p.contextValue, /\brotating\b/);
      assert.match(p.description, /rotation in progress/);
      assert.match(p.tooltip, /A rotation is in progress: use its checklist/);
    }
    // Without the rotation, the same two active secrets each offer Deactivate (Okta accepts it).
    for (const s of [inUse, fresh])
      assert.match(presentSecret(s, [inUse, fresh], {}, 90, now).contextValue, /\bcanDeactivate\b/);
    // A third secret the rotation does not work on (inactive, from before) keeps Activate and Delete.
    const stray = view('ocsStray', 'INACTIVE', daysAgo(200));
    const ps = presentSecret(stray, [inUse, fresh, stray], markers, 90, now);
    assert.equal(ps.rotationId, undefined);
    assert.match(ps.contextValue, /\bcanActivate\b.*\bcanDelete\b/);
    assert.doesNotMatch(ps.contextValue, /\brotating\b/);
    // Before the new secret exists, the only active secret is the rotation's in-use one.
    const early = presentSecret(inUse, [inUse], { rotationId: 'rot-1' }, 90, now);
    assert.equal(early.rotationId, 'rot-1');
    assert.match(early.contextValue, /\brotating\b/);
  });

  it('the confirmation names the org, app and masked secret, and "in use by your Workflows connection" when it is', () => {
    const inUse = view('ocsOld', 'ACTIVE', daysAgo(100), VALUE_A);
    const org = { label: 'Acme', key: 'acme.okta.com', environment: 'production' };
    const app = { label: 'Okta Workflows OAuth', clientId: '0oaclient' };
    const c = lifecycleConfirmation({ org, app, secret: inUse, inUse: true }, 'deactivate');
    assert.equal(
      c.message,
      'Deactivate client secret ••••WXYZ, in use by your Workflows connection, of Okta Workflows OAuth in Acme (acme.okta.com)?',
    );
    assert.match(c.detail, /Your Workflows connection uses it: its flows stop working/);
    assert.match(c.detail, /Secret: ••••WXYZ \(ocsOld, ACTIVE, in use by your Workflows connection\)/);
    assert.equal(c.button, 'Deactivate Secret');
    assert.ok(!`${c.message}${c.detail}`.includes(VALUE_A.slice(0, 8)), 'never the value');
    const old = view('ocsGone', 'INACTIVE', daysAgo(120));
    const d = lifecycleConfirmation({ org, app, secret: old, inUse: true }, 'delete');
    assert.match(d.message, /^Delete client secret ••••, in use by your Workflows connection, of /);
    assert.match(d.detail, /cannot be undone/);
    const other = lifecycleConfirmation({ org, app, secret: old, inUse: false }, 'delete');
    assert.equal(other.message, 'Delete client secret •••• of Okta Workflows OAuth in Acme (acme.okta.com)?');
    assert.doesNotMatch(other.detail, /in use/);
    assert.doesNotMatch(lifecycleConfirmation({ org, app, secret: old, inUse: true }, 'activate').message, /in use/);
  });
});
