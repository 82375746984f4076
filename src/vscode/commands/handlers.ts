// What each command does, by its id. Loaded by the first command run (esbuild.mjs emits it as dist/commands.js):
// activation registers the ids only. Import Orgs and Export Rotation History bring their readers and exports in
// files of their own, loaded when they run. The record's type makes a missing or an extra command a type error.
import type { Services } from '../platform/services.ts';
import type { CommandId } from './ids.ts';
import { addOrg } from './addOrg.ts';
import { removeOrg } from './removeOrg.ts';
import { setApiToken } from './setApiToken.ts';
import { setServiceApp } from './setServiceApp.ts';
import { removeApiToken } from './removeApiToken.ts';
import { refresh } from './refresh.ts';
import { rotateSecret } from './rotateSecret.ts';
import { resumeRotation } from './resumeRotation.ts';
import { rotateDueSecrets } from './rotateDueSecrets.ts';
import { activateSecret, deactivateSecret, deleteSecret } from './secretActions.ts';
import { verifySecret } from './verifySecret.ts';
import { copySecretId } from './copySecretId.ts';
import { showLog } from './showLog.ts';
import { startPracticeOrgs } from './startPracticeOrgs.ts';
import { stopPracticeOrgs } from './stopPracticeOrgs.ts';
import { showDueSecrets } from './showDueSecrets.ts';

export type Handler = (s: Services, node?: unknown) => unknown;

export const HANDLERS: Record<CommandId, Handler> = {
  'oktaWorkflows.addOrg': addOrg,
  'oktaWorkflows.importOrgs': async (s) => (await import('./importOrgs.ts')).importOrgs(s),
  'oktaWorkflows.removeOrg': removeOrg,
  'oktaWorkflows.setApiToken': setApiToken,
  'oktaWorkflows.setServiceApp': setServiceApp,
  'oktaWorkflows.removeApiToken': removeApiToken,
  'oktaWorkflows.refresh': refresh,
  'oktaWorkflows.rotateSecret': rotateSecret,
  'oktaWorkflows.resumeRotation': resumeRotation,
  'oktaWorkflows.rotateDueSecrets': rotateDueSecrets,
  'oktaWorkflows.activateSecret': activateSecret,
  'oktaWorkflows.deactivateSecret': deactivateSecret,
  'oktaWorkflows.deleteSecret': deleteSecret,
  'oktaWorkflows.verifySecret': verifySecret,
  'oktaWorkflows.copySecretId': copySecretId,
  'oktaWorkflows.showLog': showLog,
  'oktaWorkflows.startPracticeOrgs': startPracticeOrgs,
  'oktaWorkflows.stopPracticeOrgs': stopPracticeOrgs,
  'oktaWorkflows.exportRotationHistory': async (s) =>
    (await import('./exportRotationHistory.ts')).exportRotationHistory(s),
  'oktaWorkflows.showDueSecrets': showDueSecrets,
};
