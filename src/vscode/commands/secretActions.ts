// Activate / Deactivate / Delete Secret: a confirmation naming org, app and masked secret (and that the Workflows
// connection uses it, when it does; plus the production check), the call, Okta's refusal as a clear message, and a
// refresh of the org afterwards either way. The in-use and the new secret of an unfinished rotation are deactivated
// and deleted by that rotation: the command sends the person to its checklist instead.
import * as vscode from 'vscode';
import { lifecycleConfirmation, type LifecycleAction } from '../../fleet/tree/lifecycleConfirmation.ts';
import { UserCancelled } from '../platform/cancellation.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { Services } from '../platform/services.ts';
import { confirmChange } from './confirm.ts';
import { rotationRef } from '../tree/treeRotations.ts';
import { resolveSecret, type SecretTarget } from './targets.ts';

const DONE: Record<LifecycleAction, string> = { activate: 'activated', deactivate: 'deactivated', delete: 'deleted' };

export function activateSecret(s: Services, node?: unknown): Promise<void> {
  return lifecycle(s, node, 'activate');
}
export function deactivateSecret(s: Services, node?: unknown): Promise<void> {
  return lifecycle(s, node, 'deactivate');
}
export function deleteSecret(s: Services, node?: unknown): Promise<void> {
  return lifecycle(s, node, 'delete');
}

async function lifecycle(s: Services, node: unknown, op: LifecycleAction): Promise<void> {
  const target = await resolveSecret(s, node, op, (v) =>
    op === 'deactivate' ? v.status === 'ACTIVE' : v.status === 'INACTIVE',
  );
  if (op !== 'activate' && target.rotationId) return offerChecklist(target, op, target.rotationId);
  const confirmation = lifecycleConfirmation(target, op);
  await confirmChange(target.org, confirmation.message, confirmation.detail, confirmation.button);
  const client = await s.clients.get(target.org);
  try {
    // An app with an unfinished rotation: refused while one of its steps runs, recorded in its journal once done.
    await s.changeSecret(target.org, target.app.id, target.secret, op, async () =>
      withOktaProgress(
        s.clients,
        { title: `${target.org.label}: ${confirmation.button} ${target.secret.masked}…`, orgs: [target.org] },
        async (signal) => {
          if (op === 'activate') await client.activateSecret(target.app.id, target.secret.id, signal);
          else if (op === 'deactivate') await client.deactivateSecret(target.app.id, target.secret.id, signal);
          else await client.deleteSecret(target.app.id, target.secret.id, signal);
        },
      ),
    );
    s.log.info(`${target.org.key}: secret ${target.secret.id} ${DONE[op]}`);
    void vscode.window.showInformationMessage(
      `Client secret ${target.secret.masked} of ${target.app.label} in ${target.org.label} ${DONE[op]}.`,
    );
  } finally {
    s.log.background(`Reloading ${target.org.key}`, s.orgState.refresh([target.org]));
  }
}

/** A secret the rotation works on: said so, with the way to its checklist. */
async function offerChecklist(target: SecretTarget, op: LifecycleAction, rotationId: string): Promise<void> {
  const open = 'Open Checklist';
  const choice = await vscode.window.showInformationMessage(
    `A rotation of ${target.app.label} in ${target.org.label} is in progress and works on client secret ${target.secret.masked}: use its checklist to ${op} it.`,
    open,
  );
  if (choice !== open) throw new UserCancelled();
  await vscode.commands.executeCommand('oktaWorkflows.resumeRotation', rotationRef(rotationId));
}
