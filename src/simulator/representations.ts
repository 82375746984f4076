// The JSON Okta sends for an app and for a client secret, shaped as the OpenAPI excerpt and real org exports.
// `_links` hrefs are absolute on the org's base URL, as Okta's are.
import type { AppRecord, SecretRecord, SecretValues } from './orgState.ts';

const link = (href: string, allow?: string[]) => (allow ? { href, hints: { allow } } : { href });

function secretsUrl(baseUrl: string, appId: string): string {
  return `${baseUrl}/api/v1/apps/${appId}/credentials/secrets`;
}

function shownValue(value: string, shown: SecretValues): string | undefined {
  if (shown === 'plaintext') return value;
  if (shown === 'absent') return undefined;
  return value.length >= 40 ? `${value.slice(0, 12)}......${value.slice(-22)}` : `......${value.slice(-4)}`;
}

/** OAuth2ClientSecret, its value shown as the org shows values (default: plaintext, as Okta does). */
export function secretJson(
  baseUrl: string,
  appId: string,
  s: SecretRecord,
  shown: SecretValues = 'plaintext',
): Record<string, unknown> {
  const self = `${secretsUrl(baseUrl, appId)}/${s.id}`;
  const _links =
    s.status === 'ACTIVE'
      ? { deactivate: link(`${self}/lifecycle/deactivate`, ['POST']) }
      : { activate: link(`${self}/lifecycle/activate`, ['POST']), delete: link(self, ['DELETE']) };
  const value = shownValue(s.clientSecret, shown);
  return {
    id: s.id,
    status: s.status,
    ...(value === undefined ? {} : { client_secret: value }),
    secret_hash: s.secretHash,
    created: s.created,
    lastUpdated: s.lastUpdated,
    _links,
  };
}

/** Application (the fields Okta sends for an app instance; nulls left out so the spec's types hold). */
export function appJson(baseUrl: string, orgId: string, app: AppRecord): Record<string, unknown> {
  const appUrl = `${baseUrl}/api/v1/apps/${app.id}`;
  const credentials: Record<string, unknown> = {
    userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
    signing: {},
  };
  const settings: Record<string, unknown> = {
    app: app.settingsApp,
    notifications: { vpn: { network: { connection: 'DISABLED' } } },
    implicitAssignment: false,
    notes: {},
  };
  const links: Record<string, unknown> = {
    self: link(appUrl),
    appLinks: [],
    groups: link(`${appUrl}/groups`),
    users: link(`${appUrl}/users`),
    logo: [{ name: 'medium', href: `${baseUrl}/assets/img/logos/default.png`, type: 'image/png' }],
    [app.status === 'ACTIVE' ? 'deactivate' : 'activate']: link(
      `${appUrl}/lifecycle/${app.status === 'ACTIVE' ? 'deactivate' : 'activate'}`,
      ['POST'],
    ),
  };
  if (app.oauthClient) {
    const c = app.oauthClient;
    credentials.oauthClient = {
      autoKeyRotation: true,
      client_id: c.clientId,
      token_endpoint_auth_method: c.tokenEndpointAuthMethod,
      pkce_required: false,
    };
    settings.oauthClient = {
      redirect_uris: c.redirectUris,
      response_types: ['code'],
      grant_types: c.grantTypes,
      application_type: c.applicationType,
      consent_method: 'TRUSTED',
      issuer_mode: 'ORG_URL',
      idp_initiated_login: { mode: 'DISABLED', default_scope: [] },
      wildcard_redirect: 'DISABLED',
    };
    links.clientCredentials = [{ name: 'secrets', href: secretsUrl(baseUrl, app.id) }];
  }
  return {
    id: app.id,
    orn: `orn:okta:idp:${orgId}:apps:${app.name}:${app.id}`,
    name: app.name,
    label: app.label,
    status: app.status,
    lastUpdated: app.lastUpdated,
    created: app.created,
    accessibility: { selfService: false },
    visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: true, web: true }, appLinks: {} },
    features: [],
    signOnMode: app.signOnMode,
    credentials,
    settings,
    _links: links,
  };
}
