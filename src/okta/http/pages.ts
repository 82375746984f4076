// Reading a list Okta pages with `Link: <…>; rel="next"`: every page through the request loop (retries and rate
// limits included), each parsed with the list's schema, the next link followed as given but only on the list's own
// origin and path (pagination.ts), never twice, and at most `maxPages` of them. The one paging loop of the client:
// the apps and the System Log read their pages here.
import type * as z from 'zod/mini';
import { nextLink, unsafeNextLink } from '../pagination.ts';
import { parseResponse, protocolError } from './parseResponse.ts';
import type { RequestLoop } from './requestLoop.ts';

export interface PagedList<T> {
  /** What is being read, for messages: "Listing apps matching …". */
  operation: string;
  /** The first page's URL, query included. */
  first: URL;
  /** One page's body. */
  schema: z.ZodMiniType<T[]>;
  maxPages: number;
  /** Part of the /api/v1/apps rate-limit bucket (the client's rate-limit snapshot reads its headers). */
  appsBucket: boolean;
  /** Stop at a page with no items even when it links a next one (System Log polling pages always link one). */
  stopAtEmptyPage?: boolean;
  notFoundAdvice?: string;
}

/** Every item of every page, in order. Throws the request loop's OktaErrors, and 'protocol' for a bad next link. */
export async function readAllPages<T>(http: RequestLoop, list: PagedList<T>, signal?: AbortSignal): Promise<T[]> {
  const { operation, first } = list;
  const items: T[] = [];
  const seen = new Set<string>();
  let url: URL | undefined = first;
  for (let page = 1; url; page++) {
    if (page > list.maxPages)
      throw protocolError(operation, http.org, `more than ${list.maxPages} pages: stopped following next links`);
    seen.add(url.href);
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
      signal,
    );
    const pageItems = parseResponse(operation, http.org, res, list.schema);
    items.push(...pageItems);
    const next = nextLink(res.headers.link);
    url = undefined;
    if (next !== undefined && !(list.stopAtEmptyPage && pageItems.length === 0)) {
      const unsafe = unsafeNextLink(next, first);
      if (unsafe) throw protocolError(operation, http.org, unsafe);
      if (seen.has(next)) throw protocolError(operation, http.org, 'the next-page link repeats an earlier page');
      url = new URL(next);
    }
  }
  return items;
}
