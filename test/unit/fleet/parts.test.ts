// The fleet's pure parts: pairing by previewOrg label, the due-org selection, what is remembered of an org (never a
// value), and a refresh that is one call once the app is known (found again on a 404), against the simulator.
import assert from 'node:assert/strict';
import { ApiTokenAuth, OktaClient } from '../../../src/okta/client.ts';
import { resolvePairs, type FleetOrg } from '../../../src/fleet/campaign/pairing.ts';
import { campaignCandidates } from '../../../src/fleet/campaign/selection.ts';
import { knownOrgOf, parseKnownOrgs, type KnownOrg } from '../../../src/fleet/knownOrgs.ts';
import { refreshOrg } from '../../../src/fleet/orgRefresh.ts';
import { isOktaError } from '../../../src/okta/errors.ts';
import { orgSignal } from '../../../src/fleet/campaign/orgSignal.ts';
import { abortedByCancel, abortedByDeadline, OperationBudget } from '../../../src/okta/http/operationBudget.ts';
import { waitFor } from '../../support/waitFor.ts';
import { startSimulator, type Simulator } from '../../../src/simulator/index.ts';

const org = (key: string, environment: 'preview' | 'production', previewOrg?: string): FleetOrg => ({
  key,
  label: key.split('.')[0]!.replace(/^./, (c) => c.toUpperCase()),
  environment,
  ...(previewOrg ? { previewOrg } : {}),
});

describe('fleet: pairing by previewOrg label', () => {
  it('pairs a production org with the preview org it names (exact, then case-insensitive)', () => {
    const orgs = [
      org('acme-preview.oktapreview.com', 'preview'),
      org('acme.okta.com', 'production', 'Acme-preview'),
      org('beta.okta.com', 'production', 'acme-PREVIEW'),
    ];
    const pairs = resolvePairs(orgs);
    assert.deepEqual(
      [...pairs.previewOf],
      [
        ['acme.okta.com', 'acme-preview.oktapreview.com'],
        ['beta.okta.com', 'acme-preview.oktapreview.com'],
      ],
    );
    assert.deepEqual(pairs.problems, []);
  });

  it('a practice org is never the preview org of a real one: the real org stays unpaired, and says why', () => {
    const orgs: FleetOrg[] = [
      { ...org('127.0.0.1:4000', 'preview'), label: 'Practice Preview', practice: true },
      org('acme.okta.com', 'production', 'Practice Preview'),
      { ...org('127.0.0.1:4001', 'production', 'Practice Preview'), label: 'Practice Production', practice: true },
    ];
    const pairs = resolvePairs(orgs);
    assert.deepEqual(
      [...pairs.previewOf],
      [['127.0.0.1:4001', '127.0.0.1:4000']],
      'practice orgs pair among themselves',
    );
    assert.deepEqual(pairs.problems, [
      'Acme: previewOrg "Practice Preview" is a practice org and Acme is not; it is rotated unpaired.',
    ]);
  });

  it('says why an org stays unpaired: unknown label, a production org named, previewOrg on a preview org', () => {
    const orgs = [
      org('p.oktapreview.com', 'preview', 'Q'),
      org('q.okta.com', 'production', 'Nobody'),
      org('r.okta.com', 'production', 'Q'),
    ];
    const pairs = resolvePairs(orgs);
    assert.equal(pairs.previewOf.size, 0);
    assert.equal(pairs.problems.length, 3);
    assert.match(pairs.problems.join('\n'), /names no configured org/);
    assert.match(pairs.problems.join('\n'), /is a production org/);
    assert.match(pairs.problems.join('\n'), /for production orgs; it is ignored/);
  });
});

describe('fleet: which orgs a campaign starts with', () => {
  const now = new Date('2026-11-26T00:00:00.000Z');
  const known = (days: number): KnownOrg => ({
    app: {
      id: '0oa00000000000000001',
      name: 'flow',
      label: 'Okta Workflows OAuth',
      clientId: 'c',
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: [],
    },
    secrets: [
      {
        id: 'ocs1',
        status: 'ACTIVE',
        created: new Date(now.getTime() - days * 86_400_000).toISOString(),
        masked: '••••abcd',
      },
    ],
    listedAt: now.toISOString(),
  });

  it('picks every org past the age, and the preview org of a due production org; previews first', () => {
    const orgs = [
      org('acme.okta.com', 'production', 'Acme-preview'),
      org('acme-preview.oktapreview.com', 'preview'),
      org('beta.okta.com', 'production'),
      org('gamma.okta.com', 'production'),
    ];
    const ages: Record<string, number> = {
      'acme.okta.com': 120,
      'acme-preview.oktapreview.com': 30,
      'beta.okta.com': 91,
    };
    const list = campaignCandidates(
      orgs,
      (key) => (ages[key] === undefined ? undefined : known(ages[key]!)),
      resolvePairs(orgs),
      90,
      now,
    );
    assert.deepEqual(
      list.map((c) => [c.org.key, c.picked]),
      [
        ['acme-preview.oktapreview.com', true],
        ['acme.okta.com', true],
        ['beta.okta.com', true],
        ['gamma.okta.com', false],
      ],
    );
    assert.match(list[0]!.why, /preview org of Acme, rotated first/);
    assert.match(list[1]!.why, /120 d old \(over 90 d\)/);
    assert.match(list[3]!.why, /not loaded yet/);
  });
});

