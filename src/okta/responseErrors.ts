// Turning an Okta error answer into an OktaError of the right kind. The three client-secret rules share one
// errorCode (E0000001, "OAuth2ClientSecretMediated") and differ only by the text of their first cause.
import { OktaError, type OktaErrorKind } from './errors.ts';
import { OktaErrorBodySchema, type OktaErrorBody } from './errorBodies.ts';

export interface ErrorContext {
  operation: string;
  org: string;
  /** Advice for a 404, naming what was not found. */
  notFoundAdvice?: string;
  /** The authenticator's wording for 401 and 403 (a service app is not an API token). */
  authAdvice?: { readonly invalidToken?: string; readonly forbidden?: string } | undefined;
  /** What signed the request in, named when Okta refuses it. */
  credential?: string | undefined;
}

/** Okta's error body, if the answer carries one that parses, its text made safe; otherwise undefined (never the raw text). */
export function parseErrorBody(contentType: string | undefined, body: Buffer): OktaErrorBody | undefined {
  if (body.length === 0 || !contentType || !/json/i.test(contentType)) return undefined;
  try {
    const parsed = OktaErrorBodySchema.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function secretRuleKind(body: OktaErrorBody | undefined): OktaErrorKind | undefined {
  const causes = (body?.errorCauses ?? [])
    .slice(0, 5)
    .map((c) => (c.errorSummary ?? '').toLowerCase())
    .join(' | ');
  if (causes.includes('maximum number of client secrets')) return 'secretLimitReached';
  if (causes.includes('deactivate the only active')) return 'onlyActiveSecret';
  if (causes.includes('delete an active client secret')) return 'deleteActiveSecret';
  return undefined;
}

/** `retryAt` and `now` (the client's clock when it computed retryAt) are for a 429. */
export function errorForStatus(
  ctx: ErrorContext,
  status: number,
  body: OktaErrorBody | undefined,
  retryAt?: Date,
  now?: Date,
): OktaError {
  const base = { operation: ctx.operation, org: ctx.org, status, body, credential: ctx.credential };
  if (status === 401) return new OktaError({ ...base, kind: 'invalidToken', advice: ctx.authAdvice?.invalidToken });
  if (status === 403) return new OktaError({ ...base, kind: 'forbidden', advice: ctx.authAdvice?.forbidden });
  if (status === 404) return new OktaError({ ...base, kind: 'notFound', advice: ctx.notFoundAdvice });
  if (status === 429) return new OktaError({ ...base, kind: 'rateLimited', retryAt, ...(now ? { now } : {}) });
  if (status === 400) return new OktaError({ ...base, kind: secretRuleKind(body) ?? 'validation' });
  if (status >= 500 && status < 600) return new OktaError({ ...base, kind: 'serverError' });
  if (status >= 300 && status < 400) {
    return new OktaError({
      ...base,
      kind: 'protocol',
      detail: 'Okta answered with a redirect, which this API never does',
      advice: "Check that the domain is the org's Okta domain (not a sign-in page or proxy), then try again.",
    });
  }
  return new OktaError({ ...base, kind: 'protocol', detail: `unexpected status ${status}` });
}
