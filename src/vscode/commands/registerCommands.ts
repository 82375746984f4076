// The one place commands are registered, each through the wrapper. The record's type makes a missing or an
// extra command a type error.
import type * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { registerWrapped } from './registerWrapped.ts';
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
import { importOrgs } from './importOrgs.ts';
import { activateSecret, deactivateSecret, deleteSecret } from './secretActions.ts';
import { verifySecret } from './verifySecret.ts';
import { copySecretId } from './copySecretId.ts';
import { showLog } from './showLog.ts';
import { startPracticeOrgs } from './startPracticeOrgs.ts';
import { stopPracticeOrgs } from './stopPracticeOrgs.ts';
import { exportRotationHistory } from './exportRotationHistory.ts';
import { showDueSecrets } from './showDueSecrets.ts';

type Handler = (s: Services, node?: unknown) => unknown;

const HANDLERS: Record<CommandId, Handler> = {
  'oktaWorkflows.addOrg': addOrg,
  'oktaWorkflows.importOrgs': importOrgs,
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
  'oktaWorkflows.exportRotationHistory': exportRotationHistory,
  'oktaWorkflows.showDueSecrets': showDueSecrets,
};

export function registerCommands(s: Services): vscode.Disposable[] {
  const credentialTypeOf = async (orgKey: string) => (await s.credentials.get(orgKey))?.type;
  const orgLabelOf = (orgKey: string) => s.settings.find(orgKey)?.label;
  return Object.entries(HANDLERS).map(([id, handler]) =>
    registerWrapped(s.log, id, (node?: unknown) => handler(s, node), credentialTypeOf, orgLabelOf),
  );
}
