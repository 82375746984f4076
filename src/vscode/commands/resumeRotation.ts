// Resume Rotation: reopens an unfinished rotation's checklist from its journal: the rotation it is given (a
// RotationRef, or a secret of the tree that a rotation works on), else the org's, else a pick when there are several.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { required } from '../platform/cancellation.ts';
import { SecretNode } from '../tree/nodes.ts';
import { isRotationRef } from '../tree/treeRotations.ts';
import { orgOf } from './targets.ts';

export async function resumeRotation(s: Services, node?: unknown): Promise<void> {
  const rotationId = isRotationRef(node)
    ? node.rotationId
    : node instanceof SecretNode
      ? node.presentation.rotationId
      : undefined;
  const given =
    rotationId === undefined ? undefined : s.rotations.unfinished().find((j) => j.rotationId === rotationId);
  if (given) return s.rotations.resume(given);
  const org = orgOf(s, node);
  const journals = s.rotations.unfinished().filter((j) => !org || j.org.host === org.key);
  if (journals.length === 0) {
    void vscode.window.showInformationMessage(
      org ? `No rotation of ${org.label} is in progress.` : 'No rotation is in progress.',
    );
    return;
  }
  const journal =
    journals.length === 1
      ? journals[0]!
      : required(
          await vscode.window.showQuickPick(
            journals.map((j) => ({
              label: s.settings.find(j.org.host)?.label ?? j.org.host,
              description: `${j.org.host} · ${j.environment} · ${j.app.label}`,
              detail: `started ${j.createdAt} · last change ${j.updatedAt}`,
              journal: j,
            })),
            { placeHolder: 'Resume which rotation?', ignoreFocusOut: true },
          ),
        ).journal;
  await s.rotations.resume(journal);
}
