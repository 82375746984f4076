// The token endpoint's answers to a service app: an access token, checked against OAuth 2.0 (RFC 6749 §5.1), or a
// refusal in words a person can act on. Okta's `error` code and description are kept, made safe where they enter
// (the schema's sanitizer); no other value from the answer reaches a message. The token itself must be a token:
// one that could split the Authorization header is refused here, before anything is sent with it.
import * as z from 'zod/mini';
import { OktaError, type OktaErrorKind } from '../errors.ts';
import { describeIssues } from '../schemaIssues.ts';
import { sanitizeText } from '../oktaText.ts';
import { header } from '../rateLimit.ts';
import { OAuthErrorBodySchema } from '../errorBodies.ts';
import type { HttpResponse } from '../transport.ts';

// z.lazy: built on the first token request, not when the extension activates.
const TokenAnswerSchema = z.lazy(() =>
  z.looseObject({
    // RFC 6750 b64token: a header value that can hold no line break, space or control character.
    access_token: z.string().check(z.regex(/^[A-Za-z0-9\-._~+/]{1,16384}=*$/)),
    token_type: z.string(),
    expires_in: z.number().check(z.positive()),
    scope: z.optional(z.string()),
  }),
);

/** An access token as the endpoint issued it. */
export interface TokenAnswer {
  value: string;
  /** DPoP (bound to our key) or Bearer (a server that does not bind). */
  type: 'DPoP' | 'Bearer';
  lifetimeMs: number;
  /** The granted scopes, when the answer says (RFC 6749 §5.1: absent means as requested). */
  scopes?: string[];
}

/** A 200 answer read as an access token; a 'protocol' OktaError when it is not one. */
export function parseTokenAnswer(res: HttpResponse, operation: string, org: string): TokenAnswer {
  const refuse = (detail: string): OktaError =>
    new OktaError({ kind: 'protocol', operation, org, status: res.status, detail });
  let data: unknown;
  try {
    data = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw refuse('the token answer is not valid JSON');
  }
  const parsed = TokenAnswerSchema.safeParse(data);
  if (!parsed.success)
    throw refuse(`the token answer does not match OAuth 2.0: ${describeIssues(parsed.error.issues)}`);
  const tokenType = parsed.data.token_type.toLowerCase();
  const type = tokenType === 'dpop' ? 'DPoP' : tokenType === 'bearer' ? 'Bearer' : undefined;
  if (!type) throw refuse('the token type is neither DPoP nor Bearer');
  // A lifetime past a day is not Okta's (its tokens live an hour): the token is used for a day at most.
  const lifetimeMs = Math.min(parsed.data.expires_in, 86_400) * 1000;
  const answer: TokenAnswer = { value: parsed.data.access_token, type, lifetimeMs };
  // The granted scopes are Okta's text: each made safe, and no more of them than any app is granted.
  if (parsed.data.scope !== undefined)
    answer.scopes = parsed.data.scope
      .split(' ')
      .filter((s) => s.length > 0)
      .slice(0, 100)
      .map((s) => sanitizeText(s, 100));
  return answer;
}

export type OAuthError = { error: string; error_description?: string | undefined };

export const SERVICE_APP_ADVICE = {
  invalidClient:
    "Okta did not accept the service app's credentials: the client id or the private key is wrong, or its public key is not registered with the app (Applications > the app > General > Public keys; the key id must match). Enter the client id and private key again.",
  invalidScope:
    'The service app is not granted what the extension needs: grant okta.apps.read and okta.apps.manage to it (Applications > the app > Okta API Scopes) and assign it an admin role that can manage apps.',
  unauthorizedClient:
    'The app may not use client credentials: it must be an API Services app with the Client Credentials grant and "Public key / Private key" client authentication.',
  invalidDpopProof:
    // Worded so that redact() does not take "DPoP <word>" for an Authorization header.
    "Okta refused the proof of possession (DPoP) sent with the request. Check that this computer's clock is right (proofs carry the time), then try again; if it persists, report it with the log.",
  tokenRefused:
    "Okta refused the service app's access token even after a new one was fetched. Check that the app still exists, is active and keeps its scopes, then Refresh.",
  forbidden:
    'The service app lacks a scope or a role: grant okta.apps.read and okta.apps.manage to it (Applications > the app > Okta API Scopes) and assign it an admin role that can manage apps (e.g. Application Administrator).',
} as const;

/** The OAuth error of a token answer, when it has a readable one. */
export function readOAuthError(res: HttpResponse): OAuthError | undefined {
  const type = header(res.headers, 'content-type') ?? '';
  if (!/json/i.test(type)) return undefined;
  try {
    const parsed = OAuthErrorBodySchema.safeParse(JSON.parse(res.body.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: the caller judges the answer by its status alone.
    return undefined;
  }
}

/** The token endpoint's refusal as an OktaError a person can act on. Okta's `error` code and text are kept. */
export function tokenError(operation: string, org: string, status: number, error: OAuthError | undefined): OktaError {
  const body = error ? { errorCode: error.error, errorSummary: error.error_description } : undefined;
  const make = (kind: OktaErrorKind, advice?: string, detail?: string) =>
    new OktaError({ kind, operation, org, status, body, advice, detail, credential: 'service app' });
  switch (error?.error) {
    case 'invalid_client':
      return make('invalidToken', SERVICE_APP_ADVICE.invalidClient);
    case 'invalid_scope':
      return make('forbidden', SERVICE_APP_ADVICE.invalidScope);
    case 'unauthorized_client':
      return make('forbidden', SERVICE_APP_ADVICE.unauthorizedClient);
    case 'invalid_dpop_proof':
      return make('protocol', SERVICE_APP_ADVICE.invalidDpopProof);
    case 'use_dpop_nonce':
      return make(
        'protocol',
        SERVICE_APP_ADVICE.invalidDpopProof,
        'Okta asked for a DPoP nonce again after it was given',
      );
    default:
      break;
  }
  if (status === 429) return make('rateLimited');
  if (status >= 500) return make('serverError');
  if (status === 401) return make('invalidToken', SERVICE_APP_ADVICE.invalidClient);
  if (status === 400) return make('validation');
  return make('protocol', undefined, `unexpected status ${status} from the token endpoint`);
}
