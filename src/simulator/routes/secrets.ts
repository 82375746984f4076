// The six client-secret operations, with the spec's status codes: list 200, create 201, get 200, delete 204
// (no body), activate 200, deactivate 200. Each change (not a no-op) writes one System Log event naming who made it.
// Values are shown as the org says (OrgState.secretValues), except in the create's answer: always the plaintext.
import { invalidJsonBody, notFound } from '../errors.ts';
import { fromError, json } from '../answer.ts';
import type { Answer } from '../answer.ts';
import type { RequestContext } from '../http.ts';
import { secretChangeEvent, type SecretChange } from '../logEvents.ts';
import type { AppRecord, SecretRecord } from '../orgState.ts';
import { secretJson } from '../representations.ts';
import { activateSecret, createSecret, deactivateSecret, deleteSecret } from '../secretRules.ts';

type Lookup<T> = { found: T } | { answer: Answer };

/** The app, if it exists and is an OAuth 2.0 client (only those have client secrets). */
function findClientApp(ctx: RequestContext, appId: string): Lookup<AppRecord> {
  const app = ctx.org.app(appId);
  if (!app) return { answer: fromError(notFound(appId, 'AppInstance')) };
  // Our choice: Okta's exact answer for a non-OAuth app is undocumented.
  if (!app.oauthClient) return { answer: fromError(notFound(appId, 'OAuth2Client')) };
  return { found: app };
}

function findSecret(
  ctx: RequestContext,
  appId: string,
  secretId: string,
): Lookup<{ app: AppRecord; secret: SecretRecord }> {
  const lookup = findClientApp(ctx, appId);
  if ('answer' in lookup) return lookup;
  const app = lookup.found;
  const secret = app.secrets.find((s) => s.id === secretId);
  if (!secret) return { answer: fromError(notFound(secretId, 'OAuth2ClientSecret')) };
  return { found: { app, secret } };
}

/** A secret as the org shows it; the create's answer always with the plaintext (the only time it can be learnt). */
const render = (ctx: RequestContext, app: AppRecord, s: SecretRecord, created = false) =>
  secretJson(ctx.org.baseUrl, app.id, s, created ? 'plaintext' : ctx.org.secretValues);

function logChange(ctx: RequestContext, change: SecretChange, app: AppRecord, secret: SecretRecord): void {
  if (!ctx.principal) return;
  const source = {
    principal: ctx.principal,
    now: ctx.now,
    requestId: ctx.requestId,
    path: ctx.path,
    ip: ctx.ip,
    userAgent: String(ctx.headers['user-agent'] ?? ''),
  };
  ctx.org.systemLog.add(secretChangeEvent(source, change, app, secret));
}

export function listSecrets(ctx: RequestContext, appId: string): Answer {
  const lookup = findClientApp(ctx, appId);
  if ('answer' in lookup) return lookup.answer;
  const app = lookup.found;
  return json(
    200,
    app.secrets.map((s) => render(ctx, app, s)),
  );
}

export function postSecret(ctx: RequestContext, appId: string): Answer {
  const lookup = findClientApp(ctx, appId);
  if ('answer' in lookup) return lookup.answer;
  const app = lookup.found;
  let body: unknown = {};
  const text = ctx.body.toString('utf8').trim();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return fromError(invalidJsonBody());
    }
  }
  const outcome = createSecret(app, body);
  if (!outcome.ok) return fromError(outcome.error);
  logChange(ctx, 'create', app, outcome.secret);
  return json(201, render(ctx, app, outcome.secret, true));
}

export function getSecret(ctx: RequestContext, appId: string, secretId: string): Answer {
  const lookup = findSecret(ctx, appId, secretId);
  if ('answer' in lookup) return lookup.answer;
  return json(200, render(ctx, lookup.found.app, lookup.found.secret));
}

export function removeSecret(ctx: RequestContext, appId: string, secretId: string): Answer {
  const lookup = findSecret(ctx, appId, secretId);
  if ('answer' in lookup) return lookup.answer;
  const outcome = deleteSecret(lookup.found.app, lookup.found.secret);
  if (!outcome.ok) return fromError(outcome.error);
  logChange(ctx, 'delete', lookup.found.app, outcome.secret);
  return { status: 204 };
}

export function changeSecretStatus(
  ctx: RequestContext,
  appId: string,
  secretId: string,
  to: 'activate' | 'deactivate',
): Answer {
  const lookup = findSecret(ctx, appId, secretId);
  if ('answer' in lookup) return lookup.answer;
  const { app, secret } = lookup.found;
  const before = secret.status;
  const outcome = to === 'activate' ? activateSecret(app, secret) : deactivateSecret(app, secret);
  if (!outcome.ok) return fromError(outcome.error);
  if (outcome.secret.status !== before) logChange(ctx, to, app, outcome.secret);
  return json(200, render(ctx, app, outcome.secret));
}
