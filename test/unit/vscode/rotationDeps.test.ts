// The engine's deps exactly as RunningRotations builds them (rotationDepsFor), driven against the simulator: the
// port forwards every method with all its arguments to the org's client of the moment, a listener's failure
// reaches the log, and the history is recorded after every save. (Its journal store's compare-and-swap is in
// test/unit/concurrency/sameRotation.test.ts.)
import assert from 'node:assert/strict';
import type { OktaClient } from '../../../src/okta/client.ts';
import { RotationEngine } from '../../../src/rotation/engine.ts';
import { MemoryJournalStore } from '../../../src/rotation/stores.ts';
import { rotationDepsFor, type RotationWiring } from '../../../src/rotation/rotationDeps.ts';
import { callsOf, drive, startWorld, type World } from '../rotation/world.ts';

describe('rotationDepsFor: the VS Code wiring of the engine', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  function wiring(w: World, client: () => Promise<OktaClient>, errors: unknown[] = []): RotationWiring {
    return {
      org: { address: { isLoopback: true } },
      journals: new MemoryJournalStore(),
      secrets: w.secrets,
      client,
      previewRecencyDays: 30,
      deactivationWatchMinutes: 0,
      log: { error: (_context, e) => void errors.push(e) },
    };
  }

  async function startWith(w: World, wired: RotationWiring): Promise<RotationEngine> {
    const app = await w.client.findWorkflowsApp({ appId: w.org.info.workflowsAppId });
    return RotationEngine.start(
      { org: { host: w.client.org, baseUrl: w.org.info.baseUrl }, environment: 'preview', app },
      { ...rotationDepsFor(wired), clock: w.clock },
    );
  }

  it('forwards every call with all its arguments (the create and the deactivation reuse the lists just read: 7 management calls, one of them the watch’s), resolving the client each time', async () => {
    const w = await startWorld();
    world = w;
    let resolved = 0;
    const engine = await startWith(
      w,
      wiring(w, async () => {
        resolved++;
        return w.client;
      }),
    );
    w.org.clearRequests();
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
    const calls = callsOf(w.org);
    assert.equal(
      calls.api,
      7,
      "as in a full rotation: 7 management calls, no list before the create or the deactivation (one is the watch's)",
    );
    assert.equal(calls.logs, 1, "the watch's one look at the System Log");
    assert.equal(calls.creates, 1);
    // The preflight's capability check is one call of the port, which reads who the admin is and their roles.
    const identity = w.org.requests.filter((r) => /^\/api\/v1\/(users|iam)\//.test(r.path)).map((r) => r.path);
    assert.equal(identity.length, 2, JSON.stringify(identity));
    assert.equal(identity[0], '/api/v1/users/me');
    assert.match(identity[1] ?? '', /^\/api\/v1\/users\/\w+\/roles$/);
    assert.equal(resolved, calls.api + calls.logs + calls.token + 1, 'the client was resolved for every call');
  });

  it('the watch lasts as the setting says; a practice org watches two minutes at most, so a rehearsal does not wait an hour', async () => {
    const w = await startWorld();
    world = w;
    const client = async () => w.client;
    const minutes = (org: RotationWiring['org'], setting: number) =>
      rotationDepsFor({ ...wiring(w, client), org, deactivationWatchMinutes: setting }).deactivationWatchMinutes;
    assert.equal(minutes({ address: { isLoopback: false } }, 75), 75);
    assert.equal(minutes({ address: { isLoopback: true } }, 75), 75, 'a loopback org that is not a practice org');
    assert.equal(minutes({ address: { isLoopback: true }, practice: true }, 75), 2);
    assert.equal(minutes({ address: { isLoopback: true }, practice: true }, 0.5), 0.5);
  });

  it("picks up the org's new client (a new token) in the middle of a rotation", async () => {
    const w = await startWorld();
    world = w;
    let current = w.client;
    const engine = await startWith(
      w,
      wiring(w, async () => current),
    );
    await drive(engine, { stopWhen: (s) => s.currentStep === 'createSecret' });
    w.org.revokeToken(w.org.info.apiToken);
    current = w.newClient({ token: w.org.issueApiToken() });
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
    assert.equal(w.org.secrets().length, 1);
  });

  it("a snapshot listener's failure goes to the log, and the rotation goes on", async () => {
    const w = await startWorld();
    world = w;
    const errors: unknown[] = [];
    const engine = await startWith(
      w,
      wiring(w, async () => w.client, errors),
    );
    const boom = new Error('the checklist is gone');
    engine.onDidChange(() => {
      throw boom;
    });
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    assert.ok(errors.length > 0 && errors.every((e) => e === boom));
  });
});
