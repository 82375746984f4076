// The routing table: which handler answers a method and path, and what guards apply before it.
import { methodNotAllowed, notFound } from '../errors.ts';
import { fromError } from '../http.ts';
import type { Answer, RequestContext } from '../http.ts';
import { getApp, listApps } from './apps.ts';
import { changeSecretStatus, getSecret, listSecrets, postSecret, removeSecret } from './secrets.ts';
import { tokenEndpoint } from './token.ts';

export interface Route {
  /** Management API routes need an SSWS token and count against the apps rate-limit bucket. */
  kind: 'managementApi' | 'oauth';
  handle(ctx: RequestContext): Answer;
}

const ID = '([A-Za-z0-9]+)';
const table: Array<{
  pattern: RegExp;
  methods: Record<string, (ctx: RequestContext, ...ids: string[]) => Answer>;
  kind: Route['kind'];
}> = [
  { pattern: /^\/api\/v1\/apps$/, methods: { GET: listApps }, kind: 'managementApi' },
  { pattern: new RegExp(`^/api/v1/apps/${ID}$`), methods: { GET: getApp }, kind: 'managementApi' },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/credentials/secrets$`),
    methods: { GET: listSecrets, POST: postSecret },
    kind: 'managementApi',
  },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/credentials/secrets/${ID}$`),
    methods: { GET: getSecret, DELETE: removeSecret },
    kind: 'managementApi',
  },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/credentials/secrets/${ID}/lifecycle/(activate|deactivate)$`),
    methods: {
      POST: (ctx, appId, secretId, to) =>
        changeSecretStatus(ctx, appId ?? '', secretId ?? '', to === 'activate' ? 'activate' : 'deactivate'),
    },
    kind: 'managementApi',
  },
  { pattern: /^\/oauth2\/v1\/token$/, methods: { POST: tokenEndpoint }, kind: 'oauth' },
];

/** True for the paths of Okta's shared apps bucket: /api/v1/apps and /api/v1/apps/*. */
export const inAppsBucket = (path: string): boolean => path === '/api/v1/apps' || path.startsWith('/api/v1/apps/');

export function route(method: string, path: string): Route {
  for (const entry of table) {
    const m = entry.pattern.exec(path);
    if (!m) continue;
    const handler = entry.methods[method];
    const ids = m.slice(1).map((s) => s ?? '');
    if (!handler) return { kind: entry.kind, handle: () => fromError(methodNotAllowed()) };
    return { kind: entry.kind, handle: (ctx) => handler(ctx, ...ids) };
  }
  return {
    kind: path.startsWith('/api/') ? 'managementApi' : 'oauth',
    handle: () => fromError(notFound(path, 'Endpoint')),
  };
}
