// zod schemas for what Okta sends us, following ../shared/okta/management-apps-secrets.openapi.yaml.
// Objects are loose: unknown fields are tolerated (Okta adds fields), but a field we rely on with the wrong
// type or missing breaks the contract and becomes a protocol error in the client.
// zod/mini (functional, tree-shakable: the bundle carries only what is used): `z.optional(x)`, `x.check(...)`.
// Every schema is wrapped in z.lazy: built on first use, not when the extension activates (building zod schemas
// was most of activation's time).
import * as z from 'zod/mini';

const SecretStatus = z.lazy(() => z.enum(['ACTIVE', 'INACTIVE']));
type SecretStatus = z.infer<typeof SecretStatus>;

const NonEmpty = z.lazy(() => z.string().check(z.minLength(1)));
const OptionalString = z.lazy(() => z.optional(z.string()));

const HrefObject = z.lazy(() =>
  z.looseObject({
    href: z.string(),
    hints: z.optional(z.looseObject({ allow: z.optional(z.array(z.string())) })),
  }),
);

/** OAuth2ClientSecret. `client_secret` is plaintext in Okta's answers: treat the whole object as a secret. */
export const ClientSecretSchema = z.lazy(() =>
  z.looseObject({
    id: NonEmpty,
    status: SecretStatus,
    client_secret: OptionalString,
    secret_hash: OptionalString,
    created: z.string(),
    lastUpdated: z.string(),
    _links: z.optional(
      z.looseObject({
        activate: z.optional(HrefObject),
        deactivate: z.optional(HrefObject),
        delete: z.optional(HrefObject),
      }),
    ),
  }),
);
export type ClientSecret = z.infer<typeof ClientSecretSchema>;
export const ClientSecretListSchema = z.lazy(() => z.array(ClientSecretSchema));

/** The subset of Application we read. Only id, name, label and status are required by the spec's usage. */
export const ApplicationSchema = z.lazy(() =>
  z.looseObject({
    id: NonEmpty,
    name: z.string(),
    label: z.string(),
    status: OptionalString,
    signOnMode: OptionalString,
    created: OptionalString,
    lastUpdated: OptionalString,
    credentials: z.optional(
      z.looseObject({
        oauthClient: z.optional(
          z.looseObject({
            client_id: OptionalString,
            token_endpoint_auth_method: OptionalString,
            autoKeyRotation: z.optional(z.boolean()),
          }),
        ),
      }),
    ),
    settings: z.optional(
      z.looseObject({
        app: z.optional(z.record(z.string(), z.unknown())),
        oauthClient: z.optional(
          z.looseObject({
            redirect_uris: z.optional(z.array(z.string())),
            application_type: OptionalString,
            grant_types: z.optional(z.array(z.string())),
          }),
        ),
      }),
    ),
  }),
);
export type Application = z.infer<typeof ApplicationSchema>;
export const ApplicationListSchema = z.lazy(() => z.array(ApplicationSchema));

/** Okta's error body. Every field is optional in the spec; we keep what is there. */
export const OktaErrorBodySchema = z.lazy(() =>
  z.looseObject({
    errorCode: OptionalString,
    errorSummary: OptionalString,
    errorLink: OptionalString,
    errorId: OptionalString,
    errorCauses: z.optional(z.array(z.looseObject({ errorSummary: OptionalString }))),
  }),
);
export type OktaErrorBody = z.infer<typeof OktaErrorBodySchema>;

/** The OAuth 2.0 error body of /oauth2/v1/token (RFC 6749 §5.2). */
export const OAuthErrorBodySchema = z.lazy(() =>
  z.looseObject({
    error: z.string(),
    error_description: OptionalString,
  }),
);

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
