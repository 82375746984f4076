// Step 1 asks, without side effects, whether the credential may manage the app's secrets (the client's
// checkSecretManagement), before anything is created: a credential Okta will surely refuse stops the rotation at
// step 1 with nothing created; one Okta does not let the extension judge (a read-only admin's token: Okta hides
// its roles) is flagged in step 1 and again in step 3's words; an able one goes on as before.
import assert from 'node:assert/strict';
import { ServiceAppAuth } from '../../../src/okta/oauth/serviceAppAuth.ts';
import { checklistView } from '../../../src/presentation/checklist/view.ts';
import { stepStory } from '../../../src/presentation/stories/index.ts';
import { callsOf, drive, startWorld, type World } from './world.ts';

describe('rotation: the credential is checked in step 1, before anything is created', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('a super admin’s token: able, nothing flagged, the rotation completes', async () => {
    world = await startWorld();
    const engine = await world.start();
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    assert.equal(engine.journal().preflight.capability?.verdict, 'able');
    assert.equal(stepStory(engine.journal(), 'preflight', new Date()).caution, undefined);
    assert.equal((await drive(engine)).snapshot.outcome, 'completed');
  });

  it('a service app granted okta.apps.read only: readOnly, step 1 fails saying why, nothing is created', async () => {
    world = await startWorld({ serviceApp: { scopes: ['okta.apps.read'] } });
    const sa = world.org.info.serviceApp!;
    const auth = new ServiceAppAuth({
      baseUrl: world.org.info.baseUrl,
      clientId: sa.clientId,
      privateKey: sa.privateKeyPem,
      keyId: sa.keyId,
      scopes: ['okta.apps.read'],
      optionalScopes: ['okta.apps.manage'],
      // The world's Okta clock: DPoP proofs are dated by it.
      now: () => world!.simClock.ms,
    });
    const client = world.newClient({ auth });
    const engine = await world.start({ okta: client });
    world.org.clearRequests();
    const out = await engine.perform({ type: 'run', step: 'preflight' });
    assert.ok(!out.ok && out.error.kind === 'guard', JSON.stringify(out));
    assert.match(
      out.error.message,
      /Okta will refuse to create the new secret with this credential, so nothing is created/,
    );
    assert.match(out.error.message, /Grant okta\.apps\.manage to the service app/);
    assert.equal(engine.journal().preflight.capability?.verdict, 'readOnly');
    assert.equal(engine.snapshot().steps[0]?.state, 'failed');
    assert.equal(callsOf(world.org).creates, 0, 'nothing created');
    assert.ok(!engine.snapshot().nextActions.some((a) => a.type === 'run' && a.step === 'createSecret'));
  });

  it('a read-only admin’s API token: unknown (Okta hides its roles), flagged in step 1 and in step 3, before the create', async () => {
    world = await startWorld();
    const client = world.newClient({ token: world.org.info.readOnlyToken });
    const engine = await world.start({ okta: client });
    assert.ok((await engine.perform({ type: 'run', step: 'preflight' })).ok);
    const journal = engine.journal();
    assert.equal(journal.preflight.capability?.verdict, 'unknown');
    const snap = engine.snapshot();
    assert.match(
      stepStory(snap.journal, 'preflight', new Date()).caution ?? '',
      /^The extension cannot tell whether Okta will let this credential create the new secret: /,
    );
    const view = checklistView(snap, { orgLabel: 'Acme', now: new Date(snap.updatedAt) });
    assert.equal(
      view.steps[0]?.caution,
      stepStory(snap.journal, 'preflight', new Date()).caution,
      'the page shows it in step 1, collapsed or not',
    );
    assert.ok((await engine.perform({ type: 'run', step: 'recordInUse' })).ok);
    const step3 = checklistView(engine.snapshot(), { orgLabel: 'Acme', now: new Date() }).steps[2];
    assert.match(
      step3?.todo.join(' ') ?? '',
      /Okta may refuse it: the extension could not tell whether this credential may create it/,
    );
    // And indeed Okta refuses it at step 3: the flag came before.
    const create = await engine.perform({ type: 'run', step: 'createSecret' });
    assert.ok(!create.ok && create.error.kind === 'forbidden', JSON.stringify(create));
    assert.equal(callsOf(world.org).creates, 1, 'the one refused create');
    assert.equal(world.org.secrets().length, 1);
  });
});
