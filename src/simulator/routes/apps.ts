// GET /api/v1/apps and GET /api/v1/apps/{appId}.
// q: startsWith on name or label, case-insensitive. filter: `id|name|status eq "value"`, clauses joined by
// `and`; anything else answers 400 E0000031 (Okta supports a few more fields we have no use for).
// limit: default 20 (the spec's -1 means "the server's default"), at most 200. Pages: `after` is the id of the
// last app of the previous page, handed out only inside the `Link: <…>; rel="next"` header.
import { invalidSearch, notFound } from '../errors.ts';
import { fromError, json } from '../answer.ts';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';
import type { AppRecord } from '../orgState.ts';
import { appJson } from '../representations.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
const FILTER_FIELDS = ['id', 'name', 'status'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

function parseFilter(filter: string): Array<[FilterField, string]> | string {
  const clauses = filter.trim().split(/\s+and\s+/i);
  const out: Array<[FilterField, string]> = [];
  for (const clause of clauses) {
    const m = /^([A-Za-z.]+)\s+eq\s+"([^"]*)"$/.exec(clause.trim());
    if (!m) return `filter: unsupported expression '${clause.trim()}'; use field eq "value"`;
    const field = m[1] as FilterField;
    if (!FILTER_FIELDS.includes(field))
      return `filter: unsupported property '${m[1]}'; the simulator supports ${FILTER_FIELDS.join(', ')}`;
    out.push([field, m[2] ?? '']);
  }
  return out;
}

function parseLimit(raw: string | null): number {
  const n = raw === null ? NaN : Number(raw);
  if (!Number.isInteger(n) || n <= 0) return DEFAULT_LIMIT;
  return Math.min(n, MAX_LIMIT);
}

export function listApps(ctx: RequestContext): Answer {
  const { org, url } = ctx;
  let apps: AppRecord[] = org.apps;
  const q = url.searchParams.get('q');
  if (q) {
    const prefix = q.toLowerCase();
    apps = apps.filter((a) => a.name.toLowerCase().startsWith(prefix) || a.label.toLowerCase().startsWith(prefix));
  }
  const filter = url.searchParams.get('filter');
  if (filter) {
    const clauses = parseFilter(filter);
    if (typeof clauses === 'string') return fromError(invalidSearch(clauses));
    apps = apps.filter((a) => clauses.every(([field, value]) => a[field] === value));
  }
  const limit = parseLimit(url.searchParams.get('limit'));
  const after = url.searchParams.get('after');
  const start = after === null ? 0 : apps.findIndex((a) => a.id === after) + 1 || apps.length;
  const page = apps.slice(start, start + limit);

  const links = [`<${org.baseUrl}${url.pathname}${url.search}>; rel="self"`];
  const last = page[page.length - 1];
  if (last && start + limit < apps.length) {
    const next = new URLSearchParams(url.searchParams);
    next.set('after', last.id);
    next.set('limit', String(limit));
    links.push(`<${org.baseUrl}${url.pathname}?${next.toString()}>; rel="next"`);
  }
  return json(
    200,
    page.map((a) => appJson(org.baseUrl, org.orgId, a)),
    { Link: links },
  );
}

export function getApp(ctx: RequestContext, appId: string): Answer {
  const app = ctx.org.app(appId);
  if (!app) return fromError(notFound(appId, 'AppInstance'));
  return json(200, appJson(ctx.org.baseUrl, ctx.org.orgId, app));
}
