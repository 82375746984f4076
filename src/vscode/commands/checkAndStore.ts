// The one way a credential reaches SecretStorage: checked against the org first (the Workflows app must be found
// with it, which needs okta.apps.read), then stored. Whether it may also manage the app's secrets is asked too,
// without side effects, so the person hears it now rather than at a rotation's third step; not being able to ask
// stores the credential all the same. Nothing secret appears in a log line or a message.
import type { SecretManagementAssessment } from '../../okta/client.ts';
import type { WorkflowsApp } from '../../okta/schemas.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { isCancellation } from '../platform/cancellation.ts';
import type { Services } from '../platform/services.ts';
import { describeCredential, type OrgCredential } from '../../orgs/orgCredential.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';

export interface CheckedCredential {
  app: WorkflowsApp;
  /** Undefined when Okta could not be asked (the log says why). */
  capability: SecretManagementAssessment | undefined;
}

export async function checkAndStore(
  s: Services,
  org: OrgConfig,
  credential: OrgCredential,
): Promise<CheckedCredential> {
  const what = describeCredential({ type: credential.type });
  // Throws OktaError 'input' for a key or client id the Okta layer cannot use, before any request.
  const client = await s.clients.withCredential(org, credential);
  try {
    const checked = await withOktaProgress(
      s.clients,
      { title: `Checking the ${what} against ${org.label}…`, orgs: [org] },
      async (signal): Promise<CheckedCredential> => {
        const app = await client.findWorkflowsApp(org.appId ? { appId: org.appId } : {}, signal);
        try {
          return { app, capability: await client.checkSecretManagement(signal) };
        } catch (e) {
          if (isCancellation(e)) throw e;
          s.log.error(`Checking what the ${what} of ${org.key} may do`, e);
          return { app, capability: undefined };
        }
      },
    );
    await s.credentials.store(org.key, credential);
    s.log.info(
      `Stored the ${describeCredential(credential)} of ${org.key} (checked: ${checked.app.label}, client id ${checked.app.clientId}; may manage its secrets: ${checked.capability?.verdict ?? 'not asked'})`,
    );
    return checked;
  } finally {
    await client.close();
  }
}
