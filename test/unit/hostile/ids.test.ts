// Ids in a hostile org's answers are checked by the response schemas: a secret id, app id or client id that is
// not of Okta's shape is a broken contract, refused with an error naming the org and the field, never quoting the
// id (it could be HTML, a path, a forged line), so it never reaches the journal, a snapshot or the page. And a
// header value HTTP forbids (a credential holding CR LF) is an input error that certainly did not reach Okta,
// never "could not reach the org", never a write whose outcome must be reconciled.
import assert from 'node:assert/strict';
import type { Authenticator } from '../../../src/okta/auth.ts';
import { OktaClient } from '../../../src/okta/client.ts';
import { requestMayHaveReachedOkta } from '../../../src/okta/requestReach.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { MemoryJournalStore, MemoryPendingSecretStore } from '../../../src/rotation/stores.ts';
import { TestClock } from '../rotation/world.ts';
import { rejection } from '../okta/fixture.ts';
import { APP_ID, hostileWorld, json, secret, SECRET_ID, workflowsApp } from './hostileOrg.ts';

const BAD_IDS: Array<[string, unknown]> = [
  ['a line break', 'ocs1hostile\r\nforged0'],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['a path traversal', '../../../api/v1/users'],
  ['21 characters', 'ocs1hostileSECRETid01'],
  ["an app's prefix", '0oa1hostileSECRETid0'],
  ['a Cyrillic o', 'оcs1hostileSECRETid0'],
  ['a number', 42],
  ['an empty string', ''],
];

describe("hostile org: ids in Okta's answers", function () {
  this.timeout(10_000);
  const world = hostileWorld();

  for (const [what, id] of BAD_IDS) {
    it(`a listed secret id with ${what}: a contract error naming the org, never the id`, async () => {
      const { org, client } = world();
      const { client: c } = client();
      org.script = () => json([secret(), secret({ id })]);
      const e = await rejection(c.listSecrets(APP_ID));
      assert.equal(e.kind, 'protocol');
      assert.match(
        e.message,
        /^127\.0\.0\.1:\d+ answered in an unexpected form \(200\), the answer does not match the API: 1\.id: /,
      );
      assert.match(e.operation, /^Listing client secrets of app \S+$/);
      if (typeof id === 'string' && id.length > 0) {
        assert.match(e.message, /1\.id: not an Okta client secret id \(ocs…\)/);
        assert.ok(!e.message.includes(id), e.message);
      }
    });
  }

  it('an app id with a path in a list of apps: refused, naming the field', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json([workflowsApp({ id: '0oa1/../../users/me00' })]);
    const e = await rejection(c.findWorkflowsApp());
    assert.match(e.message, /0\.id: not an Okta app id \(0oa…\)/);
    assert.ok(!e.message.includes('users/me'), e.message);
  });

  it('a client id with a line break: refused, naming the field', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json(workflowsApp({ credentials: { oauthClient: { client_id: 'abc\r\ndef123' } } }));
    const e = await rejection(c.getApp(APP_ID));
    assert.match(e.message, /credentials\.oauthClient\.client_id: wrong format/);
  });

  it('a create answered with an impossible id: reconciled from the list, never journaled; outcomeUnknown when the list breaks too', async () => {
    const { org, client } = world();
    const { client: c } = client();
    const bad = secret({
      id: '<script>x</script>',
      client_secret: 'createdValue-0123456789_abcdefghijklmnopqrstuvwxyz',
    });
    org.script = (req) => (req.method === 'POST' ? json(bad, 201) : json([secret(), bad]));
    const e = await rejection(c.createSecret(APP_ID, undefined, { listedBefore: [{ id: SECRET_ID }] }));
    assert.equal(e.kind, 'outcomeUnknown');
    assert.ok(!e.message.includes('<script>'), e.message);
    assert.equal(org.seen.filter((r) => r.method === 'POST').length, 1);
  });

  it('a deactivation answered with an impossible id: checked by reading the secret back', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = (req) =>
      req.method === 'POST' ? json(secret({ id: '../x', status: 'INACTIVE' })) : json(secret({ status: 'INACTIVE' }));
    const done = await c.deactivateSecret(APP_ID, SECRET_ID);
    assert.equal(done.id, SECRET_ID);
    assert.equal(done.status, 'INACTIVE');
  });

  it("an impossible id in the preflight's list: the step fails naming the org, and the journal never holds the id", async () => {
    const { org, client } = world();
    const { client: c } = client();
    const evil = 'ocs\r\n<b>forged</b>';
    org.script = (req) =>
      req.path.includes('/credentials/secrets') ? json([secret({ id: evil })]) : json(workflowsApp());
    const app = await c.findWorkflowsApp({ appId: APP_ID });
    const journals = new MemoryJournalStore();
    const engine = await RotationEngine.start(
      { org: { host: c.org, baseUrl: org.base }, environment: 'preview', app },
      {
        okta: c,
        journals,
        previewHistory: () => journals.list(),
        deactivationWatchMinutes: 0,
        secrets: new MemoryPendingSecretStore(),
        clock: new TestClock(),
      },
    );
    const out = await engine.perform({ type: 'run', step: 'preflight' });
    assert.ok(!out.ok && out.error.kind === 'protocol', JSON.stringify(out));
    assert.ok(out.error.message.includes(c.org));
    assert.ok(!JSON.stringify(engine.journal()).includes('forged'));
    assert.ok(!JSON.stringify(engine.snapshot()).includes('forged'));
  });
});

describe('hostile org: a header value HTTP forbids', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  /** An authenticator whose credential holds what a hostile token endpoint could have put in it. */
  const forged = (headers: Record<string, string>): Authenticator => ({ authorize: async () => headers });

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['an access token with CR LF', { authorization: 'Bearer abc\r\nX-Evil: 1' }, /the authorization header would hold/],
    ['an access token with a NUL', { authorization: 'Bearer abc\u0000def' }, /the authorization header/],
    ['a DPoP proof with a line feed', { authorization: 'DPoP abc', dpop: 'ey.J\n.x' }, /the dpop header/],
    ['a header value with a character beyond Latin-1', { authorization: 'Bearer ab\u2028c' }, /authorization/],
  ];
  for (const [what, headers, expected] of cases) {
    it(`${what} on a read: an input error, nothing sent, certainly not reaching Okta`, async () => {
      const { org } = world();
      const c = new OktaClient({ baseUrl: org.base, auth: forged(headers) });
      try {
        const e = await rejection(c.listSecrets(APP_ID));
        assert.equal(e.kind, 'input');
        assert.match(e.message, expected);
        assert.match(e.message, /nothing was sent/);
        assert.ok(!e.message.includes('abc'), e.message);
        assert.equal(requestMayHaveReachedOkta(e), false);
        assert.equal(org.seen.length, 0);
      } finally {
        await c.close();
      }
    });
  }

  it('on a write: an input error, not "could not reach the org", and no reconciliation', async () => {
    const { org } = world();
    const c = new OktaClient({ baseUrl: org.base, auth: forged({ authorization: 'SSWS 00abc\r\nX: y' }) });
    try {
      const e = await rejection(c.createSecret(APP_ID, undefined, { listedBefore: [{ id: SECRET_ID }] }));
      assert.equal(e.kind, 'input');
      assert.doesNotMatch(e.message, /Could not reach/);
      assert.equal(org.seen.length, 0);
    } finally {
      await c.close();
    }
  });
});
