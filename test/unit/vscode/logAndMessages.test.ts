// The log and the messages as a person reads them, on a real rotation against the simulator: a message leads with
// what failed for the person (the org refused the API token), the API call goes to the log; Verify's expected
// invalid_grant and a cancel are not warnings; a finished rotation logs its end once; the preflight's words fit
// an org signed in with a service app.
import assert from 'node:assert/strict';
import { OktaError } from '../../../src/okta/errors.ts';
import { endLogLine } from '../../../src/presentation/endings.ts';
import { STEP_TITLES } from '../../../src/presentation/stories/titles.ts';
import { withOrgLabel } from '../../../src/orgs/errorActions.ts';
import { apiCallLevel, describeError } from '../../../src/vscode/platform/logFormat.ts';
import { waitFor } from '../../support/waitFor.ts';
import { drive, startWorld, type World } from '../rotation/world.ts';

describe('messages lead with what failed for the person; the API call goes to the log', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('a refused token: "<org> refused the API token (401, E0000011): …", the operation kept for the log', async () => {
    world = await startWorld();
    world.org.revokeToken(world.org.info.apiToken);
    const e = await world.client.findWorkflowsApp({}).then(
      () => assert.fail('a revoked token must be refused'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof OktaError);
    const host = world.client.org;
    assert.match(e.message, new RegExp(`^${host.replace(/\./g, '\\.')} refused the API token \\(401, E0000011\\): `));
    assert.doesNotMatch(e.message, /Listing apps|failed:/);
    const logged = describeError(e);
    assert.ok(logged.includes(`while: ${e.operation} in ${host}`), logged);
    assert.match(e.operation, /^Listing apps/);
    // The notification names the org as the person named it.
    assert.match(
      withOrgLabel(e.message, e.org, 'Acme Production'),
      /^Acme Production refused the API token \(401, E0000011\): /,
    );
    assert.equal(withOrgLabel('Cancelled by the user.', e.org, 'Acme Production'), 'Cancelled by the user.');
  });

  it('each kind says who answered what, before Okta’s own words', () => {
    const lead = (kind: OktaError['kind'], extra: Partial<ConstructorParameters<typeof OktaError>[0]> = {}) =>
      new OktaError({ kind, operation: 'Deactivating secret ocs1 of app 0oa1', org: 'acme.okta.com', ...extra })
        .message;
    assert.match(
      lead('forbidden', { status: 403, credential: 'API token' }),
      /^acme\.okta\.com refused the request: the API token lacks a permission \(403\)/,
    );
    assert.match(
      lead('onlyActiveSecret', {
        status: 400,
        body: {
          errorCode: 'E0000001',
          errorSummary: 'Api validation failed',
          errorCauses: [{ errorSummary: "You can't deactivate the only active client secret." }],
        },
      }),
      /^acme\.okta\.com refused the change \(400, E0000001\): Api validation failed \(You can't deactivate the only active client secret\)\./,
    );
    assert.match(
      lead('network', { detail: 'the connection was refused' }),
      /^acme\.okta\.com could not be reached: the connection was refused\./,
    );
    assert.match(lead('timeout'), /^acme\.okta\.com did not answer in time\./);
    assert.match(
      lead('outcomeUnknown'),
      /^The result of deactivating secret ocs1 of app 0oa1 in acme\.okta\.com is unknown\./,
    );
  });
});

describe('the log: levels and the end of a rotation', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("Verify's expected invalid_grant is logged as information, a refused call as a warning", async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'identifyOld' });
    const probe = world.apiCalls.find((c) => c.path === '/oauth2/v1/token');
    assert.ok(probe, 'the secret probe was called');
    assert.equal(probe.status, 400, 'the probe answers invalid_grant (400) for a secret that works');
    assert.equal(probe.answerExpected, true);
    assert.equal(apiCallLevel(probe), 'info');
    assert.equal(apiCallLevel({ method: 'GET', path: '/api/v1/apps', status: 401, ms: 1, attempt: 1 }), 'warn');
    assert.equal(apiCallLevel({ method: 'GET', path: '/api/v1/apps', status: 'error', ms: 1, attempt: 1 }), 'warn');
    assert.equal(apiCallLevel({ method: 'GET', path: '/api/v1/apps', status: 200, ms: 1, attempt: 1 }), 'info');
  });

  it('a cancelled call is logged as cancelled, as information, not as an error', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    world.org.faults.stallNext({ method: 'POST', path: /\/credentials\/secrets$/ });
    const controller = new AbortController();
    const pending = engine.perform({ type: 'run', step: 'createSecret' }, controller.signal);
    await waitFor(
      () => world!.org.requests.some((r) => r.method === 'POST' && /secrets$/.test(r.path)),
      'the create (POST) to reach the simulator',
    );
    controller.abort();
    const out = await pending;
    assert.ok(!out.ok && out.cancelled === true);
    const cancelled = world.apiCalls.filter((c) => c.method === 'POST' && /secrets$/.test(c.path));
    assert.deepEqual(
      cancelled.map((c) => [c.status, apiCallLevel(c)]),
      [['cancelled', 'info']],
    );
  });

  it('a finished rotation logs its end once, in words', async () => {
    world = await startWorld();
    const engine = await world.start();
    const lines: string[] = [];
    let previous = engine.snapshot();
    engine.onDidChange((snap) => {
      const line = endLogLine(previous, snap.journal, 'acme', new Date());
      previous = snap;
      if (line) lines.push(line);
    });
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
    // Snapshots after the end (a page asking again, a closed panel) add nothing.
    const after = engine.snapshot();
    assert.equal(endLogLine(after, after.journal, 'acme', new Date()), undefined);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(
      lines[0] ?? '',
      new RegExp(
        `^Rotation ${engine.rotationId} of acme ended: rotation completed\\. The new secret ••••.{4} \\(created `,
      ),
    );
  });

  it("the preflight's description fits an org signed in with a service app as well as an API token", () => {
    const d = STEP_TITLES.preflight.description;
    assert.doesNotMatch(d, /API token works/);
    assert.match(d, /sign in to the org \(with its API token or service app\)/);
  });
});