describe('fleet: what is remembered of an org', () => {
  it('keeps ids, dates, statuses and masked values only; a broken entry is named and left out', () => {
    const app = {
      id: '0oa00000000000000001',
      name: 'flow',
      label: 'Okta Workflows OAuth',
      clientId: 'client',
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: ['https://x/cb'],
    };
    const value = 'sEcReT-vAlUe-1234567890-abcd';
    const remembered = knownOrgOf(
      app,
      [{ id: 'ocs1', status: 'ACTIVE', created: '2026-01-01T00:00:00.000Z', lastUpdated: 'x', client_secret: value }],
      new Date('2026-11-26T00:00:00.000Z'),
    );
    assert.ok(!JSON.stringify(remembered).includes(value.slice(0, 8)));
    assert.equal(remembered.secrets[0]?.masked, '••••abcd');
    const parsed = parseKnownOrgs({
      'a.okta.com': remembered,
      'b.okta.com': { ...remembered, secrets: [{ ...remembered.secrets[0], masked: value }] },
    });
    assert.deepEqual([...parsed.orgs.keys()], ['a.okta.com']);
    assert.equal(parsed.problems.length, 1);
    assert.ok(!parsed.problems[0]!.includes(value.slice(0, 8)));
  });
});

describe('fleet: refreshing an org', () => {
  let sim: Simulator | undefined;
  let client: OktaClient | undefined;
  afterEach(async () => {
    await client?.close();
    await sim?.close();
  });

  it('is one list call once the app is remembered; a 404 finds the app again; a setting app id wins', async () => {
    sim = await startSimulator({ orgs: [{ name: 'acme', environment: 'production', serviceApp: false }] });
    const o = sim.org('acme');
    client = new OktaClient({ baseUrl: o.info.baseUrl, auth: new ApiTokenAuth(o.info.apiToken) });
    const cold = await refreshOrg(client, {}, undefined);
    assert.equal(cold.discovered, true);
    assert.equal(cold.app.id, o.info.workflowsAppId);
    o.clearRequests();
    const warm = await refreshOrg(client, {}, cold.app);
    assert.equal(warm.discovered, false);
    assert.deepEqual(
      o.requests.map((r) => `${r.method} ${r.path}`),
      [`GET /api/v1/apps/${o.info.workflowsAppId}/credentials/secrets`],
    );
    o.clearRequests();
    const gone = await refreshOrg(client, {}, { ...cold.app, id: '0oaGONE0000000000000' });
    assert.equal(gone.discovered, true);
    assert.equal(gone.app.id, o.info.workflowsAppId);
    assert.equal(o.requests[0]?.status, 404);
    o.clearRequests();
    const other = o.addApp({ name: 'oidc_client', label: 'Other', oauthClient: { redirectUris: ['https://o/cb'] } });
    const pinned = await refreshOrg(client, { appId: other }, cold.app);
    assert.equal(pinned.app.id, other, "the org setting's app id wins over the remembered one");
  });

  it("with the setting's app id and nothing remembered, the app and its secrets are asked at once", async () => {
    sim = await startSimulator({ orgs: [{ name: 'acme', environment: 'production', serviceApp: false }] });
    const o = sim.org('acme');
    client = new OktaClient({ baseUrl: o.info.baseUrl, auth: new ApiTokenAuth(o.info.apiToken) });
    const appId = o.info.workflowsAppId;
    // The app's answer is held: the list still reaches the org meanwhile, so the two were in flight together.
    const held = o.faults.hold('GET', new RegExp(`/apps/${appId}$`));
    const refreshing = refreshOrg(client, { appId }, undefined);
    await held.reached;
    await waitFor(
      () => o.requests.some((r) => r.path.endsWith('/credentials/secrets') && r.status === 200),
      'the secrets listed while the app was held',
    );
    held.release();
    const first = await refreshing;
    assert.equal(first.app.id, appId);
    assert.equal(first.secrets.length, 1);
    assert.deepEqual(o.requests.map((r) => `${r.method} ${r.path}`).sort(), [
      `GET /api/v1/apps/${appId}`,
      `GET /api/v1/apps/${appId}/credentials/secrets`,
    ]);
    // An id that is not an OAuth app: the app's refusal is what the org shows, not the list's.
    const other = o.addApp({ name: 'bookmark', label: 'A bookmark', signOnMode: 'BOOKMARK', oauthClient: false });
    await assert.rejects(refreshOrg(client, { appId: other }, undefined), (e: unknown) => isOktaError(e, 'input'));
  });
});

describe('fleet: each org of a bulk action on a signal of its own', () => {
  it("is not the bulk action's operation (its own budget per step), and is aborted with the bulk action's reason", async () => {
    const bulk = new OperationBudget({ deadlineMs: 60_000 });
    const own = orgSignal(bulk.signal);
    assert.ok(OperationBudget.of(bulk.signal), 'the bulk action is an operation');
    assert.equal(OperationBudget.of(own.signal), undefined, "an org's steps do not share the bulk action's budget");
    bulk.dispose();
    const cancelled = new AbortController();
    const org = orgSignal(cancelled.signal);
    cancelled.abort();
    assert.ok(abortedByCancel(org.signal), 'a cancel stays a cancel');
    org.dispose();
    own.dispose();
    assert.equal(orgSignal(undefined).signal, undefined);
  });

  it("a bulk action's deadline reaches every org as a deadline", async () => {
    const bulk = new OperationBudget({ deadlineMs: 0 });
    const own = orgSignal(bulk.signal);
    await waitFor(() => abortedByDeadline(own.signal), 'the deadline forwarded');
    own.dispose();
    bulk.dispose();
  });
});
