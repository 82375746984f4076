// Every command runs through here: cancellation stays silent, the full error goes to the log, the person gets a
// short message (Okta's errorId included) with the actions that fix it. All text passes through redact().
import * as vscode from 'vscode';
import { isOktaError } from '../okta/errors.ts';
import { redact } from '../redact.ts';
import type { Log } from './log.ts';
import { isCancellation } from './cancellation.ts';
import { errorActions } from './errorActions.ts';

export type CommandHandler = (...args: unknown[]) => unknown;

export function registerWrapped(log: Log, id: string, handler: CommandHandler): vscode.Disposable {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (e) {
      if (isCancellation(e)) {
        log.info(`${id}: cancelled`);
        return undefined;
      }
      log.error(id, e);
      void offerFix(log, e, () => run(...args), args);
      return undefined;
    }
  };
  return vscode.commands.registerCommand(id, run);
}

async function offerFix(log: Log, e: unknown, retry: () => Promise<unknown>, args: unknown[]): Promise<void> {
  const message = redact(e instanceof Error ? e.message : String(e));
  const errorId = isOktaError(e) && e.errorId && !message.includes(e.errorId) ? ` Okta errorId: ${e.errorId}.` : '';
  const actions = errorActions(e);
  const choice = await vscode.window.showErrorMessage(`${message}${errorId}`, ...actions);
  if (choice === 'Show Log') log.show();
  else if (choice === 'Retry') await retry();
  else if (choice === 'Set API Token') {
    const org = isOktaError(e) ? e.org : undefined;
    await vscode.commands.executeCommand('oktaWorkflows.setApiToken', ...(org ? [{ kind: 'orgRef', key: org }] : args.slice(0, 1)));
  }
}
