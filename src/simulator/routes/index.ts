// The routing table: which handler answers a method and path, what a credential needs to call it (a service app's
// scopes, an admin's right) and which rate-limit bucket it counts against.
import type { AdminRight } from '../admins.ts';
import { methodNotAllowed, notFound } from '../errors.ts';
import { fromError } from '../answer.ts';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';
import { getApp, listApps } from './apps.ts';
import { listRolePermissions } from './iam.ts';
import { listLogEvents } from './logs.ts';
import { changeSecretStatus, getSecret, listSecrets, postSecret, removeSecret } from './secrets.ts';
import { tokenEndpoint } from './token.ts';
import { getUser, listUserRoles } from './users.ts';

/** What a credential needs: one of `scopes` (a service app), or `right` (an admin; 'self': any admin about themselves). */
export interface Access {
  scopes: readonly string[];
  right: AdminRight | 'self';
}

/** Okta's rate-limit buckets the simulator keeps (developer.okta.com "Management rate limits"). */
export type RateBucket = 'apps' | 'logs' | 'userById' | 'other';

export interface Route {
  /** Management API routes need a credential; the OAuth token endpoint authenticates its own way. */
  kind: 'managementApi' | 'oauth';
  /** Undefined for paths no route serves: the credential is checked, no right is. */
  access?: Access;
  bucket?: RateBucket;
  handle(ctx: RequestContext): Answer;
}

const APPS_READ: Access = { scopes: ['okta.apps.read', 'okta.apps.manage'], right: 'apps.read' };
const APPS_MANAGE: Access = { scopes: ['okta.apps.manage'], right: 'apps.manage' };
const appsAccess = (method: string): Access => (method === 'GET' ? APPS_READ : APPS_MANAGE);
const ROLES_READ: Access = { scopes: ['okta.roles.read'], right: 'iam.read' };

const ID = '([A-Za-z0-9]+)';
/** A user id or login, a role id or label: anything but a slash (percent-decoded before use). */
const NAME = '([^/]+)';

interface Entry {
  pattern: RegExp;
  methods: Record<string, (ctx: RequestContext, ...ids: string[]) => Answer>;
  kind: Route['kind'];
  access?: (method: string, ids: readonly string[]) => Access;
  bucket?: RateBucket;
}

const table: Entry[] = [
  {
    pattern: /^\/api\/v1\/apps$/,
    methods: { GET: listApps },
    kind: 'managementApi',
    access: appsAccess,
    bucket: 'apps',
  },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}$`),
    methods: { GET: getApp },
    kind: 'managementApi',
    access: appsAccess,
    bucket: 'apps',
  },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/credentials/secrets$`),
    methods: { GET: listSecrets, POST: postSecret },
    kind: 'managementApi',
    access: appsAccess,
    bucket: 'apps',
  },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/credentials/secrets/${ID}$`),
    methods: { GET: getSecret, DELETE: removeSecret },
    kind: 'managementApi',
    access: appsAccess,
    bucket: 'apps',
  },
  {
    pattern: new RegExp(`^/api/v1/apps/${ID}/credentials/secrets/${ID}/lifecycle/(activate|deactivate)$`),
    methods: {
      POST: (ctx, appId, secretId, to) =>
        changeSecretStatus(ctx, appId ?? '', secretId ?? '', to === 'activate' ? 'activate' : 'deactivate'),
    },
    kind: 'managementApi',
    access: appsAccess,
    bucket: 'apps',
  },
  {
    pattern: new RegExp(`^/api/v1/users/${NAME}$`),
    methods: { GET: getUser },
    kind: 'managementApi',
    // `me` needs no right: every admin may read themselves (okta.users.read.self for a service app).
    access: (_method, [id]) =>
      id === 'me'
        ? { scopes: ['okta.users.read', 'okta.users.read.self'], right: 'self' }
        : { scopes: ['okta.users.read'], right: 'users.read' },
    bucket: 'userById',
  },
  {
    pattern: new RegExp(`^/api/v1/users/${NAME}/roles$`),
    methods: { GET: listUserRoles },
    kind: 'managementApi',
    access: () => ROLES_READ,
    bucket: 'other',
  },
  {
    pattern: new RegExp(`^/api/v1/iam/roles/${NAME}/permissions$`),
    methods: { GET: listRolePermissions },
    kind: 'managementApi',
    access: () => ROLES_READ,
    bucket: 'other',
  },
  {
    pattern: /^\/api\/v1\/logs$/,
    methods: { GET: listLogEvents },
    kind: 'managementApi',
    access: () => ({ scopes: ['okta.logs.read'], right: 'logs.read' }),
    bucket: 'logs',
  },
  { pattern: /^\/oauth2\/v1\/token$/, methods: { POST: tokenEndpoint }, kind: 'oauth' },
];

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function route(method: string, path: string): Route {
  // Okta counts every /api/v1/apps/* path against the apps bucket, served or not.
  const inApps = path === '/api/v1/apps' || path.startsWith('/api/v1/apps/');
  const unknown = (): Route => {
    const r: Route = {
      kind: path.startsWith('/api/') ? 'managementApi' : 'oauth',
      handle: () => fromError(notFound(path, 'Endpoint')),
    };
    if (inApps) r.bucket = 'apps';
    return r;
  };
  for (const entry of table) {
    const m = entry.pattern.exec(path);
    if (!m) continue;
    const ids = m.slice(1).map((s) => decoded(s ?? ''));
    if (ids.some((id) => id === undefined)) return unknown();
    const values = ids.map((id) => id ?? '');
    const access = entry.access?.(method, values);
    const handler = entry.methods[method];
    const base = { kind: entry.kind, ...(access ? { access } : {}), ...(entry.bucket ? { bucket: entry.bucket } : {}) };
    if (!handler) return { ...base, handle: () => fromError(methodNotAllowed()) };
    return { ...base, handle: (ctx) => handler(ctx, ...values) };
  }
  return unknown();
}
