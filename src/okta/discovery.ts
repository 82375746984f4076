// Finding the "Okta Workflows OAuth" app among an org's apps. Its name is `flow` in every org we have seen,
// but that is not documented, so the label and the Workflows service domain in settings.app are accepted too.
// The "Okta Workflows" sign-in tile (`okta_flow_sso`) has no OAuth client and is never the answer.
import type { Application, WorkflowsApp } from './schemas.ts';

export const WORKFLOWS_APP_NAME = 'flow';
const WORKFLOWS_APP_LABEL = 'Okta Workflows OAuth';
export const WORKFLOWS_SSO_APP_NAME = 'okta_flow_sso';
export const WORKFLOWS_SEARCH = 'Okta Workflows';

function clientIdOf(app: Application): string | undefined {
  const id = app.credentials?.oauthClient?.client_id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** An OIDC app with a client id: the only kind whose client secret we can rotate. */
export function isOAuthClientApp(app: Application): boolean {
  return clientIdOf(app) !== undefined && (app.signOnMode === undefined || app.signOnMode === 'OPENID_CONNECT');
}

function mentionsWorkflowsOAuth(app: Application): boolean {
  const settings = app.settings?.app ?? {};
  return Object.values(settings).some((v) => typeof v === 'string' && v.toLowerCase().includes('oauth.workflows.'));
}

/** Does `app` look like the Workflows OAuth app (by label or service domain), whatever its name? */
export function looksLikeWorkflowsOAuthApp(app: Application): boolean {
  if (app.name === WORKFLOWS_SSO_APP_NAME || !isOAuthClientApp(app)) return false;
  return app.name === WORKFLOWS_APP_NAME || app.label === WORKFLOWS_APP_LABEL || mentionsWorkflowsOAuth(app);
}

export function toWorkflowsApp(app: Application): WorkflowsApp {
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    clientId: clientIdOf(app) ?? '',
    tokenEndpointAuthMethod: app.credentials?.oauthClient?.token_endpoint_auth_method ?? 'client_secret_basic',
    redirectUris: [...(app.settings?.oauthClient?.redirect_uris ?? [])],
  };
}

/** Distinct candidates by id (the two searches may return the same app). */
export function uniqueById(apps: readonly Application[]): Application[] {
  const seen = new Map<string, Application>();
  for (const a of apps) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}
