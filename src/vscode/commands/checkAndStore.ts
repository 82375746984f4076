// The one way a credential reaches SecretStorage: checked against the org first (the Workflows app must be found
// with it, which needs okta.apps.read), then stored. Nothing secret appears in a log line or a message.
import type { WorkflowsApp } from '../../okta/schemas.ts';
import type { OrgConfig } from '../orgs/orgConfig.ts';
import type { Services } from '../platform/services.ts';
import { describeCredential, type OrgCredential } from '../storage/orgCredential.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';

export async function checkAndStore(s: Services, org: OrgConfig, credential: OrgCredential): Promise<WorkflowsApp> {
  const what = describeCredential({ type: credential.type });
  // Throws OktaError 'input' for a key or client id the Okta layer cannot use, before any request.
  const client = s.clients.withCredential(org, credential);
  try {
    const app = await withOktaProgress(
      s.clients,
      { title: `Checking the ${what} against ${org.label}…`, orgs: [org] },
      (signal) => client.findWorkflowsApp(org.appId ? { appId: org.appId } : {}, signal),
    );
    await s.credentials.store(org.key, credential);
    s.log.info(
      `Stored the ${describeCredential(credential)} of ${org.key} (checked: ${app.label}, client id ${app.clientId})`,
    );
    return app;
  } finally {
    await client.close();
  }
}
