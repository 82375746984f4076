// An org's System Log: the events the simulator recorded, and GET /api/v1/logs's query over them as the spec says:
// `since` (default: 7 days before `until`) inclusive, `until` (default: now) exclusive, `filter` (logFilter.ts), `q`
// (case-insensitive keywords, each found in some value of the event; at most 10, of at most 40 characters), `limit`
// (0-1000, default 100), `sortOrder` (ASCENDING by `published`, or DESCENDING) and the opaque `after` cursor that only
// the Link rel="next" header hands out. A next link is sent only while more events match (the spec's "If there are
// more events").
import { logQueryInvalid, type OktaErrorAnswer } from './errors.ts';
import { parseLogFilter } from './logFilter.ts';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const DEFAULT_WINDOW_MS = 7 * 24 * 3600_000;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

interface StoredEvent {
  uuid: string;
  publishedMs: number;
  json: Record<string, unknown>;
}

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
    this.events.push({ uuid, publishedMs, json });
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

    const all = this.sorted();
    let matching = all.filter(
      (e) =>
        e.publishedMs >= since &&
        e.publishedMs < until &&
        (!filter || filter(e.json)) &&
        keywords.every((k) => stringValues(e.json).some((v) => v.includes(k))),
    );
    if (order === 'DESCENDING') matching = matching.reverse();
    let start = 0;
    const after = params.get('after');
    if (after !== null) {
      // The cursor names the last event handed out; the page goes on from its place in the log's order.
      const uuid = Buffer.from(after, 'base64url').toString('utf8');
      const rank = all.findIndex((e) => e.uuid === uuid);
      if (rank < 0) return logQueryInvalid('after', 'after: unknown cursor');
      const beyond = (e: StoredEvent) => (order === 'ASCENDING' ? all.indexOf(e) > rank : all.indexOf(e) < rank);
      start = matching.findIndex(beyond);
      if (start < 0) start = matching.length;
    }
    const page = matching.slice(start, start + limit);
    const last = page[page.length - 1];
    return {
      events: page.map((e) => structuredClone(e.json)),
      ...(last && start + limit < matching.length ? { after: Buffer.from(last.uuid).toString('base64url') } : {}),
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
