// The context keys the manifest's `when` clauses read (welcome content, palette, menus), set from the settings,
// the stored tokens and the journals. The manifest test checks every key used in package.json is set here.
import * as vscode from 'vscode';

export type ContextKey = 'oktaWorkflows.hasOrgs' | 'oktaWorkflows.anyOrgHasToken' | 'oktaWorkflows.hasRotations';

export function setContextKey(key: ContextKey, value: boolean): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
