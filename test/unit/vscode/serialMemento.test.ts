// SerialMemento: globalState written one round at a time, so an echo of an earlier write cannot take a later update
// back. The extension host's memento is a stand-in (a mock: only VS Code has the real one) written after the one in
// code-server 1.139's extension host: update() sets a key in one object and schedules a write of the whole object;
// the workbench stores it, echoes it back (replacing the object) and then acknowledges. Nothing here is timed: the
// workbench answers after a few turns of the event loop (setImmediate), in order, as the RPC channel delivers.
import assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import { SerialMemento } from '../../../src/vscode/storage/serialMemento.ts';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** The workbench's copy of the extension's state (what a reload reads) and the extension host's memento over it. */
class HostMemento implements Memento {
  /** What the workbench stored: what the next window loads. */
  stored: Record<string, unknown> = {};
  #value: Record<string, unknown> = {};
  #waiting: Array<() => void> = [];
  #scheduled = false;

  keys(): readonly string[] {
    return Object.keys(this.#value).filter((k) => this.#value[k] !== undefined);
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    const v = this.#value[key];
    return v === undefined ? defaultValue : (v as T);
  }
  update(key: string, value: unknown): Promise<void> {
    this.#value[key] = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    const done = new Promise<void>((resolve) => this.#waiting.push(resolve));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return done;
  }
  #flush(): void {
    this.#scheduled = false;
    const waiting = this.#waiting.splice(0);
    const text = JSON.stringify(this.#value);
    // The workbench stores the whole object, echoes it (it replaces the host's object), then acknowledges.
    void turns(3).then(() => {
      this.stored = JSON.parse(text) as Record<string, unknown>;
      void turns(2).then(() => {
        this.#value = JSON.parse(text) as Record<string, unknown>;
        void turns(1).then(() => waiting.forEach((resolve) => resolve()));
      });
    });
  }
}

/** Three writers (a journal, the campaign, the remembered orgs) each saving its own key several times at once. */
async function writers(memento: Memento, checkReads: boolean): Promise<Record<string, number>> {
  const last: Record<string, number> = {};
  const writes: Array<Thenable<void>> = [];
  await Promise.all(
    // The journal's last save comes early; the others go on writing after it.
    Object.entries({ journal: 3, campaign: 6, knownOrgs: 10 }).map(async ([key, saves], i) => {
      for (let revision = 1; revision <= saves; revision++) {
        await turns(i + revision);
        last[key] = revision;
        // Not awaited, as the tree's remembered orgs write: the next save may start before this one is stored.
        writes.push(memento.update(key, { revision }));
        if (checkReads) assert.deepEqual(memento.get(key), { revision }, `${key} reads back what it just wrote`);
      }
    }),
  );
  await Promise.all(writes);
  return last;
}

describe('SerialMemento: globalState written one round at a time', () => {
  it('the extension host memento stand-in loses a write when writes overlap (the failure this guards against)', async () => {
    const host = new HostMemento();
    const last = await writers(host, false);
    assert.ok(
      Object.entries(last).some(([key, revision]) => JSON.stringify(host.stored[key]) !== JSON.stringify({ revision })),
      `expected a lost write with overlapping writes, stored: ${JSON.stringify(host.stored)}`,
    );
  });

  it('through SerialMemento every key is stored at its last revision, and reads see each write at once', async () => {
    const host = new HostMemento();
    const memento = new SerialMemento(host);
    const last = await writers(memento, true);
    assert.deepEqual(host.stored, {
      journal: { revision: last.journal },
      campaign: { revision: last.campaign },
      knownOrgs: { revision: last.knownOrgs },
    });
  });

  it('get() and keys() answer a write before its round is acknowledged, a deletion included', async () => {
    const host = new HostMemento();
    const memento = new SerialMemento(host);
    await memento.update('a', 1);
    const deleting = memento.update('a', undefined);
    const adding = memento.update('b', { x: 1 });
    assert.equal(memento.get('a'), undefined);
    assert.equal(memento.get('a', 7), 7);
    assert.deepEqual(memento.get('b'), { x: 1 });
    assert.deepEqual([...memento.keys()], ['b']);
    await Promise.all([deleting, adding]);
    assert.deepEqual(host.stored, { b: { x: 1 } });
    assert.deepEqual([...memento.keys()], ['b']);
  });

  it('a failed write rejects its own update and the next round still goes', async () => {
    let fail = true;
    const stored = new Map<string, unknown>();
    const flaky: Memento = {
      keys: () => [...stored.keys()],
      get: <T>(key: string, d?: T) => (stored.has(key) ? (stored.get(key) as T) : d),
      update: async (key: string, value: unknown) => {
        if (fail) throw new Error('storage unavailable');
        stored.set(key, value);
      },
    };
    const memento = new SerialMemento(flaky);
    await assert.rejects(memento.update('a', 1), /storage unavailable/);
    assert.equal(memento.get('a'), undefined, 'a failed write is not shown as stored');
    fail = false;
    await memento.update('a', 2);
    assert.equal(stored.get('a'), 2);
  });
});
