// zod schemas for what Okta sends us, following ../shared/okta/management-apps-secrets.openapi.yaml.
// Objects are loose: unknown fields are tolerated (Okta adds fields), but a field we rely on with the wrong
// type or missing breaks the contract and becomes a protocol error in the client.
import { z } from 'zod';

export const SecretStatus = z.enum(['ACTIVE', 'INACTIVE']);
export type SecretStatus = z.infer<typeof SecretStatus>;

const HrefObject = z.looseObject({
  href: z.string(),
  hints: z.looseObject({ allow: z.array(z.string()).optional() }).optional(),
});

/** OAuth2ClientSecret. `client_secret` is plaintext in Okta's answers: treat the whole object as a secret. */
export const ClientSecretSchema = z.looseObject({
  id: z.string().min(1),
  status: SecretStatus,
  client_secret: z.string().optional(),
  secret_hash: z.string().optional(),
  created: z.string(),
  lastUpdated: z.string(),
  _links: z
    .looseObject({
      activate: HrefObject.optional(),
      deactivate: HrefObject.optional(),
      delete: HrefObject.optional(),
    })
    .optional(),
});
export type ClientSecret = z.infer<typeof ClientSecretSchema>;
export const ClientSecretListSchema = z.array(ClientSecretSchema);

/** The subset of Application we read. Only id, name, label and status are required by the spec's usage. */
export const ApplicationSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  label: z.string(),
  status: z.string().optional(),
  signOnMode: z.string().optional(),
  created: z.string().optional(),
  lastUpdated: z.string().optional(),
  credentials: z
    .looseObject({
      oauthClient: z
        .looseObject({
          client_id: z.string().optional(),
          token_endpoint_auth_method: z.string().optional(),
          autoKeyRotation: z.boolean().optional(),
        })
        .optional(),
    })
    .optional(),
  settings: z
    .looseObject({
      app: z.record(z.string(), z.unknown()).optional(),
      oauthClient: z
        .looseObject({
          redirect_uris: z.array(z.string()).optional(),
          application_type: z.string().optional(),
          grant_types: z.array(z.string()).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type Application = z.infer<typeof ApplicationSchema>;
export const ApplicationListSchema = z.array(ApplicationSchema);

/** Okta's error body. Every field is optional in the spec; we keep what is there. */
export const OktaErrorBodySchema = z.looseObject({
  errorCode: z.string().optional(),
  errorSummary: z.string().optional(),
  errorLink: z.string().optional(),
  errorId: z.string().optional(),
  errorCauses: z.array(z.looseObject({ errorSummary: z.string().optional() })).optional(),
});
export type OktaErrorBody = z.infer<typeof OktaErrorBodySchema>;

/** The OAuth 2.0 error body of /oauth2/v1/token (RFC 6749 §5.2). */
export const OAuthErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
});
export type OAuthErrorBody = z.infer<typeof OAuthErrorBodySchema>;

/** What the rest of the code needs to know about the Workflows OAuth app, derived from an Application. */
export interface WorkflowsApp {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly clientId: string;
  /** client_secret_basic | client_secret_post | client_secret_jwt | private_key_jwt | none */
  readonly tokenEndpointAuthMethod: string;
  readonly redirectUris: readonly string[];
}
