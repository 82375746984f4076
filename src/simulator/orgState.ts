// The state of one simulated org: its apps, their client secrets, its admins and their API tokens, its System Log.
// Plain data and lookups; the rules that change secrets live in secretRules.ts, the JSON Okta sends in
// representations.ts and identityRepresentations.ts.
import { randomBytes } from 'node:crypto';
import { AdminDirectory, type AdminRecord } from './admins.ts';
import type { ServiceApp } from './serviceApp.ts';
import { isoNow, newApiToken, newAppId, newClientSecret, newSecretId, randomBase62, secretHash } from './ids.ts';
import { SystemLog } from './systemLog.ts';

type SecretStatus = 'ACTIVE' | 'INACTIVE';

/**
 * How an org's answers show a secret's value: plaintext (as Okta does for apps, FACTS.md), masked as in the spec's
 * examples (`DRUFXGF9XbLn......a3x3POBiIxDreBCdZuFs5B`, whose hash is not the listed one), or absent (the spec says
 * `client_secret` may be left out). The create's answer always carries the plaintext: it is the only time anyone can
 * learn a generated value.
 */
export type SecretValues = 'plaintext' | 'masked' | 'absent';

export interface SecretRecord {
  id: string;
  status: SecretStatus;
  clientSecret: string;
  secretHash: string;
  created: string;
  lastUpdated: string;
}

interface OAuthClientRecord {
  clientId: string;
  tokenEndpointAuthMethod: string;
  redirectUris: string[];
  grantTypes: string[];
  applicationType: string;
}

export interface AppRecord {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
  lastUpdated: string;
  /** Absent for apps that are not OAuth 2.0 clients (bookmarks, SWA, the okta_flow_sso tile). */
  oauthClient?: OAuthClientRecord;
  /** `settings.app`, free-form per app type (the Workflows app carries its service domain there). */
  settingsApp: Record<string, unknown>;
  secrets: SecretRecord[];
}

export interface SecretSeed {
  status?: SecretStatus;
  clientSecret?: string;
  created?: string;
}

/** What `SimulatedOrg.addApp` accepts. An OAuth client unless `oauthClient: false` or a non-OIDC signOnMode. */
export interface AppSeed {
  name: string;
  label: string;
  id?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  /** default 'OPENID_CONNECT' */
  signOnMode?: string;
  oauthClient?:
    | false
    | { tokenEndpointAuthMethod?: string; redirectUris?: string[]; grantTypes?: string[]; applicationType?: string };
  settingsApp?: Record<string, unknown>;
  /** default: one ACTIVE generated secret for OAuth clients, none for others */
  secrets?: SecretSeed[];
  created?: string;
}

export function newSecretRecord(seed: SecretSeed = {}): SecretRecord {
  const clientSecret = seed.clientSecret ?? newClientSecret();
  const created = seed.created ?? isoNow();
  return {
    id: newSecretId(),
    status: seed.status ?? 'ACTIVE',
    clientSecret,
    secretHash: secretHash(clientSecret),
    created,
    lastUpdated: created,
  };
}

function newAppRecord(seed: AppSeed): AppRecord {
  const id = seed.id ?? newAppId();
  const signOnMode = seed.signOnMode ?? 'OPENID_CONNECT';
  const created = seed.created ?? isoNow();
  const isOAuth = seed.oauthClient !== false && signOnMode === 'OPENID_CONNECT';
  const client = seed.oauthClient || {};
  const app: AppRecord = {
    id,
    name: seed.name,
    label: seed.label,
    status: seed.status ?? 'ACTIVE',
    signOnMode,
    created,
    lastUpdated: created,
    settingsApp: seed.settingsApp ?? {},
    secrets: [],
  };
  if (isOAuth) {
    app.oauthClient = {
      clientId: id, // Okta's default: the client id is the app id
      tokenEndpointAuthMethod: client.tokenEndpointAuthMethod ?? 'client_secret_basic',
      redirectUris: client.redirectUris ?? [],
      grantTypes: client.grantTypes ?? ['authorization_code', 'refresh_token'],
      applicationType: client.applicationType ?? 'web',
    };
    const usesSecret = !['none', 'private_key_jwt'].includes(app.oauthClient.tokenEndpointAuthMethod);
    app.secrets = (seed.secrets ?? (usesSecret ? [{}] : [])).map(newSecretRecord);
  }
  return app;
}

export class OrgState {
  readonly name: string;
  readonly environment: 'preview' | 'production';
  /** Okta org ids start with `00o`; used in app ORNs. */
  readonly orgId = `00o${randomBase62(17)}`;
  /** The admins behind the API tokens: a super admin, a read-only admin, a custom-role admin, an app admin. */
  readonly admins: AdminDirectory;
  readonly apiToken: string;
  readonly readOnlyToken: string;
  readonly customRoleToken: string;
  readonly appAdminToken: string;
  readonly systemLog = new SystemLog();
  readonly apps: AppRecord[] = [];
  /** Set once the org's server listens. */
  baseUrl = '';
  workflowsAppId = '';
  /** The OAuth 2.0 service app (private_key_jwt + DPoP), unless the seed says the org has none. */
  serviceApp: ServiceApp | undefined;
  /** How answers other than a create's show a secret's value (the seed's listPlaintext; default plaintext). */
  secretValues: SecretValues = 'plaintext';
  private readonly revoked = new Set<string>();
  /** Refresh tokens issued to an app's client (a Workflows connection authorized earlier): token -> client and scope. */
  private readonly refreshTokens = new Map<string, { clientId: string; scope: string }>();
  /** Super-admin tokens issued after start (issueApiToken): a person creating a new token mid-rotation. */
  private readonly issued = new Set<string>();

  constructor(name: string, environment: 'preview' | 'production') {
    this.name = name;
    this.environment = environment;
    this.admins = new AdminDirectory(name);
    this.apiToken = this.admins.superAdmin.token;
    this.readOnlyToken = this.admins.readOnlyAdmin.token;
    this.customRoleToken = this.admins.customRoleAdmin.token;
    this.appAdminToken = this.admins.appAdmin.token;
  }

  addApp(seed: AppSeed): AppRecord {
    const app = newAppRecord(seed);
    if (this.apps.some((a) => a.id === app.id))
      throw new Error(`simulator: duplicate app id ${app.id} in org ${this.name}`);
    this.apps.push(app);
    return app;
  }

  app(appId: string): AppRecord | undefined {
    return this.apps.find((a) => a.id === appId);
  }

  /** The admin an API token belongs to; undefined for an unknown or revoked token. */
  adminByToken(token: string): AdminRecord | undefined {
    if (this.revoked.has(token)) return undefined;
    if (this.issued.has(token)) return this.admins.superAdmin;
    return this.admins.byToken(token);
  }

  revokeToken(token: string): void {
    this.revoked.add(token);
  }

  issueApiToken(): string {
    const token = newApiToken();
    this.issued.add(token);
    return token;
  }

  /** A refresh token for `clientId`, as the token endpoint hands one out when a connection is authorized. */
  issueRefreshToken(clientId: string, scope: string): string {
    const token = randomBytes(32).toString('base64url');
    this.refreshTokens.set(token, { clientId, scope });
    return token;
  }

  /** The scope of a refresh token issued to `clientId`; undefined for one unknown or issued to another client. */
  refreshTokenScope(token: string, clientId: string): string | undefined {
    const found = this.refreshTokens.get(token);
    return found?.clientId === clientId ? found.scope : undefined;
  }
}
