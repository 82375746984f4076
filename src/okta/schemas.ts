// zod schemas for what Okta sends us, following ../shared/okta/management-apps-secrets.openapi.yaml.
// Objects are loose: unknown fields are tolerated (Okta adds fields), but a field we rely on with the wrong
// type or missing breaks the contract and becomes a protocol error in the client.
// zod/mini (functional, tree-shakable: the bundle carries only what is used): `z.optional(x)`, `x.check(...)`.
// Every schema is wrapped in z.lazy: built on first use, not when the extension activates (building zod schemas
// was most of activation's time).
// What enters here from Okta is checked or made safe on the way in: ids must have Okta's shapes (an id with a line
// break, HTML or "../" is a broken contract, never a value to journal or show), and free text (labels, names,
// timestamps) goes through the one sanitizer (oktaText.ts).
import * as z from 'zod/mini';
import { APP_ID, CLIENT_ID, SECRET_ID } from './ids.ts';
import { sanitizeText } from './oktaText.ts';
import { SECRET_HASH } from './secretHash.ts';

const SecretStatus = z.lazy(() => z.enum(['ACTIVE', 'INACTIVE']));
type SecretStatus = z.infer<typeof SecretStatus>;

/** Okta's free text, made safe where it enters: one line, no control or bidi characters, at most `max` long. */
const oktaText = (max: number) => z.string().check(z.overwrite((s) => sanitizeText(s, max)));
const Label = z.lazy(() => oktaText(200));
const Word = z.lazy(() => oktaText(100));
const OptionalWord = z.lazy(() => z.optional(oktaText(100)));
const Timestamp = z.lazy(() => oktaText(64));
const AppId = z.lazy(() => z.string().check(z.minLength(1, { abort: true }), z.regex(APP_ID)));
const SecretId = z.lazy(() => z.string().check(z.minLength(1, { abort: true }), z.regex(SECRET_ID)));
/** A client id as the spec allows it: 6 to 100 letters, digits or $-_.+!*'(), (an app's own id by default). */
const ClientId = z.lazy(() => z.string().check(z.regex(CLIENT_ID)));

const HrefObject = z.lazy(() =>
  z.looseObject({
    href: z.string(),
    hints: z.optional(z.looseObject({ allow: z.optional(z.array(z.string())) })),
  }),
);

/**
 * OAuth2ClientSecret. `client_secret` is usually plaintext in Okta's answers: treat the whole object as a secret. It
 * may also be masked or absent (the spec says so): a list without it is still a list, and the client keeps a value
 * only when it matches `secret_hash` (secretHash.ts withPlaintextOnly).
 */
export const ClientSecretSchema = z.lazy(() =>
  z.looseObject({
    id: SecretId,
    status: SecretStatus,
    // The value, kept as Okta sent it (it is what authenticates); no secret is longer than this.
    client_secret: z.optional(z.string().check(z.maxLength(1024))),
    // 22 base64url characters, as every answer Okta publishes: anything else breaks the contract, as an id would.
    secret_hash: z.optional(z.string().check(z.regex(SECRET_HASH))),
    created: Timestamp,
    lastUpdated: Timestamp,
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
    id: AppId,
    name: Word,
    label: Label,
    status: OptionalWord,
    signOnMode: OptionalWord,
    created: z.optional(Timestamp),
    lastUpdated: z.optional(Timestamp),
    credentials: z.optional(
      z.looseObject({
        oauthClient: z.optional(
          z.looseObject({
            client_id: z.optional(ClientId),
            token_endpoint_auth_method: OptionalWord,
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
            application_type: OptionalWord,
            grant_types: z.optional(z.array(z.string())),
          }),
        ),
      }),
    ),
  }),
);
export type Application = z.infer<typeof ApplicationSchema>;
export const ApplicationListSchema = z.lazy(() => z.array(ApplicationSchema));

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
