// Every command runs through here: cancellation stays silent, the full error goes to the log, the person gets a
// short message (Okta's errorId included) with the actions that fix it. All text passes through redact().
import * as vscode from 'vscode';
import { isOktaError } from '../../okta/errors.ts';
import { sanitizeText } from '../../okta/oktaText.ts';
import { redact } from '../../redact.ts';
import type { Log } from '../platform/log.ts';
import { isCancellation } from '../platform/cancellation.ts';
import { errorActions, withOrgLabel } from '../../orgs/errorActions.ts';
import type { CredentialType } from '../../orgs/orgCredential.ts';
import { orgRef } from '../orgs/orgRef.ts';

/** The kind of credential an org has (undefined: none, or unknown org): decides which "Set …" button a refusal offers. */
export type CredentialTypeOf = (orgKey: string) => Promise<CredentialType | undefined>;

export type CommandHandler = (...args: unknown[]) => unknown;

/** The org's label as the person named it (undefined: not in the settings). */
export type OrgLabelOf = (orgKey: string) => string | undefined;

export function registerWrapped(
  log: Log,
  id: string,
  handler: CommandHandler,
  credentialTypeOf?: CredentialTypeOf,
  orgLabelOf?: OrgLabelOf,
): vscode.Disposable {
  const run = async (...args: unknown[]): Promise<unknown> => {
    try {
      return await handler(...args);
    } catch (e) {
      if (isCancellation(e)) {
        log.info(`${id}: cancelled`);
        return undefined;
      }
      log.error(id, e);
      log.background(
        `${id}: offering a fix`,
        offerFix(log, e, () => run(...args), args, credentialTypeOf, orgLabelOf),
      );
      return undefined;
    }
  };
  return vscode.commands.registerCommand(id, run);
}

async function offerFix(
  log: Log,
  e: unknown,
  retry: () => Promise<unknown>,
  args: unknown[],
  credentialTypeOf?: CredentialTypeOf,
  orgLabelOf?: OrgLabelOf,
): Promise<void> {
  const org = isOktaError(e) ? e.org : undefined;
  // Whatever the error, the notification is one redacted line of bounded length, led by the org's label.
  const message = sanitizeText(
    withOrgLabel(redact(e instanceof Error ? e.message : String(e)), org, org ? orgLabelOf?.(org) : undefined),
    2000,
  );
  const errorId = isOktaError(e) && e.errorId && !message.includes(e.errorId) ? ` Okta error ID: ${e.errorId}.` : '';
  const credential = org && credentialTypeOf ? await credentialTypeOf(org).catch(() => undefined) : undefined;
  const actions = errorActions(e, credential);
  const choice = await vscode.window.showErrorMessage(`${message}${errorId}`, ...actions);
  if (choice === 'Show Log') log.show();
  else if (choice === 'Retry') await retry();
  else if (choice === 'Set API Token' || choice === 'Set OAuth Service App') {
    const command = choice === 'Set API Token' ? 'oktaWorkflows.setApiToken' : 'oktaWorkflows.setServiceApp';
    await vscode.commands.executeCommand(command, ...(org ? [orgRef(org)] : args.slice(0, 1)));
  }
}
