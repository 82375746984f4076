// The pure parts under pagination and rate limiting: Link headers and X-Rate-Limit-* arithmetic.
import assert from 'node:assert/strict';
import { nextLink, unsafeNextLink } from '../../../src/okta/pagination.ts';
import { rateLimitWaitMs, readRateLimit } from '../../../src/okta/rateLimit.ts';

describe('Link rel="next"', () => {
  it('finds next among several links, in one header or many', () => {
    const self = '<https://acme.okta.com/api/v1/apps?limit=2>; rel="self"';
    const next = '<https://acme.okta.com/api/v1/apps?after=0oa1&limit=2>; rel="next"';
    assert.equal(nextLink(`${self}, ${next}`), 'https://acme.okta.com/api/v1/apps?after=0oa1&limit=2');
    assert.equal(nextLink([self, next]), 'https://acme.okta.com/api/v1/apps?after=0oa1&limit=2');
    assert.equal(nextLink('<https://a.okta.com/x?a=1,2>; rel=next'), 'https://a.okta.com/x?a=1,2');
    assert.equal(nextLink(self), undefined);
    assert.equal(nextLink(undefined), undefined);
    assert.equal(nextLink('garbage'), undefined);
  });

  it('refuses a next link off the org or off the list', () => {
    const list = new URL('https://acme.okta.com/api/v1/apps?limit=2');
    assert.equal(unsafeNextLink('https://acme.okta.com/api/v1/apps?after=x', list), undefined);
    assert.match(unsafeNextLink('https://evil.example/api/v1/apps', list)!, /another host/);
    assert.match(unsafeNextLink('http://acme.okta.com/api/v1/apps', list)!, /another host/);
    assert.match(unsafeNextLink('https://acme.okta.com:8443/api/v1/apps', list)!, /another host/);
    assert.match(unsafeNextLink('https://acme.okta.com/api/v1/users', list)!, /another resource/);
    assert.match(unsafeNextLink('/api/v1/apps?after=x', list)!, /not an absolute URL/);
  });
});

describe('X-Rate-Limit-* headers', () => {
  const date = 'Wed, 01 Jan 2025 00:00:00 GMT';
  const serverNow = Date.parse(date);

  it('converts the reset through the server Date to the local clock', () => {
    const localNow = serverNow + 3_600_000; // our clock is an hour ahead
    const snap = readRateLimit(
      {
        date,
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '7',
        'x-rate-limit-reset': String(serverNow / 1000 + 30),
      },
      localNow,
    );
    assert.ok(snap);
    assert.equal(snap.limit, 100);
    assert.equal(snap.remaining, 7);
    assert.equal(snap.resetAt.getTime(), localNow + 30_000);
    assert.equal(snap.observedAt.getTime(), localNow);
  });

  it('waits reset - Date + 1 s, at least 1 s, and a fallback without headers', () => {
    assert.equal(rateLimitWaitMs({ date, 'x-rate-limit-reset': String(serverNow / 1000 + 10) }, 0), 11_000);
    assert.equal(rateLimitWaitMs({ date, 'x-rate-limit-reset': String(serverNow / 1000 - 10) }, 0), 1000);
    assert.equal(rateLimitWaitMs({}, 0, 1500), 1500);
    assert.equal(readRateLimit({ 'x-rate-limit-limit': 'abc' }, 0), undefined);
  });
});
