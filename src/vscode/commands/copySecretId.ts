// Copy Secret ID: the id (ocs…), never the value.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { resolveSecret } from './targets.ts';

export async function copySecretId(s: Services, node?: unknown): Promise<void> {
  const target = await resolveSecret(s, node, 'copy the id of', () => true);
  await vscode.env.clipboard.writeText(target.secret.id);
  void vscode.window.setStatusBarMessage(`Copied secret id ${target.secret.id}`, 4000);
}
