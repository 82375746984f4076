// Reading a paged list: Okta's `Link: <…>; rel="next"` followed as given, never built, never off the list (the
// token would be sent wherever a hostile answer pointed), and each page handed to the caller as it arrives, so a
// caller that keeps a few items keeps only those. All the pages are one operation: one deadline, one count of
// waits and retries, and one budget of items and bytes across them (operationBudget.ts). The one paging loop of the
// client: the apps, the secrets and the System Log read their pages here.
import type * as z from 'zod/mini';
import { nextLink, unsafeNextLink } from '../pagination.ts';
import { matchSchema, protocolError, readJson } from './parseResponse.ts';
import type { RequestLoop } from './requestLoop.ts';

export interface PagedList<T> {
  operation: string;
  /** The first page's URL, with its query. */
  first: URL;
  /** One page: an array of items. */
  schema: z.ZodMiniType<T[]>;
  /** Pages followed at most. */
  maxPages: number;
  /** Part of the /api/v1/apps rate-limit bucket. */
  appsBucket: boolean;
  /** Stop at a page with no items even when it links a next one (System Log polling pages always link one). */
  stopAtEmptyPage?: boolean;
  notFoundAdvice?: string;
}

/**
 * The same page however the link spells it: scheme and host case, a #fragment, the order and percent-encoding of
 * the query's parameters. A link that comes back to a page already read is a loop.
 */
function pageKey(url: URL): string {
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `${url.origin}${url.pathname}?${new URLSearchParams(params).toString()}`;
}

/** Reads every page of `list` as one operation, handing each page's items to `onPage` as it arrives. */
export function forEachPage<T>(
  http: RequestLoop,
  list: PagedList<T>,
  onPage: (items: readonly T[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  const { operation, first } = list;
  const org = http.org;
  return http.operation(signal, async (budget) => {
    const seen = new Set<string>();
    let url: URL | undefined = first;
    for (let page = 1; url; page++) {
      if (page > list.maxPages)
        throw protocolError(operation, org, `more than ${list.maxPages} pages: stopped following next links`);
      seen.add(pageKey(url));
      const res = await http.execute(
        {
          operation,
          method: 'GET',
          url,
          tries: http.readTries,
          appsBucket: list.appsBucket,
          authenticate: true,
          ...(list.notFoundAdvice ? { notFoundAdvice: list.notFoundAdvice } : {}),
        },
        budget.signal,
      );
      // Counted before the schema is applied: a page of a hundred thousand items costs no more than its JSON.
      const data = readJson(operation, org, res);
      if (Array.isArray(data)) budget.page(data.length, operation, org);
      const items = matchSchema(operation, org, res, data, list.schema);
      onPage(items);
      const next = nextLink(res.headers.link);
      url = undefined;
      if (next !== undefined && !(list.stopAtEmptyPage && items.length === 0)) {
        const unsafe = unsafeNextLink(next, first);
        if (unsafe) throw protocolError(operation, org, unsafe);
        const target = new URL(next);
        target.hash = '';
        if (seen.has(pageKey(target)))
          throw protocolError(operation, org, 'the next-page link repeats an earlier page');
        url = target;
      }
    }
  });
}

/** Every item of every page of `list` (within the operation's budget of items and bytes). */
export async function readAllPages<T>(http: RequestLoop, list: PagedList<T>, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  // One push per item: a page of a hundred thousand items never becomes as many call arguments.
  await forEachPage(
    http,
    list,
    (items) => {
      for (const item of items) all.push(item);
    },
    signal,
  );
  return all;
}
