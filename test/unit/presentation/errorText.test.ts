// A rotation's failure as the person reads it in a notification: the engine's lead gone, the org and its preview
// org by their labels, every secret the rotation knows by its masked value (the one in use included), Okta's error
// ID once, at the end. The snapshot is a real rotation's, on the simulator.
import assert from 'node:assert/strict';
import { notificationText, rotationTextContext } from '../../../src/presentation/errorText.ts';
import { rotationWhere } from '../../../src/presentation/rotationErrors.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { drive, startWorld, type World } from '../rotation/world.ts';

describe("a rotation's failure in a notification", () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('names the org by its label and each secret masked, the one in use and the new one included', async () => {
    world = await startWorld();
    const engine = await world.start();
    await drive(engine, { stopWhen: (s) => s.currentStep === 'deactivateOld' });
    const snap = engine.snapshot();
    const inUse = snap.secrets.inUse;
    const created = snap.secrets.new;
    assert.ok(inUse && created, 'a rotation with the secret in use and its new secret');
    const where = rotationWhere(snap.app.id, snap.org.host);
    const message = `${where}: the secret ${inUse.id} is still in use beside ${created.id} in ${snap.org.host}. Okta error ID: oaeAbC123.`;

    const text = notificationText(message, rotationTextContext(snap, 'Acme', undefined));

    assert.equal(
      text,
      `The secret ${inUse.masked} is still in use beside ${created.masked} in Acme. Okta error ID: oaeAbC123.`,
    );
  });

  it('a message without an error ID ends as it was; a paired preview org is named by its label', async () => {
    world = await startWorld();
    const preview = 'acme-preview.oktapreview.com';
    const engine = await world.start();
    const snap = engine.snapshot();
    // The same rotation as a production org paired with its preview org would see it.
    const paired: RotationSnapshot = {
      ...snap,
      guards: { ...snap.guards, previewSoak: { previewOrg: preview, hours: 24 } },
    };
    const context = rotationTextContext(paired, 'Acme', (h) => (h === preview ? 'Acme Preview' : h));
    assert.equal(
      notificationText(`Its preview org ${preview} has not completed a rotation.`, context),
      'Its preview org Acme Preview has not completed a rotation.',
    );
    assert.deepEqual(rotationTextContext(paired, 'Acme', undefined).otherOrgs, []);
  });
});
