// Nothing leaked: the journal, every snapshot and every outcome of a rotation are searched for any 8-character
// piece of the new secret, the old secrets, a pasted value and the API token.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournalStore } from '../../../src/rotation/fileJournalStore.ts';
import { revisionOf } from '../../../src/rotation/model/journal.ts';
import type { ActionOutcome } from '../../../src/rotation/engine.ts';
import type { RotationSnapshot } from '../../../src/rotation/model/snapshot.ts';
import { findLeak, pickAction, startWorldOn } from './world.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import type { World } from './world.ts';

describeOnPaths('rotation engine: leak audit', (path) => {
  const startWorld = startWorldOn(path);
  let world: World;
  let dir: string | undefined;
  afterEach(async () => {
    await world?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('no secret value or token, whole or any 8-character piece, in the journal, any snapshot or any outcome', async () => {
    world = await startWorld({ secrets: [{ status: 'ACTIVE' }, { status: 'ACTIVE' }] });
    dir = await mkdtemp(join(tmpdir(), 'rotation-leaks-'));
    const files = new FileJournalStore(dir);
    const [first, second] = world.org.secrets();
    const engine = await world.start({ journals: files });
    const snapshots: RotationSnapshot[] = [];
    engine.onDidChange((s) => snapshots.push(s));
    const outcomes: ActionOutcome[] = [];
    const journalTexts: string[] = [];
    const readJournalFiles = async () => {
      for (const name of await readdir(join(dir as string, 'journals')))
        journalTexts.push(await readFile(join(dir as string, 'journals', name), 'utf8'));
    };

    // Error paths too: a wrong paste, a verification that cannot tell, a refused action.
    outcomes.push(await engine.perform({ type: 'run', step: 'preflight' }));
    outcomes.push(await engine.perform({ type: 'identifyInUse', value: `${first?.clientSecret}-wrong` }));
    outcomes.push(await engine.perform({ type: 'identifyInUse', value: first?.clientSecret ?? '' }));
    let newValue: string | undefined;
    for (let i = 0; i < 40 && engine.snapshot().outcome === 'inProgress'; i++) {
      const s = engine.snapshot();
      if (s.currentStep === 'verifyNewSecret' && s.steps.find((x) => x.id === 'verifyNewSecret')?.state === 'pending') {
        newValue = await engine.newSecretValue();
        world.org.faults.failNext(2, { status: 503, path: /^\/oauth2\/v1\/token$/ });
        outcomes.push(await engine.perform({ type: 'run', step: 'verifyNewSecret' }));
        outcomes.push(await engine.perform({ type: 'run', step: 'deactivateOld' }));
        await readJournalFiles();
        continue;
      }
      const action = pickAction(s.nextActions, {});
      if (!action) break;
      outcomes.push(await engine.perform(action));
      await readJournalFiles();
    }
    assert.equal(engine.snapshot().outcome, 'completed');
    assert.ok(newValue && newValue.length >= 14);
    assert.ok(
      outcomes.some((o) => !o.ok),
      'error paths were exercised',
    );

    const secrets = [
      newValue,
      first?.clientSecret ?? '',
      second?.clientSecret ?? '',
      world.org.info.apiToken,
      world.org.info.readOnlyToken,
    ];
    for (const s of secrets) assert.ok(s.length >= 8);
    const texts: Array<[string, string]> = [
      ['journal files', journalTexts.join('\n')],
      ['journal list', JSON.stringify(await files.list())],
      ['snapshots', JSON.stringify(snapshots)],
      ['final snapshot', JSON.stringify(engine.snapshot())],
      ['outcomes', JSON.stringify(outcomes)],
    ];
    assert.ok(snapshots.length > 20 && journalTexts.length > 5);
    for (const [what, text] of texts)
      assert.equal(findLeak(text, secrets), undefined, `${what} leaks a piece of a secret`);
  });

  it('the journal schema refuses a field it does not know, so a value cannot be smuggled in', async () => {
    world = await startWorld();
    const engine = await world.start();
    const journal = engine.journal() as unknown as Record<string, unknown>;
    journal.clientSecret = 'x'.repeat(30);
    await assert.rejects(world.journals.save(journal as never, 0));
    const masked = engine.journal();
    masked.preflight.secrets = [{ id: 'ocs1', masked: '••••abcdefgh' }];
    await assert.rejects(world.journals.save(masked, revisionOf(masked)), /four characters/);
  });
});
