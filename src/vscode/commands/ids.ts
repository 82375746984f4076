// Every command id the extension contributes, in one list: registerCommands registers exactly these, and the
// manifest test checks package.json against this list.
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
