// A forgotten flow and the token endpoint's System Log over real HTTP: a Workflows connection refreshing its token with
// one secret (from its own loopback address and user agent) succeeds while that secret is ACTIVE, and each refresh
// after a deactivation or a delete fails and is logged (app.oauth2.invalid_client_credentials, the presented secret's
// hash, never the secret); a rollback makes it succeed again. The secret probe stays silent when the secret
// authenticates. stop() and closing the simulator stop a flow; a seed or the proxied path's TLS org can start one.
import assert from 'node:assert/strict';
import { secretHash } from '../../../src/okta/secretHash.ts';
import { startSimulator } from '../../../src/simulator/index.ts';
import type { ForgottenFlow, SimulatedOrg, Simulator } from '../../../src/simulator/index.ts';
import { withForgottenFlow, DEFAULT_ORGS } from '../../../src/simulator/seed.ts';
import { proxiedPath } from '../../support/proxiedPath.ts';
import { waitFor } from '../../support/waitFor.ts';
import { call, probe, secretsPath } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Event = any;
const INVALID_CLIENT = 'app.oauth2.invalid_client_credentials';

describe('simulator: a forgotten flow and the token endpoint in the System Log', () => {
  let sim: Simulator;
  let org: SimulatedOrg;
  const flows: ForgottenFlow[] = [];
  beforeEach(async () => {
    sim = await startSimulator({
      orgs: [
        { name: 'acme', environment: 'production', decoyApps: 0 },
        {
          name: 'post',
          environment: 'preview',
          decoyApps: 0,
          workflowsApp: { tokenEndpointAuthMethod: 'client_secret_post' },
        },
      ],
    });
    org = sim.org('acme');
  });
  afterEach(async () => {
    for (const f of flows.splice(0)) await f.stop();
    await sim.close();
  });

  const base = () => secretsPath(org.info.workflowsAppId);
  const flow = async (opts: Parameters<SimulatedOrg['forgottenFlow']>[0] = {}, on = org) => {
    const f = await on.forgottenFlow({ intervalMs: 600_000, ...opts });
    flows.push(f);
    return f;
  };
  const failures = (): Event[] => org.systemLog().filter((e: Event) => e.eventType === INVALID_CLIENT);
  const logged = async (filter: string): Promise<Event[]> =>
    (await call(org, 'GET', `/api/v1/logs?${new URLSearchParams({ filter }).toString()}`)).body;

  it('refreshes with the ACTIVE secret until it is deactivated; then each refresh fails and is logged, never before', async () => {
    const [old] = org.secrets();
    const f = await flow();
    assert.deepEqual(f.refreshes, { succeeded: 1, failed: 0 }, 'the first refresh is done when the flow starts');
    assert.equal(f.clientIp, '127.0.0.42', 'its own loopback address (Linux routes all of 127/8)');
    assert.match(f.userAgent, /forgotten flow/);
    assert.equal(f.secretHash, old!.secretHash);
    const query = `eventType eq "${INVALID_CLIENT}" and target.id eq "${org.info.workflowsAppId}"`;
    assert.deepEqual(await logged(query), [], 'nothing while its secret is ACTIVE');
    const granted: Event[] = org
      .systemLog()
      .filter((e: Event) => e.eventType === 'app.oauth2.token.grant.refresh_token');
    assert.equal(granted.length, 1);
    assert.equal(granted[0].outcome.result, 'SUCCESS');
    assert.equal(granted[0].debugContext.debugData.client_secret, undefined, 'no hash on a success');

    const created = (await call(org, 'POST', base(), { body: {} })).body;
    assert.equal(await f.refreshNow(), 200, 'both secrets ACTIVE: still fine');
    assert.deepEqual(await logged(query), []);
    await call(org, 'POST', `${base()}/${old!.id}/lifecycle/deactivate`);
    assert.equal(await f.refreshNow(), 401);
    const [failure, ...more] = await logged(query);
    assert.deepEqual(more, []);
    assert.equal(failure.eventType, INVALID_CLIENT);
    assert.equal(failure.legacyEventType, 'app.oauth2.invalid_client_credentials_failure');
    assert.deepEqual(failure.outcome, { result: 'FAILURE', reason: 'INVALID_CLIENT_CREDENTIALS' });
    assert.deepEqual(failure.actor, {
      id: org.info.clientId,
      type: 'PublicClientApp',
      alternateId: org.info.clientId,
      displayName: 'Okta Workflows OAuth',
    });
    assert.deepEqual(
      failure.target.map((t: Event) => [t.id, t.type]),
      [[org.info.workflowsAppId, 'AppInstance']],
    );
    assert.equal(failure.client.id, org.info.clientId);
    assert.equal(failure.client.ipAddress, '127.0.0.42');
    assert.equal(failure.client.userAgent.rawUserAgent, f.userAgent);
    assert.deepEqual(failure.debugContext.debugData.client_secret, old!.secretHash);
    assert.equal(failure.debugContext.debugData.client_auth_type, 'client_secret_basic');
    assert.equal(failure.debugContext.debugData.grantType, 'refresh_token');
    assert.match(failure.uuid, /^[0-9a-f-]{36}$/);
    const text = JSON.stringify(org.systemLog());
    for (const s of [old!.clientSecret, created.client_secret]) assert.ok(!text.includes(s), 'never a secret value');

    await call(org, 'POST', `${base()}/${old!.id}/lifecycle/activate`);
    assert.equal(await f.refreshNow(), 200, 'a rollback: the flow works again');
    await call(org, 'POST', `${base()}/${old!.id}/lifecycle/deactivate`);
    await call(org, 'DELETE', `${base()}/${old!.id}`);
    assert.equal(await f.refreshNow(), 401, 'deleted: fails too');
    assert.equal((await logged(query)).length, 2);
    assert.deepEqual(f.refreshes, { succeeded: 3, failed: 2 });
  });

  it('a given secret, the client_secret_post method, an unknown refresh token (token.grant FAILURE)', async () => {
    const wrong = await flow({ secret: 'a-secret-this-app-never-had' });
    assert.deepEqual(wrong.refreshes, { succeeded: 0, failed: 1 });
    assert.equal(failures()[0].debugContext.debugData.client_secret, secretHash('a-secret-this-app-never-had'));

    const post = sim.org('post');
    const viaForm = await flow({}, post);
    assert.deepEqual(viaForm.refreshes, { succeeded: 1, failed: 0 });

    await flow({ refreshToken: 'not-one-the-org-issued' });
    const [grant]: Event[] = org.systemLog().filter((e: Event) => e.eventType === 'app.oauth2.token.grant');
    assert.deepEqual(grant.outcome.result, 'FAILURE');
    assert.equal(grant.target[0].id, org.info.workflowsAppId);
    assert.equal(grant.debugContext.debugData.client_secret, undefined);
    await assert.rejects(flow({ appId: '0oaNOPEnopeNOPEnope0' }), /no OAuth app/);
  });

  it('the probe: silent when the secret authenticates; a wrong secret is invalid_client and logged; an unknown client is not', async () => {
    const [active] = org.secrets();
    assert.equal((await probe(org, active!.clientSecret)).status, 400);
    assert.deepEqual(org.systemLog(), [], 'a probe that authenticates writes nothing');
    assert.equal((await probe(org, 'wrong-secret-value-here')).status, 401);
    const [failure] = failures();
    assert.equal(failure.debugContext.debugData.client_secret, secretHash('wrong-secret-value-here'));
    assert.equal(failure.debugContext.debugData.grantType, 'authorization_code');
    assert.equal(failure.client.ipAddress, '127.0.0.1');
    assert.equal((await probe(org, active!.clientSecret, { post: true })).status, 401, 'the wrong method');
    assert.equal(failures()[1].debugContext.debugData.client_auth_type, 'client_secret_post');
    assert.equal((await probe(org, active!.clientSecret, { clientId: '0oaSOMEOTHERCLIENT00' })).status, 401);
    assert.equal(failures().length, 2, 'no app has that client id: nothing to name in the log');
  });

  it('refreshes on its interval; stop() stops it, and refreshNow() after it is refused', async () => {
    const f = await flow({ intervalMs: 20 });
    await waitFor(() => f.refreshes.succeeded >= 4, 'four refreshes on a 20 ms interval');
    await f.stop();
    const stopped = f.refreshes.succeeded + f.refreshes.failed;
    const requests = org.requests.filter((r) => r.path === '/oauth2/v1/token').length;
    await new Promise((resolve) => setTimeout(resolve, 200)); // ten intervals
    assert.equal(f.refreshes.succeeded + f.refreshes.failed, stopped);
    assert.equal(org.requests.filter((r) => r.path === '/oauth2/v1/token').length, requests);
    await assert.rejects(f.refreshNow(), /stopped/);
  });

  it("closing the simulator stops its flows, a seeded one included (OrgSeed.forgottenFlow, named in the org's info)", async () => {
    const seeded = await startSimulator({ orgs: withForgottenFlow(DEFAULT_ORGS, 'acme', { intervalMs: 20 }) });
    const acme = seeded.org('acme');
    assert.deepEqual(acme.info.forgottenFlow, {
      clientIp: '127.0.0.42',
      userAgent: 'okta-workflows-connector-simulated/1.0 (forgotten flow)',
      intervalMs: 20,
      secretId: acme.secrets()[0]!.id,
    });
    assert.equal(seeded.org('acme-preview').info.forgottenFlow, undefined);
    const extra = await acme.forgottenFlow({ intervalMs: 20 });
    await waitFor(() => extra.refreshes.succeeded >= 2, 'the flows to refresh');
    await seeded.close();
    const after = extra.refreshes.succeeded + extra.refreshes.failed;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(extra.refreshes.succeeded + extra.refreshes.failed, after);
    await assert.rejects(acme.forgottenFlow(), /closed/);
    assert.throws(() => withForgottenFlow(DEFAULT_ORGS, 'nope'), /no org named 'nope'/);
  });

  it("a TLS org (https://acme.okta.com, the proxied path's) is refreshed by its flow directly, pinned to its certificate", async () => {
    const path = await proxiedPath();
    const tlsSim = await path.startSimulator({ orgs: [{ name: 'acme', environment: 'production', decoyApps: 0 }] });
    try {
      const acme = tlsSim.org('acme');
      const f = await acme.forgottenFlow({ intervalMs: 600_000 });
      assert.deepEqual(f.refreshes, { succeeded: 1, failed: 0 });
      const wrong = await acme.forgottenFlow({ intervalMs: 600_000, secret: 'not-this-org-s-secret' });
      assert.deepEqual(wrong.refreshes, { succeeded: 0, failed: 1 });
      const [failure]: Event[] = acme.systemLog().filter((e: Event) => e.eventType === INVALID_CLIENT);
      assert.equal(failure.client.ipAddress, '127.0.0.42');
      assert.equal(failure.debugContext.debugData.client_secret, wrong.secretHash);
    } finally {
      await tlsSim.close();
    }
  });
});
