// Okta pages lists with `Link: <url>; rel="next"`. The link is followed as given, never built; it must stay on
// the org's origin and path, or the token would be sent wherever a hostile answer pointed.

/** The target of rel="next" in one or more Link header values, or undefined. */
export function nextLink(link: string | string[] | undefined): string | undefined {
  if (link === undefined) return undefined;
  const values = Array.isArray(link) ? link : [link];
  for (const value of values) {
    // Split on commas that start a new link-value ("…>, <…"), not the ones inside a URL.
    for (const part of value.split(/,(?=\s*<)/)) {
      const m = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part);
      if (!m) continue;
      const params = m[2]!.split(';').map((p) => p.trim());
      const rel = params.find((p) => /^rel\s*=/i.test(p));
      if (!rel) continue;
      const rels = rel
        .replace(/^rel\s*=\s*/i, '')
        .replace(/^"|"$/g, '')
        .split(/\s+/);
      if (rels.some((r) => r.toLowerCase() === 'next')) return m[1]!;
    }
  }
  return undefined;
}

/** Why a next link must not be followed, or undefined when it is safe (same origin and path as the list). */
export function unsafeNextLink(next: string, listUrl: URL): string | undefined {
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    return 'the next-page link is not an absolute URL';
  }
  if (url.origin !== listUrl.origin) return `the next-page link points to another host (${url.host})`;
  if (url.pathname !== listUrl.pathname) return 'the next-page link points to another resource';
  if (url.username !== '' || url.password !== '') return 'the next-page link carries a user name';
  return undefined;
}
