// Refreshing one org. Its Workflows app is remembered after the first discovery (knownOrgs.ts), so a refresh is one
// call: list that app's secrets. An app Okta no longer knows by that id (404: deleted, or the org restored) is
// found again, once; an app id set in the org's setting always wins over a remembered one. With that id and nothing
// remembered, the app and its secrets are read at once: one round trip, not two.
import { isOktaError } from '../okta/errors.ts';
import type { OktaClient } from '../okta/client.ts';
import type { ClientSecret, WorkflowsApp } from '../okta/schemas.ts';

export type RefreshClient = Pick<OktaClient, 'findWorkflowsApp' | 'listSecrets'>;

export interface OrgRefresh {
  app: WorkflowsApp;
  /** As Okta listed them: values included, for Verify Secret (kept in memory only). */
  secrets: ClientSecret[];
  /** The app was looked up (not remembered, or remembered under an id Okta no longer knows). */
  discovered: boolean;
}

export async function refreshOrg(
  client: RefreshClient,
  org: { readonly appId?: string | undefined },
  remembered: WorkflowsApp | undefined,
  signal?: AbortSignal,
): Promise<OrgRefresh> {
  const known = remembered && (org.appId === undefined || org.appId === remembered.id) ? remembered : undefined;
  if (known) {
    try {
      return { app: known, secrets: await client.listSecrets(known.id, signal), discovered: false };
    } catch (e) {
      if (!isOktaError(e, 'notFound')) throw e;
    }
  }
  if (org.appId !== undefined) {
    // The app's answer decides (not an OAuth app, not found) before the list's.
    const [app, secrets] = await Promise.allSettled([
      client.findWorkflowsApp({ appId: org.appId }, signal),
      client.listSecrets(org.appId, signal),
    ]);
    if (app.status === 'rejected') throw app.reason;
    if (secrets.status === 'rejected') throw secrets.reason;
    return { app: app.value, secrets: secrets.value, discovered: true };
  }
  const app = await client.findWorkflowsApp({}, signal);
  return { app, secrets: await client.listSecrets(app.id, signal), discovered: true };
}
