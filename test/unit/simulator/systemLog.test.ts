// The simulator's System Log over real HTTP: one event per client-secret lifecycle change naming who acted (an admin
// by API token, a service app), on the org's clock; and GET /api/v1/logs's query: since/until, SCIM filter, q,
// sortOrder, limit with Link paging, Okta's 400s, and 403 without the right.
import assert from 'node:assert/strict';
import { AUDITING_SERVICE_APP, startSimulator } from '../../../src/simulator/index.ts';
import type { SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { call, secretsPath, type Call } from './helpers.ts';
import { closeServiceAppCallers, serviceAppCaller } from './serviceAppToken.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Event = any;
const LIFECYCLE = 'app.oauth2.credentials.lifecycle';

describe('simulator: the System Log', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  /** The org's clock: real time plus an offset a test may move. */
  let offset = 0;
  before(async () => {
    sim = await startSimulator({
      orgs: [{ name: 'acme', environment: 'production', serviceApp: AUDITING_SERVICE_APP, decoyApps: 1 }],
      now: () => Date.now() + offset,
    });
    org = sim.org('acme');
  });
  afterEach(async () => {
    offset = 0;
    await closeServiceAppCallers();
  });
  after(() => sim.close());

  const base = () => secretsPath(org.info.workflowsAppId);
  const logs = (query: Record<string, string>, token = org.info.apiToken) =>
    call(org, 'GET', `/api/v1/logs?${new URLSearchParams(query).toString()}`, { token });
  /** The events about one secret, oldest first. */
  const eventsOf = (secretId: string): Event[] => org.systemLog().filter((e: Event) => e.target[1].id === secretId);

  it('each secret change is one event naming the admin, the app and the secret, at the org clock; no-ops and refusals log nothing', async () => {
    const before = org.systemLog().length;
    const ada = (await call(org, 'GET', '/api/v1/users/me')).body;
    const [old] = org.secrets();
    offset = -3_000;
    const created = await call(org, 'POST', base(), { body: {} });
    assert.equal(created.status, 201);
    await call(org, 'POST', `${base()}/${created.body.id}/lifecycle/activate`); // already active: no-op
    await call(org, 'GET', base()); // a read
    const deactivated = await call(org, 'POST', `${base()}/${old!.id}/lifecycle/deactivate`);
    await call(org, 'POST', `${base()}/${old!.id}/lifecycle/deactivate`); // no-op
    assert.equal((await call(org, 'DELETE', `${base()}/${created.body.id}`)).status, 400); // active: refused
    await call(org, 'POST', `${base()}/${old!.id}/lifecycle/activate`);
    await call(org, 'POST', `${base()}/${old!.id}/lifecycle/deactivate`);
    const deleted = await call(org, 'DELETE', `${base()}/${old!.id}`);
    assert.equal(deleted.status, 204);

    const events: Event[] = org.systemLog().filter((e: Event) => [created.body.id, old!.id].includes(e.target[1].id));
    assert.equal(org.systemLog().length - before, events.length, 'nothing else was logged');
    assert.deepEqual(
      events.map((e) => [e.eventType, e.target[1].id, e.target[1].detailEntry.status]),
      [
        [`${LIFECYCLE}.create`, created.body.id, 'ACTIVE'],
        [`${LIFECYCLE}.deactivate`, old!.id, 'INACTIVE'],
        [`${LIFECYCLE}.activate`, old!.id, 'ACTIVE'],
        [`${LIFECYCLE}.deactivate`, old!.id, 'INACTIVE'],
        [`${LIFECYCLE}.delete`, old!.id, 'INACTIVE'],
      ],
    );
    const [create, deactivate] = events;
    assert.deepEqual(create.actor, {
      id: ada.id,
      type: 'User',
      alternateId: ada.profile.login,
      displayName: 'Ada Admin',
    });
    assert.deepEqual(create.target[0], {
      id: org.info.workflowsAppId,
      type: 'AppInstance',
      alternateId: 'Okta Workflows OAuth',
      displayName: 'Okta Workflows OAuth',
    });
    assert.equal(create.target[1].type, 'OAuth2ClientSecret');
    assert.match(create.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(new Set(events.map((e) => e.uuid)).size, events.length);
    assert.ok(Math.abs(Date.parse(create.published) - (Date.now() - 3_000)) < 2_000, 'published on the org clock');
    assert.equal(create.outcome.result, 'SUCCESS');
    assert.equal(create.severity, 'INFO');
    assert.equal(create.transaction.id, created.headers.get('x-okta-request-id'));
    assert.match(create.transaction.detail.requestApiTokenId, /^00T[A-Za-z0-9]{17}$/);
    assert.equal(deactivate.transaction.id, deactivated.headers.get('x-okta-request-id'));
    assert.equal(create.client.ipAddress, '127.0.0.1');
    assert.equal(create.debugContext.debugData.requestUri, base());
    const text = JSON.stringify(events);
    assert.ok(!text.includes(created.body.client_secret), 'no secret value in the log');
    assert.ok(!text.includes(old!.clientSecret), 'no secret value in the log');
    assert.ok(!text.includes(org.info.apiToken), 'no token in the log');
  });

  it('a service app acting is the actor (PublicClientApp) and the client; a custom-role admin is the actor too', async () => {
    const app = serviceAppCaller(org, ['okta.apps.manage']);
    const created = await app.call('POST', base());
    assert.equal(created.status, 201);
    const [event] = eventsOf(created.body.id);
    const sa = org.info.serviceApp!;
    assert.deepEqual(event.actor, {
      id: sa.clientId,
      type: 'PublicClientApp',
      alternateId: sa.clientId,
      displayName: 'Workflows Secret Rotation',
    });
    assert.equal(event.client.id, sa.clientId);
    assert.deepEqual(event.transaction.detail, {});

    const casey = (await call(org, 'GET', '/api/v1/users/me', { token: org.info.customRoleToken })).body;
    await call(org, 'POST', `${base()}/${created.body.id}/lifecycle/deactivate`, { token: org.info.customRoleToken });
    await call(org, 'DELETE', `${base()}/${created.body.id}`, { token: org.info.customRoleToken });
    assert.deepEqual(
      eventsOf(created.body.id)
        .slice(1)
        .map((e) => [e.eventType, e.actor.id, e.actor.alternateId]),
      [
        [`${LIFECYCLE}.deactivate`, casey.id, casey.profile.login],
        [`${LIFECYCLE}.delete`, casey.id, casey.profile.login],
      ],
    );
  });

  it('since (inclusive), until (exclusive) and the default window of 7 days before until', async () => {
    offset = -8 * 24 * 3600_000;
    const created = (await call(org, 'POST', base(), { body: {} })).body;
    offset = 0;
    await call(org, 'POST', `${base()}/${created.id}/lifecycle/deactivate`);
    offset = 1_000; // the delete a second later, so an until at its time excludes it alone
    await call(org, 'DELETE', `${base()}/${created.id}`);
    const [old, deactivate, del] = eventsOf(created.id);
    const ids = (res: Call) => res.body.map((e: Event) => e.uuid);
    const filter = `target.id eq "${created.id}"`;
    assert.deepEqual(ids(await logs({ filter })), [deactivate.uuid, del.uuid], 'older than 7 days is out by default');
    assert.deepEqual(ids(await logs({ filter, since: old.published })), [old.uuid, deactivate.uuid, del.uuid]);
    assert.deepEqual(ids(await logs({ filter, since: old.published, until: del.published })), [
      old.uuid,
      deactivate.uuid,
    ]);
    assert.deepEqual(ids(await logs({ filter, until: deactivate.published })), [], 'the window ends at until');
  });

  it('filter: target.id and eventType with and, or, not, parentheses, sw and co; q keywords; sortOrder', async () => {
    const decoy = org.addApp({ name: 'oidc_client', label: 'Log Decoy' });
    const decoyCreated = (await call(org, 'POST', secretsPath(decoy), { body: {} })).body;
    const created = (await call(org, 'POST', base(), { body: {} })).body;
    await call(org, 'POST', `${base()}/${created.id}/lifecycle/deactivate`);
    await call(org, 'DELETE', `${base()}/${created.id}`);
    const types = (res: Call) =>
      res.body.map((e: Event) => `${e.eventType.replace(`${LIFECYCLE}.`, '')}:${e.target[0].id}`);
    const app = org.info.workflowsAppId;
    const mine = `target.id eq "${created.id}"`;
    assert.deepEqual(types(await logs({ filter: mine })), [`create:${app}`, `deactivate:${app}`, `delete:${app}`]);
    assert.deepEqual(types(await logs({ filter: `${mine} and eventType eq "${LIFECYCLE}.delete"` })), [
      `delete:${app}`,
    ]);
    assert.deepEqual(
      types(
        await logs({ filter: `target.id eq "${decoyCreated.id}" or (${mine} and not eventType sw "${LIFECYCLE}.d")` }),
      ),
      [`create:${decoy}`, `create:${app}`],
    );
    assert.deepEqual(types(await logs({ filter: `target.id eq "${decoy}" and displayMessage co "create"` })), [
      `create:${decoy}`,
    ]);
    assert.deepEqual(types(await logs({ filter: `${mine} and actor.alternateId pr` })).length, 3);
    assert.deepEqual(types(await logs({ q: `log decoy ${decoyCreated.id.slice(0, 8)}` })), [`create:${decoy}`]);
    assert.deepEqual(types(await logs({ filter: mine, sortOrder: 'DESCENDING' })), [
      `delete:${app}`,
      `deactivate:${app}`,
      `create:${app}`,
    ]);
  });

  it('a bounded query (until) pages by Link rel="next" (an opaque after) until no next link; limit 0 is an empty page', async () => {
    const created = (await call(org, 'POST', base(), { body: {} })).body;
    await call(org, 'POST', `${base()}/${created.id}/lifecycle/deactivate`);
    await call(org, 'POST', `${base()}/${created.id}/lifecycle/activate`);
    await call(org, 'POST', `${base()}/${created.id}/lifecycle/deactivate`);
    await call(org, 'DELETE', `${base()}/${created.id}`);
    const expected = eventsOf(created.id).map((e) => e.uuid);
    assert.equal(expected.length, 5);
    const until = new Date(Date.now() + 60_000).toISOString();
    const seen: string[] = [];
    let res = await logs({ filter: `target.id eq "${created.id}"`, limit: '2', until });
    for (let pages = 1; ; pages++) {
      assert.equal(res.status, 200);
      seen.push(...res.body.map((e: Event) => e.uuid));
      const link = res.headers.get('link') ?? '';
      assert.match(link, /rel="self"/);
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      if (!next) {
        assert.equal(pages, 3);
        break;
      }
      const url = new URL(next);
      assert.equal(url.origin + url.pathname, `${org.info.baseUrl}/api/v1/logs`);
      assert.equal(url.searchParams.get('limit'), '2');
      assert.ok(url.searchParams.get('after'));
      res = await call(org, 'GET', next);
    }
    assert.deepEqual(seen, expected);
    const empty = await logs({ limit: '0', until });
    assert.deepEqual(empty.body, []);
    assert.ok(!(empty.headers.get('link') ?? '').includes('rel="next"'));
    const descending = await logs({ filter: `target.id eq "${created.id}"`, sortOrder: 'DESCENDING', limit: '5' });
    assert.equal(descending.body.length, 5);
    assert.ok(!(descending.headers.get('link') ?? '').includes('rel="next"'), 'DESCENDING is bounded');
  });

  it('a polling query (no until) always links a next page, empty ones too; following it later finds what came since', async () => {
    const next = (res: Call) => /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    const created = (await call(org, 'POST', base(), { body: {} })).body;
    const filter = `target.id eq "${created.id}"`;
    const first = await logs({ filter });
    assert.deepEqual(
      first.body.map((e: Event) => e.uuid),
      eventsOf(created.id).map((e) => e.uuid),
    );
    const emptyLink = next(first)!;
    assert.ok(emptyLink, 'a polling page links the next one even when it holds every event');
    const empty = await call(org, 'GET', emptyLink);
    assert.deepEqual(empty.body, []);
    const stillLinked = next(empty)!;
    assert.ok(stillLinked, 'an empty polling page links a next one too');
    await call(org, 'POST', `${base()}/${created.id}/lifecycle/deactivate`);
    const later = await call(org, 'GET', stillLinked);
    assert.deepEqual(
      later.body.map((e: Event) => e.eventType),
      [`${LIFECYCLE}.deactivate`],
    );
    // A first polling page with nothing in it yet: its link still leads to what comes next.
    const none = await logs({ filter: `target.id eq "ocsNothingYetNothing0"` });
    assert.deepEqual(none.body, []);
    assert.ok(next(none));
  });

  it('400 E0000001 for what Okta refuses: limit, sortOrder, since, until, since after until, filter, q, after', async () => {
    const now = new Date().toISOString();
    for (const [query, parameter] of [
      [{ limit: '1001' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ sortOrder: 'UP' }, 'sortOrder'],
      [{ since: 'yesterday' }, 'since'],
      [{ until: '2026-13-45' }, 'until'],
      [{ since: now, until: '2020-01-01T00:00:00Z' }, 'since'],
      [{ filter: 'target.id eq' }, 'filter'],
      [{ filter: 'target.id equals "x"' }, 'filter'],
      [{ filter: '(eventType eq "x"' }, 'filter'],
      [{ q: 'x'.repeat(41) }, 'q'],
      [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ] as const) {
      const res = await logs(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal(res.body.errorCode, 'E0000001');
      assert.equal(res.body.errorSummary, `Api validation failed: ${parameter}`);
      assert.equal(res.body.errorCauses.length, 1);
    }
  });

  it('403 without the right: a custom-role admin, a service app without okta.logs.read; the logs bucket and faults', async () => {
    const custom = await logs({}, org.info.customRoleToken);
    assert.equal(custom.status, 403);
    assert.equal(custom.body.errorCode, 'E0000006');
    for (const token of [org.info.readOnlyToken, org.info.appAdminToken])
      assert.equal((await logs({}, token)).status, 200);
    const noScope = await serviceAppCaller(org, ['okta.apps.read']).call('GET', '/api/v1/logs');
    assert.equal(noScope.status, 403);
    assert.match(noScope.headers.get('www-authenticate') ?? '', /scope="okta\.logs\.read"/);
    assert.equal((await serviceAppCaller(org, ['okta.logs.read']).call('GET', '/api/v1/logs')).status, 200);

    const ok = await logs({ limit: '1' });
    assert.equal(ok.headers.get('x-rate-limit-limit'), '50');
    org.setRateLimit(0, 'logs');
    try {
      const limited = await logs({});
      assert.equal(limited.status, 429);
      assert.equal(limited.body.errorCode, 'E0000047');
    } finally {
      org.setRateLimit(50, 'logs');
    }
    org.faults.failNext(1, { path: /^\/api\/v1\/logs$/, status: 503 });
    assert.equal((await logs({})).status, 503);
  });
});
