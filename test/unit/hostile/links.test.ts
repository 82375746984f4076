// Next links and redirects from a hostile org: a link is followed only on the org's origin and the list's path,
// never with a user name; the same page is recognised however the link spells it (scheme case, a fragment, the
// query's order and percent-encoding), so a loop ends at once; and no redirect is ever followed. The sentinel host
// every hostile link and Location points to must receive nothing (hostileWorld asserts it after each case).
import assert from 'node:assert/strict';
import { rejection } from '../okta/fixture.ts';
import { APP_ID, hostileWorld, json, secret, SECRET_ID, workflowsApp, type HostileServer } from './hostileOrg.ts';

const FIRST = '/api/v1/apps?limit=200';

describe('hostile org: next-page links', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  // [what, the next link of every answer (given the org and the sentinel), the refusal]
  const refused: Array<[string, (org: HostileServer, sentinel: HostileServer) => string, RegExp]> = [
    ['to the sentinel host', (_o, s) => `${s.base}/api/v1/apps?after=x`, /another host \(127\.0\.0\.1:\d+\)/],
    ['to the sentinel, protocol-relative', (_o, s) => `//127.0.0.1:${s.port}/api/v1/apps`, /not an absolute URL/],
    ['to a relative path', () => '/api/v1/apps?after=x', /not an absolute URL/],
    ['to https on the same port', (o) => `https://127.0.0.1:${o.port}/api/v1/apps?after=x`, /another host/],
    ['to localhost (another name for it)', (o) => `http://localhost:${o.port}/api/v1/apps?after=x`, /another host/],
    ['with a user name', (o) => `http://user@127.0.0.1:${o.port}/api/v1/apps?after=x`, /carries a user name/],
    ['with a user and password', (o) => `http://u:p@127.0.0.1:${o.port}/api/v1/apps?after=x`, /carries a user name/],
    ['to another resource', (o) => `${o.base}/api/v1/users?after=x`, /another resource/],
    ['to another resource through ../', (o) => `${o.base}/api/v1/apps/../users`, /another resource/],
    ['to javascript:', () => 'javascript:alert(1)', /another host/],
    ['to a data: URL', () => 'data:application/json,[]', /another host/],
    ['to the same page, upper-case scheme and host', (o) => `HTTP://127.0.0.1:${o.port}${FIRST}`, /repeats/],
    ['to the same page with a #fragment', (o) => `${o.base}${FIRST}#again`, /repeats/],
    ['to the same page, parameters percent-encoded', (o) => `${o.base}/api/v1/apps?lim%69t=200`, /repeats/],
    ['to the same page with an empty parameter added', (o) => `${o.base}${FIRST}&`, /repeats/],
  ];
  for (const [what, link, expected] of refused) {
    it(`a next link ${what}: refused, nothing sent there`, async () => {
      const { org, sentinel, client } = world();
      const { client: c } = client();
      org.script = () => json([workflowsApp()], 200, [['link', `<${link(org, sentinel)}>; rel="next"`]]);
      const e = await rejection(c.listApps());
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, expected);
      assert.ok(e.message.includes(`127.0.0.1:${org.port}`), e.message);
      assert.equal(org.seen.length, 1);
    });
  }

  it('the same page with its parameters in another order, after a page between: a loop, stopped', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = (req) =>
      json([workflowsApp()], 200, [
        [
          'link',
          `<${org.base}${req.path.includes('after') ? '/api/v1/apps?limit=200' : '/api/v1/apps?limit=200&after=p2'}>; rel="next"`,
        ],
      ]);
    const e = await rejection(c.listApps());
    assert.match(e.message, /repeats an earlier page/);
    assert.equal(org.seen.length, 2);
  });

  it('links that never repeat: stopped at the page limit', async () => {
    const { org, client } = world();
    const { client: c } = client({ maxPages: 5 });
    org.script = (_req, n) => json([], 200, [['link', `<${org.base}/api/v1/apps?after=${n}>; rel="next"`]]);
    const e = await rejection(c.listApps());
    assert.match(e.message, /more than 5 pages: stopped following next links/);
    assert.equal(org.seen.length, 5);
  });

  it('a self link to the sentinel beside the real next link: only rel="next" is followed', async () => {
    const { org, sentinel, client } = world();
    const { client: c } = client();
    org.script = (req) =>
      req.path.includes('after=2')
        ? json([workflowsApp()])
        : json([], 200, [['link', `<${sentinel.base}/x>; rel="self", <${org.base}/api/v1/apps?after=2>; rel="next"`]]);
    assert.equal((await c.listApps()).length, 1);
    assert.equal(org.seen.length, 2);
  });
});

describe('hostile org: redirects', function () {
  this.timeout(10_000);
  const world = hostileWorld();

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a ${status} to the sentinel on a read: a protocol error, not followed`, async () => {
      const { org, sentinel, client } = world();
      const { client: c } = client();
      org.script = () => ({ status, headers: [['location', `${sentinel.base}/api/v1/apps/${APP_ID}`]] });
      const e = await rejection(c.getApp(APP_ID));
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /redirect/);
    });
  }

  it('a 307 on a create: a protocol error after one POST, nothing re-sent anywhere', async () => {
    const { org, sentinel, client } = world();
    const { client: c } = client();
    org.script = (req) =>
      req.method === 'POST' ? { status: 307, headers: [['location', `${sentinel.base}/steal`]] } : json([secret()]);
    const e = await rejection(c.createSecret(APP_ID, undefined, { listedBefore: [{ id: SECRET_ID }] }));
    assert.equal(e.kind, 'protocol');
    assert.equal(org.seen.filter((r) => r.method === 'POST').length, 1);
  });

  it('a redirect to another path of the same org: not followed either', async () => {
    const { org, client } = world();
    const { client: c } = client();
    org.script = () => ({ status: 302, headers: [['location', `${org.base}/login/login.htm`]] });
    const e = await rejection(c.listSecrets(APP_ID));
    assert.equal(e.kind, 'protocol');
    assert.equal(org.seen.length, 1);
  });
});
