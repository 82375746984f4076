// Where history records are kept: one JSON file per rotation in a directory (in VS Code, the extension's global
// storage folder, shared by every window). A file per record keeps each save small (a rotation rewrites only its
// own record) and lets windows write side by side. The file name starts with the rotation's start time, so the
// directory listing alone says which records are oldest when the retention prunes.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROTATION_ID } from '../rotation/model/shapes.ts';
import { parseHistoryRecord, type HistoryRecord } from './record.ts';

export interface HistoryStoreOptions {
  /** How many records to keep; the oldest finished ones beyond it are deleted (in-progress ones never). */
  maxRecords: () => number;
  /** A record that cannot be read is reported here and skipped, never fatal. */
  onProblem: (message: string) => void;
}

const SUFFIX = '.json';

export class FileHistoryStore {
  readonly #dir: string;
  readonly #options: HistoryStoreOptions;

  constructor(dir: string, options: HistoryStoreOptions) {
    this.#dir = dir;
    this.#options = options;
  }

  async get(rotationId: string): Promise<HistoryRecord | undefined> {
    const name = (await this.#names()).find((n) => idOf(n) === rotationId);
    return name === undefined ? undefined : this.#read(name);
  }

  /** Writes the record (a temporary file renamed into place: never half a record), then applies the retention. */
  async put(record: HistoryRecord): Promise<void> {
    const checked = parseHistoryRecord(record);
    const name = fileNameOf(checked);
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, name);
    const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(tmp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, path);
    if (checked.outcome !== 'inProgress') await this.#prune();
  }

  /** Every record that parses, oldest first. */
  async list(): Promise<HistoryRecord[]> {
    const out: HistoryRecord[] = [];
    for (const name of await this.#names()) {
      const record = await this.#read(name);
      if (record) out.push(record);
    }
    return out;
  }

  /** Deletes every record `matches` selects; returns how many went. */
  async deleteWhere(matches: (record: HistoryRecord) => boolean): Promise<number> {
    let n = 0;
    for (const name of await this.#names()) {
      const record = await this.#read(name);
      if (record && matches(record)) {
        await rm(join(this.#dir, name), { force: true });
        n++;
      }
    }
    return n;
  }

  async #read(name: string): Promise<HistoryRecord | undefined> {
    try {
      return parseHistoryRecord(JSON.parse(await readFile(join(this.#dir, name), 'utf8')));
    } catch (e) {
      // Deleted meanwhile by another window's retention: not a problem.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      this.#options.onProblem(
        `Rotation history record ${name} cannot be read and is left out: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    }
  }

  /** The record files, oldest start first (the names sort by start time). */
  async #names(): Promise<string[]> {
    try {
      return (await readdir(this.#dir)).filter((n) => n.endsWith(SUFFIX) && ROTATION_ID.test(idOf(n))).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  /** Keeps the newest maxRecords records; older finished ones are deleted, in-progress ones stay whatever their age. */
  async #prune(): Promise<void> {
    const names = await this.#names();
    const keep = Math.max(1, Math.floor(this.#options.maxRecords()));
    let excess = names.length - keep;
    for (const name of names) {
      if (excess <= 0) break;
      const record = await this.#read(name);
      if (record?.outcome === 'inProgress') continue;
      await rm(join(this.#dir, name), { force: true });
      excess--;
    }
  }
}

/** `20261126T090000000Z_<rotationId>.json`: the start time first, so names sort oldest first. */
function fileNameOf(record: HistoryRecord): string {
  if (!ROTATION_ID.test(record.rotationId)) throw new Error('Not a rotation id');
  return `${record.startedAt.replace(/[^0-9TZ]/g, '')}_${record.rotationId}${SUFFIX}`;
}

function idOf(name: string): string {
  return name.slice(name.indexOf('_') + 1, -SUFFIX.length);
}
