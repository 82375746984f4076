// Okta's error bodies, with the summaries and causes of the OpenAPI excerpt. Every body gets a fresh errorId,
// as Okta's do (it is what Okta Support asks for).
import { newErrorId } from './ids.ts';

interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: Array<{ errorSummary: string }>;
}

/** An error answer: HTTP status and Okta body. Handlers throw or return it; the server sends it. */
export interface OktaErrorAnswer {
  status: number;
  body: OktaErrorBody;
}

function oktaError(status: number, errorCode: string, errorSummary: string, causes: string[] = []): OktaErrorAnswer {
  return {
    status,
    body: {
      errorCode,
      errorSummary,
      errorLink: errorCode,
      errorId: newErrorId(),
      errorCauses: causes.map((errorSummary) => ({ errorSummary })),
    },
  };
}

export const invalidToken = (): OktaErrorAnswer => oktaError(401, 'E0000011', 'Invalid token provided');
export const accessDenied = (): OktaErrorAnswer =>
  oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
/** `kind` is Okta's resource type as it prints it, e.g. `AppInstance`, `OAuth2ClientSecret`. */
export const notFound = (id: string, kind: string): OktaErrorAnswer =>
  oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (${kind})`);
export const tooManyRequests = (): OktaErrorAnswer =>
  oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');
export const internalError = (status = 500): OktaErrorAnswer => oktaError(status, 'E0000009', 'Internal Server Error');
export const methodNotAllowed = (): OktaErrorAnswer =>
  oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
/** Our answer to a `filter` we do not support (Okta's code for invalid search criteria). */
export const invalidSearch = (cause: string): OktaErrorAnswer =>
  oktaError(400, 'E0000031', 'Invalid search criteria.', [cause]);
export const invalidJsonBody = (): OktaErrorAnswer =>
  oktaError(400, 'E0000003', 'The request body was not well-formed.');

/** The three secret rules: one summary, told apart by the first cause (spec examples). */
const SECRET_RULE_CAUSES = {
  maxSecrets: "You've reached the maximum number of client secrets per client.",
  onlyActive: "You can't deactivate the only active client secret.",
  deleteActive: "You can't delete an active client secret. Deactivate the secret before deleting it.",
} as const;
export type SecretRule = keyof typeof SECRET_RULE_CAUSES;

export const secretRuleViolation = (rule: SecretRule): OktaErrorAnswer =>
  oktaError(400, 'E0000001', 'Api validation failed: OAuth2ClientSecretMediated', [SECRET_RULE_CAUSES[rule]]);

/** A supplied client_secret that Okta refuses (spec examples, texts verbatim). */
const CLIENT_SECRET_CAUSES = {
  tooLong: "client_secret: 'client_secret' can't be more than '100' characters long.",
  tooShort: "client_secret: 'client_secret' must be at least '14' characters long.",
  tooShortForJwt:
    "client_secret: 'client_secret' must be at least '32' characters long when 'token_endpoint_auth_method' is 'client_secret_jwt'.",
  privateKeyJwt: "'client_secret' can't be used when 'token_endpoint_auth_method' is 'private_key_jwt'.",
  nonAscii: "client_secret: ''client_secret'' must only contain printable ASCII: [x20-x7E]+",
} as const;
export type ClientSecretProblem = keyof typeof CLIENT_SECRET_CAUSES;

export const clientSecretInvalid = (problem: ClientSecretProblem): OktaErrorAnswer =>
  oktaError(400, 'E0000001', 'Api validation failed: client_secret', [CLIENT_SECRET_CAUSES[problem]]);

/** Any other malformed create body (e.g. status not ACTIVE/INACTIVE). Our choice; Okta's text is unknown. */
export const createBodyInvalid = (cause: string): OktaErrorAnswer =>
  oktaError(400, 'E0000001', 'Api validation failed: OAuth2ClientSecretRequestBody', [cause]);

/** A System Log query parameter Okta refuses (the spec's 400, E0000001). The cause is in our words. */
export const logQueryInvalid = (parameter: string, cause: string): OktaErrorAnswer =>
  oktaError(400, 'E0000001', `Api validation failed: ${parameter}`, [cause]);
