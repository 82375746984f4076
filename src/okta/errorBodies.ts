// zod schemas for the error bodies Okta answers with: the management API's and the token endpoint's (OAuth 2.0).
// Their own file, needing nothing of the client but the sanitizer, so that errors.ts can name their type without
// depending on every schema (and the ids those use).
import * as z from 'zod/mini';
import { sanitizeText } from './oktaText.ts';

/** Okta's text: one line, no control or bidi characters, at most `max` long. */
const oktaText = (max: number) => z.string().check(z.overwrite((s) => sanitizeText(s, max)));

/** Okta's error body. Every field is optional in the spec; we keep what we show, made safe (no errorLink). */
export const OktaErrorBodySchema = z.lazy(() =>
  z.object({
    errorCode: z.optional(oktaText(64)),
    errorSummary: z.optional(oktaText(300)),
    errorId: z.optional(oktaText(64)),
    errorCauses: z.optional(z.array(z.object({ errorSummary: z.optional(oktaText(300)) }))),
  }),
);
export type OktaErrorBody = z.infer<typeof OktaErrorBodySchema>;

/** The OAuth 2.0 error body of /oauth2/v1/token (RFC 6749 §5.2), made safe where it enters. */
export const OAuthErrorBodySchema = z.lazy(() =>
  z.object({
    error: oktaText(64),
    error_description: z.optional(oktaText(300)),
  }),
);
