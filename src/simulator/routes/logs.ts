// GET /api/v1/logs: one page of the org's System Log (systemLog.ts has the query's rules), with
// `Link: <…>; rel="self"` and, while more events match, `rel="next"` carrying the opaque `after` cursor.
import { fromError, json } from '../answer.ts';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';

export function listLogEvents(ctx: RequestContext): Answer {
  const { org, url } = ctx;
  const page = org.systemLog.query(url.searchParams, ctx.now);
  if ('status' in page) return fromError(page);
  const links = [`<${org.baseUrl}${url.pathname}${url.search}>; rel="self"`];
  if (page.after !== undefined) {
    const next = new URLSearchParams(url.searchParams);
    next.set('after', page.after);
    links.push(`<${org.baseUrl}${url.pathname}?${next.toString()}>; rel="next"`);
  }
  return json(200, page.events, { Link: links });
}
