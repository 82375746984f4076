// Every command id the extension contributes, in one list: registerCommands registers exactly these, and the
// manifest test checks package.json against this list. Also which command sets each kind of credential.
import type { CredentialType } from '../../orgs/orgCredential.ts';

export const COMMAND_IDS = [
  'oktaWorkflows.addOrg',
  'oktaWorkflows.importOrgs',
  'oktaWorkflows.removeOrg',
  'oktaWorkflows.setApiToken',
  'oktaWorkflows.setServiceApp',
  'oktaWorkflows.removeApiToken',
  'oktaWorkflows.refresh',
  'oktaWorkflows.rotateSecret',
  'oktaWorkflows.resumeRotation',
  'oktaWorkflows.rotateDueSecrets',
  'oktaWorkflows.activateSecret',
  'oktaWorkflows.deactivateSecret',
  'oktaWorkflows.deleteSecret',
  'oktaWorkflows.verifySecret',
  'oktaWorkflows.copySecretId',
  'oktaWorkflows.showLog',
  'oktaWorkflows.startPracticeOrgs',
  'oktaWorkflows.stopPracticeOrgs',
  'oktaWorkflows.exportRotationHistory',
  'oktaWorkflows.showDueSecrets',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/** The command that sets (or replaces) a credential of this type. */
export function setCommandFor(type: CredentialType): {
  command: 'oktaWorkflows.setApiToken' | 'oktaWorkflows.setServiceApp';
  title: 'Set API Token' | 'Set OAuth Service App';
} {
  return type === 'serviceApp'
    ? { command: 'oktaWorkflows.setServiceApp', title: 'Set OAuth Service App' }
    : { command: 'oktaWorkflows.setApiToken', title: 'Set API Token' };
}
