// A bulk action's one confirmation: a modal listing every org and secret it touches (production orgs called out,
// and the orgs it leaves alone with why); when it changes production orgs, one typed confirmation for the batch.
import * as vscode from 'vscode';
import type { PhasePlan } from '../../fleet/campaign/plan.ts';
import { UserCancelled } from '../platform/cancellation.ts';

export async function confirmBulk(plan: PhasePlan): Promise<void> {
  const n = plan.entries.length;
  const left = plan.skipped.map((s) => `${s.label}: ${s.why}`);
  if (n === 0) {
    void vscode.window.showInformationMessage(
      `${plan.title}: no selected org is at this step.${left.length > 0 ? ` ${left.join('; ')}.` : ''}`,
    );
    throw new UserCancelled();
  }
  const orgs = `${n} org${n === 1 ? '' : 's'}`;
  const lines = plan.entries.map(
    (e) => `${e.environment === 'production' ? 'PRODUCTION ' : ''}${e.label}: ${e.waits ?? e.touches}`,
  );
  const detail = [...lines, ...(left.length > 0 ? ['', 'Left as they are:', ...left] : [])].join('\n');
  const button = `${plan.title} (${orgs})`;
  const choice = await vscode.window.showWarningMessage(`${plan.title} in ${orgs}?`, { modal: true, detail }, button);
  if (choice !== button) throw new UserCancelled();
  if (plan.production.length === 0) return;
  const phrase = `${plan.production.length} production`;
  const typed = await vscode.window.showInputBox({
    title: `${plan.title} in ${plan.production.length} PRODUCTION org${plan.production.length === 1 ? '' : 's'}`,
    prompt: `This changes production orgs: ${plan.production.map((e) => e.label).join(', ')}. Type "${phrase}" to confirm.`,
    placeHolder: phrase,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === phrase ? undefined : `Type ${phrase} exactly to confirm.`),
  });
  if (typed?.trim() !== phrase) throw new UserCancelled();
}
