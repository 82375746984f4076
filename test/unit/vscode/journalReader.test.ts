// The rotation journals in globalState under many rotations saving at once (a campaign). VS Code echoes a window's
// own writes back to its extension host (replacing its whole global state), and an echo of an earlier write can land
// after a later one. A stand-in Memento that does exactly that (the one thing no real part can produce in Node)
// shows the journal store never going back to an older revision, so no engine is refused as stale.
import assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import { Campaign } from '../../../src/fleet/campaign/campaign.ts';
import { parseJournal, type RotationJournal } from '../../../src/rotation/model/journal.ts';
import type { OrgSeed } from '../../../src/simulator/index.ts';
import { GlobalStateJournalStore } from '../../../src/vscode/storage/globalStateJournalStore.ts';
import { JournalReader } from '../../../src/vscode/storage/journalReader.ts';
import { startFleet, type FleetWorld } from '../../support/campaignWorld.ts';

/**
 * A stand-in for VS Code's extension Memento with its echo: update() stores a copy at once, and a moment later the
 * whole state is replaced by what it was right after that update (the main thread's echo), even when newer updates
 * happened meanwhile.
 */
class EchoingMemento implements Memento {
  #state: Record<string, unknown> = {};
  echoes = 0;
  keys(): readonly string[] {
    return Object.keys(this.#state);
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return key in this.#state ? (this.#state[key] as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    const { [key]: _old, ...rest } = this.#state;
    this.#state = value === undefined ? rest : { ...rest, [key]: JSON.parse(JSON.stringify(value)) };
    const after = JSON.stringify(this.#state);
    setTimeout(() => {
      this.echoes++;
      this.#state = JSON.parse(after);
    }, 5);
    return Promise.resolve();
  }
}

const journal = (id: string, revision: number): RotationJournal =>
  parseJournal({
    version: 1,
    rotationId: id,
    revision,
    org: { host: 'a.okta.com', baseUrl: 'https://a.okta.com' },
    environment: 'preview',
    app: {
      id: '0oa00000000000000001',
      name: 'flow',
      label: 'W',
      clientId: 'c',
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: [],
    },
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: `2026-11-26T00:00:0${revision}.000Z`,
    outcome: 'inProgress',
    steps: Object.fromEntries(
      [
        'preflight',
        'recordInUse',
        'createSecret',
        'newConnection',
        'moveFlows',
        'verifyNewSecret',
        'identifyOld',
        'deactivateOld',
        'deleteOld',
        'deleteOldConnection',
        'finish',
      ].map((s) => [s, { state: 'pending' }]),
    ),
    preflight: { secrets: [], needsInUseIdentification: false, retired: [] },
    deactivated: [],
    deleted: [],
    guards: {},
    report: [],
  });

describe('rotation journals in globalState: never read backwards', () => {
  it('JournalReader: an older echo does not take a written journal back; later, the store decides; deleted stays deleted', () => {
    let now = 0;
    const reader = new JournalReader(() => now);
    const fail = (id: string, e: unknown) => assert.fail(`${id}: ${String(e)}`);
    reader.wrote(journal('r1', 3));
    assert.equal(reader.read('r1', journal('r1', 3), fail)?.revision, 3, 'its own write, read back');
    assert.equal(reader.read('r1', journal('r1', 2), fail)?.revision, 3, 'then the echo of revision 2');
    assert.equal(reader.read('r1', undefined, fail)?.revision, 3, 'an echo from before its claim');
    assert.deepEqual(reader.recentlyWritten(), ['r1']);
    assert.equal(reader.read('r1', journal('r1', 4), fail)?.revision, 4, 'another window moved it on');
    assert.equal(reader.read('r1', undefined, fail), undefined, 'then the store decides');
    reader.wrote(journal('r4', 1));
    now += 60_000;
    assert.equal(reader.read('r4', undefined, fail), undefined, 'long after its write, a deletion elsewhere stands');
    reader.deleted('r2');
    assert.equal(reader.read('r2', journal('r2', 1), fail), undefined);
    const stored = journal('r3', 1);
    assert.equal(
      reader.read('r3', stored, fail),
      reader.read('r3', JSON.parse(JSON.stringify(stored)), fail),
      'parsed once',
    );
  });

  it('journals an earlier version kept under one key move to their own keys on first use', async () => {
    const memento = new EchoingMemento();
    await memento.update('oktaWorkflows.rotationJournals', { r5: journal('r5', 2), r6: journal('r6', 1) });
    const store = new GlobalStateJournalStore(memento, (m) => assert.fail(m));
    assert.deepEqual((await store.list()).map((j) => j.rotationId).sort(), ['r5', 'r6']);
    assert.equal(memento.get('oktaWorkflows.rotationJournals'), undefined);
    assert.equal((await new GlobalStateJournalStore(memento, (m) => assert.fail(m)).load('r5'))?.revision, 2);
  });

  describe('a campaign of ten orgs over the extension journal store with VS Code echoes', function () {
    this.timeout(60_000);
    let world: FleetWorld | undefined;
    after(async () => world?.close());

    it('every org goes through every phase: no rotation refused as stale', async () => {
      const memento = new EchoingMemento();
      const journals = new GlobalStateJournalStore(memento, (m) => assert.fail(m));
      const seeds: OrgSeed[] = Array.from({ length: 10 }, (_, i) => ({
        name: `org-${i}`,
        environment: 'preview',
        decoyApps: 0,
        serviceApp: false,
      }));
      const w = await startFleet(seeds, { journals, latencyMs: 2 });
      world = w;
      const campaign = await Campaign.begin(w.deps(), w.orgs, 0);
      for (const phase of ['check', 'create'] as const) {
        const report = await campaign.run(phase);
        assert.deepEqual(
          report.ends.filter((e) => !e.end.ok),
          [],
          phase,
        );
      }
      assert.ok(memento.echoes > 10, `echoes happened (${memento.echoes})`);
      assert.ok(w.orgs.every((o) => w.org(o.key).secrets().length === 2));
    });
  });
});
