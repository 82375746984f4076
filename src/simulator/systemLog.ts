// An org's System Log: the events the simulator recorded, and GET /api/v1/logs's query over them as the spec says:
// `since` (default: 7 days before `until`) inclusive, `until` (default: now) exclusive, `filter` (logFilter.ts), `q`
// (case-insensitive keywords, each found in some value of the event; at most 10, of at most 40 characters), `limit`
// (0-1000, default 100), `sortOrder` (ASCENDING by `published`, or DESCENDING) and the opaque `after` cursor that only
// the Link rel="next" header hands out (a position in the log: the last event handed out).
// Next links: a bounded query (one with `until`, or DESCENDING) links a next page only while more events match (the
// spec's "If there are more events"). A polling query (no `until`, ASCENDING) always links one, empty pages included,
// as Okta's System Log query guide says of polling requests: the next page holds the events published since.
import { logQueryInvalid, type OktaErrorAnswer } from './errors.ts';
import { parseLogFilter } from './logFilter.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const DEFAULT_WINDOW_MS = 7 * 24 * 3600_000;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

interface StoredEvent {
  uuid: string;
  publishedMs: number;
  /** Its place among the events recorded (orders events of the same millisecond). */
  seq: number;
  json: Record<string, unknown>;
}

/** A position in the log's order: after the event of this time and sequence number. */
interface Cursor {
  ms: number;
  seq: number;
}

const encodeCursor = (c: Cursor): string => Buffer.from(`${c.ms}.${c.seq}`).toString('base64url');

function decodeCursor(text: string): Cursor | undefined {
  const m = /^(\d{1,15})\.(-?\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return m ? { ms: Number(m[1]), seq: Number(m[2]) } : undefined;
}

const at = (e: StoredEvent, c: Cursor): boolean => e.publishedMs === c.ms && e.seq === c.seq;

/** Whether `e` comes after the cursor in the log's ascending order. */
const after = (e: StoredEvent, c: Cursor): boolean => e.publishedMs > c.ms || (e.publishedMs === c.ms && e.seq > c.seq);

export interface LogPage {
  events: Record<string, unknown>[];
  /** The cursor of the next page, when more events match. */
  after?: string;
}

function stringValues(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node.toLowerCase());
  else if (Array.isArray(node)) for (const n of node) stringValues(n, out);
  else if (node !== null && typeof node === 'object') for (const v of Object.values(node)) stringValues(v, out);
  return out;
}

function time(parameter: string, raw: string): number | OktaErrorAnswer {
  const ms = ISO_TIME.test(raw) ? Date.parse(raw) : NaN;
  return Number.isNaN(ms) ? logQueryInvalid(parameter, `${parameter}: not an ISO 8601 timestamp`) : ms;
}

export class SystemLog {
  private readonly events: StoredEvent[] = [];

  /** Records an event (its `uuid` and `published` are read from it). */
  add(json: Record<string, unknown>): void {
    const uuid = String(json.uuid);
    const publishedMs = Date.parse(String(json.published));
    this.events.push({ uuid, publishedMs, seq: this.events.length, json });
  }

  /** Copies of every event, oldest first. */
  all(): Record<string, unknown>[] {
    return this.sorted().map((e) => structuredClone(e.json));
  }

  /** One page of the events matching `params`, or Okta's 400 for a parameter it refuses. */
  query(params: URLSearchParams, now: number): LogPage | OktaErrorAnswer {
    const rawLimit = params.get('limit');
    const limit = rawLimit === null ? DEFAULT_LIMIT : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 0 && limit <= MAX_LIMIT))
      return logQueryInvalid('limit', `limit: a whole number from 0 to ${MAX_LIMIT}`);
    const order = params.get('sortOrder') ?? 'ASCENDING';
    if (order !== 'ASCENDING' && order !== 'DESCENDING')
      return logQueryInvalid('sortOrder', 'sortOrder: ASCENDING or DESCENDING');
    const rawUntil = params.get('until');
    // Without until, the window includes the current millisecond (an event just written is in it).
    const until = rawUntil === null ? now + 1 : time('until', rawUntil);
    if (typeof until !== 'number') return until;
    const rawSince = params.get('since');
    const since = rawSince === null ? until - DEFAULT_WINDOW_MS : time('since', rawSince);
    if (typeof since !== 'number') return since;
    if (since > until) return logQueryInvalid('since', 'since: later than until');
    const rawFilter = params.get('filter');
    const filter = rawFilter === null ? undefined : parseLogFilter(rawFilter);
    if (typeof filter === 'string') return logQueryInvalid('filter', `filter: ${filter}`);
    const keywords = (params.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    if (keywords.length > 10 || keywords.some((k) => k.length > 40))
      return logQueryInvalid('q', 'q: at most 10 keywords of at most 40 characters');

    let matching = this.sorted().filter(
      (e) =>
        e.publishedMs >= since &&
        e.publishedMs < until &&
        (!filter || filter(e.json)) &&
        keywords.every((k) => stringValues(e.json).some((v) => v.includes(k))),
    );
    if (order === 'DESCENDING') matching = matching.reverse();
    const rawAfter = params.get('after');
    const cursor = rawAfter === null ? undefined : decodeCursor(rawAfter);
    if (rawAfter !== null && !cursor) return logQueryInvalid('after', 'after: unknown cursor');
    // The page goes on from the cursor's place in the log's order.
    if (cursor)
      matching = matching.filter((e) =>
        order === 'ASCENDING' ? after(e, cursor) : !after(e, cursor) && !at(e, cursor),
      );
    const page = matching.slice(0, limit);
    const last = page[page.length - 1];
    const polling = rawUntil === null && order === 'ASCENDING';
    let next: Cursor | undefined;
    if (last && (polling || limit < matching.length)) next = { ms: last.publishedMs, seq: last.seq };
    // An empty polling page: the next one starts where this window ended.
    else if (polling) next = cursor ?? { ms: until - 1, seq: this.events.length - 1 };
    return {
      events: page.map((e) => structuredClone(e.json)),
      ...(next ? { after: encodeCursor(next) } : {}),
    };
  }

  /** Oldest first; events of the same millisecond in the order they were recorded. */
  private sorted(): StoredEvent[] {
    return this.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.publishedMs - b.e.publishedMs || a.i - b.i)
      .map((x) => x.e);
  }
}
