// The identity calls and the System Log against a hostile org: the same budget per operation (the System Log's
// pages through the one paging loop; checkSecretManagement's calls as one operation), and their text (logins,
// names, labels, what the log says) made safe where it enters. The sentinel must receive nothing.
import assert from 'node:assert/strict';
import { rejection } from '../okta/fixture.ts';
import { hostileWorld, json } from './hostileOrg.ts';

const USER = { id: '00u1hostileUSERid000', status: 'ACTIVE', profile: { login: 'admin@example.com' } };
const event = (n: number, over: Record<string, unknown> = {}) => ({
  uuid: `uuid-${n}`,
  published: '2026-01-01T00:00:00.000Z',
  eventType: 'app.oauth2.credentials.secret.add',
  displayMessage: 'Add OAuth2 client secret',
  actor: { id: USER.id, type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
  target: [{ id: '0oa1hostileAPPid0000', type: 'AppInstance', displayName: 'Okta Workflows OAuth' }],
  ...over,
});

describe('hostile org: the System Log and the identity calls', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  it('System Log pages that never end: stopped by the operation item budget', async () => {
    const { org, client } = world();
    const { client: c } = client({ operation: { maxItems: 50 } });
    org.script = (_req, n) =>
      json([event(n * 2), event(n * 2 + 1)], 200, [['link', `<${org.base}/api/v1/logs?after=${n}>; rel="next"`]]);
    const e = await rejection(c.listSystemLogEvents());
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /^127\.0\.0\.1:\d+ answered in an unexpected form: the answers held more than 50 items/);
    assert.match(e.operation, /^Reading the System Log$/);
    assert.equal(org.seen.length, 26);
  });

  it('a System Log page that never comes: the deadline, saying what was read before', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 5000, operation: { deadlineMs: 300 } });
    org.script = (_req, n) =>
      n === 1 ? json([event(1)], 200, [['link', `<${org.base}/api/v1/logs?after=1>; rel="next"`]]) : { stall: true };
    const e = await rejection(c.listSystemLogEvents());
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /ran out \(after [\d.]+ s: 1 answer \(1 page, 1 item\)\)/);
  });

  it("a System Log event's text with forged lines, ANSI and bidi: each field one safe line, capped", async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () =>
      json([
        event(1, {
          displayMessage: `Add secret\r\n2026-01-01 [info] forged ${'m'.repeat(5000)}`,
          actor: { id: USER.id, type: 'User', alternateId: '\u001b[31madmin', displayName: 'Ad\u202emin' },
          outcome: { result: 'SUCCESS\n', reason: '\u0007bell' },
        }),
      ]);
    const result = await c.listSystemLogEvents();
    assert.ok(result.permitted);
    const [e] = result.events;
    assert.ok(e!.displayMessage!.startsWith('Add secret\\r\\n2026-01-01') && e!.displayMessage!.length <= 500);
    assert.equal(e!.actor!.alternateId, '\\x1b[31madmin');
    assert.equal(e!.actor!.displayName, 'Ad\\u202emin');
    assert.deepEqual(e!.outcome, { result: 'SUCCESS', reason: '\\x07bell' });
  });

  it('users/me with an impossible id: a contract error naming the field, never the id', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json({ ...USER, id: '00u/../../apps\r\nX' });
    const e = await rejection(c.whoAmI());
    assert.equal(e.kind, 'protocol');
    assert.match(e.message, /id: not an Okta user id \(00u…\)/);
    assert.ok(!e.message.includes('../'), e.message);
  });

  it("an admin's login and name with a forged line: one safe line each", async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => json({ ...USER, profile: { login: 'a@b.c\r\nforged', displayName: '\u202eevil' } });
    const me = await c.whoAmI();
    assert.ok(me.kind === 'admin');
    assert.equal(me.login, 'a@b.c\\r\\nforged');
    assert.equal(me.name, '\\u202eevil');
  });

  it('checking secret management across 300 custom roles, each answered slowly: one operation, one deadline', async () => {
    const { org, client } = world();
    const { client: c } = client({ timeoutMs: 5000, operation: { deadlineMs: 400 } });
    const roles = Array.from({ length: 300 }, (_, i) => ({ id: `ra${i}`, type: 'CUSTOM', role: `cr0role${i}` }));
    org.script = (req) => {
      if (req.path === '/api/v1/users/me') return json(USER);
      if (req.path.endsWith('/roles')) return json(roles);
      return { ...json({ permissions: [{ label: 'okta.apps.read' }] }), delayMs: 60 };
    };
    const e = await rejection(c.checkSecretManagement());
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /^127\.0\.0\.1:\d+ did not answer in time: its time limit of 0\.4 s ran out/);
    assert.match(e.operation, /^Reading the permissions of role cr0role\d+$/);
    assert.ok(org.seen.length < 20, `${org.seen.length} requests`);
  });
});
