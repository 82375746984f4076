// Rotate Workflows Secret: on an org item, or from the palette with an org pick; opens the checklist.
import * as vscode from 'vscode';
import { isRotationError } from '../../rotation/errors.ts';
import type { Services } from '../platform/services.ts';
import { resolveOrg } from './targets.ts';
import { orgRef } from '../orgs/orgRef.ts';

export async function rotateSecret(s: Services, node?: unknown): Promise<void> {
  const org = await resolveOrg(s, node, 'Rotate the Workflows secret of which org?', { needsToken: true });
  try {
    await s.rotations.start(org);
  } catch (e) {
    if (!isRotationError(e, 'alreadyRunning')) throw e;
    const choice = await vscode.window.showWarningMessage(e.message, 'Resume Rotation');
    if (choice === 'Resume Rotation')
      await vscode.commands.executeCommand('oktaWorkflows.resumeRotation', orgRef(org.key));
  }
}
