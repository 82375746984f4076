// What a simulated org contains at start: the Workflows OAuth app (unless the seed says the org has none), the
// "Okta Workflows" sign-in tile and ordinary apps as decoys. Shapes follow public org exports: the `flow` app's
// settings.app holds the Workflows service domain and its redirect URI.
import type { AppSeed, OrgState, SecretSeed } from './orgState.ts';
import type { SecretValues } from './orgState.ts';
import type { ServiceAppSeed } from './serviceApp.ts';

export interface OrgSeed {
  name: string;
  environment: 'preview' | 'production';
  /** false: the org has no Workflows OAuth app. Otherwise overrides of the default app. */
  workflowsApp?: false | { name?: string; label?: string; tokenEndpointAuthMethod?: string };
  /** default: one ACTIVE generated secret */
  secrets?: SecretSeed[];
  /** extra ordinary apps, to exercise pagination (default 3) */
  decoyApps?: number;
  /** The OAuth 2.0 service app: false for none; default granted okta.apps.read okta.apps.manage, DPoP required. */
  serviceApp?: false | ServiceAppSeed;
  /**
   * Addition: whether answers show secret values in plaintext (default true, as Okta does for apps); false leaves
   * `client_secret` out, 'masked' sends a masked value as the spec's examples do. A create's answer always carries it.
   */
  listPlaintext?: boolean | 'masked';
  /**
   * Addition: the org has a forgotten flow from the start (forgottenFlow.ts): a Workflows connection refreshing its
   * token with the secret ACTIVE at start, which fails once that secret is deactivated. Needs the Workflows app.
   */
  forgottenFlow?: ForgottenFlowSeed;
}

/** A seeded forgotten flow: how often it refreshes (default every 60 000 ms). */
export interface ForgottenFlowSeed {
  intervalMs?: number;
}

/** How an org seeded with `listPlaintext` shows secret values. */
function secretValuesOf(listPlaintext: OrgSeed['listPlaintext']): SecretValues {
  return listPlaintext === 'masked' ? 'masked' : listPlaintext === false ? 'absent' : 'plaintext';
}

/**
 * A service app granted, besides the apps scopes, what the identity and evidence features read: its own user (none:
 * a service app has no user), admin roles, and the System Log. The default service app keeps the apps scopes only.
 */
export const AUDITING_SERVICE_APP: ServiceAppSeed = {
  scopes: ['okta.apps.read', 'okta.apps.manage', 'okta.users.read.self', 'okta.roles.read', 'okta.logs.read'],
};

export const DEFAULT_ORGS: readonly OrgSeed[] = [
  { name: 'acme-preview', environment: 'preview' },
  { name: 'acme', environment: 'production' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A fleet of `count` orgs, alternating preview and production and paired by name (`fleet-001-preview` is the
 * preview org of `fleet-001`), each with its own app and one ACTIVE secret whose age varies from 20 to 189 days,
 * so that some are due for rotation (past 90 days) and some are not.
 */
export function fleetSeeds(count: number, now: Date = new Date()): OrgSeed[] {
  const digits = String(Math.ceil(count / 2)).length < 3 ? 3 : String(Math.ceil(count / 2)).length;
  return Array.from({ length: count }, (_, i): OrgSeed => {
    const pair = String(Math.floor(i / 2) + 1).padStart(digits, '0');
    const ageDays = 20 + ((i * 53) % 170);
    return {
      name: i % 2 === 0 ? `fleet-${pair}-preview` : `fleet-${pair}`,
      environment: i % 2 === 0 ? 'preview' : 'production',
      secrets: [{ status: 'ACTIVE', created: new Date(now.getTime() - ageDays * DAY_MS).toISOString() }],
      decoyApps: 1,
    };
  });
}

/** `seeds` with the org named `orgName` given a forgotten flow (for one org of a fleet); throws for a name none has. */
export function withForgottenFlow(seeds: readonly OrgSeed[], orgName: string, flow: ForgottenFlowSeed = {}): OrgSeed[] {
  const seed = seeds.find((s) => s.name === orgName);
  if (!seed) throw new Error(`no org named '${orgName}' (have: ${seeds.map((s) => s.name).join(', ')})`);
  if (seed.workflowsApp === false) throw new Error(`org '${orgName}' has no Workflows app for a flow to use`);
  return seeds.map((s) => (s === seed ? { ...s, forgottenFlow: flow } : s));
}

/** `https://oauth.workflows.okta.com` or `…oktapreview.com`, as seen in real `flow` app settings. */
function workflowsServiceDomain(environment: 'preview' | 'production'): string {
  return `https://oauth.workflows.${environment === 'preview' ? 'oktapreview' : 'okta'}.com`;
}

const DECOYS: readonly AppSeed[] = [
  {
    name: 'oidc_client',
    label: 'Acme Portal',
    oauthClient: { redirectUris: ['https://portal.acme.example/callback'] },
  },
  {
    name: 'bookmark',
    label: 'Acme Intranet',
    signOnMode: 'BOOKMARK',
    settingsApp: { url: 'https://intranet.acme.example', requestIntegration: false },
  },
  {
    name: 'template_swa',
    label: 'Acme Payroll',
    signOnMode: 'BROWSER_PLUGIN',
    settingsApp: { url: 'https://payroll.acme.example/login' },
  },
  {
    name: 'oidc_client',
    label: 'Acme Mobile',
    oauthClient: {
      tokenEndpointAuthMethod: 'none',
      applicationType: 'native',
      redirectUris: ['com.acme.mobile:/callback'],
    },
  },
];

function decoy(i: number): AppSeed {
  const base = DECOYS[i % DECOYS.length] as AppSeed;
  return i < DECOYS.length ? base : { ...base, label: `${base.label} ${Math.floor(i / DECOYS.length) + 1}` };
}

/** Fills a fresh org with its apps. Decoys come first, so finding the Workflows app by listing needs paging. */
export function seedOrg(org: OrgState, seed: OrgSeed): void {
  org.secretValues = secretValuesOf(seed.listPlaintext);
  const decoys = seed.decoyApps ?? 3;
  if (!Number.isInteger(decoys) || decoys < 0)
    throw new Error(`simulator: decoyApps must be a whole number >= 0 (org ${seed.name})`);
  for (let i = 0; i < decoys; i++) org.addApp(decoy(i));
  // The console's sign-in tile: same words in its label, no OAuth client. Present even without the OAuth app.
  org.addApp({
    name: 'okta_flow_sso',
    label: 'Okta Workflows',
    signOnMode: 'BOOKMARK',
    settingsApp: {
      url: `https://${seed.name}.workflows.${seed.environment === 'preview' ? 'oktapreview' : 'okta'}.com`,
    },
  });
  if (seed.workflowsApp === false) return;
  const overrides = seed.workflowsApp ?? {};
  if ((seed.secrets?.length ?? 0) > 2)
    throw new Error(`simulator: an app holds at most two secrets (org ${seed.name})`);
  const domain = workflowsServiceDomain(seed.environment);
  const app = org.addApp({
    name: overrides.name ?? 'flow',
    label: overrides.label ?? 'Okta Workflows OAuth',
    oauthClient: {
      tokenEndpointAuthMethod: overrides.tokenEndpointAuthMethod ?? 'client_secret_basic',
      redirectUris: [`${domain}/oauth/okta/cb`],
      grantTypes: ['authorization_code', 'refresh_token'],
      applicationType: 'web',
    },
    settingsApp: { redirectURI: `${domain}/oauth/okta/cb`, serviceDomain: domain },
    secrets: seed.secrets,
  });
  org.workflowsAppId = app.id;
}
