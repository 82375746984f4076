// What a person is told when a credential was checked and stored: the app found with it, and whether it may
// manage the app's secrets (the client's checkSecretManagement). A credential that can read but not manage, or
// one Okta does not let the extension judge, is flagged here, before any rotation. Pure: tested in Node.
import type { SecretManagementAssessment } from '../okta/client.ts';

export interface StoredMessage {
  /** Shown as a warning (the credential may not manage the secret) rather than as information. */
  warning: boolean;
  text: string;
}

export function storedMessage(
  what: string,
  orgLabel: string,
  app: { label: string; clientId: string },
  capability: SecretManagementAssessment | undefined,
): StoredMessage {
  const stored = `${what} for ${orgLabel} stored. Found ${app.label} (client id ${app.clientId}).`;
  if (capability === undefined || capability.verdict === 'able') return { warning: false, text: stored };
  const why = [...capability.reasons, ...(capability.advice ? [capability.advice] : [])].join(' ');
  return {
    warning: true,
    text:
      capability.verdict === 'readOnly'
        ? `${stored} But it can read without managing: Okta will refuse to create, deactivate or delete the secret with it. ${why}`
        : `${stored} The extension cannot tell whether Okta will let it create, deactivate or delete the secret. ${why}`,
  };
}
