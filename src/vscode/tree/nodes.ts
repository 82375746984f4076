// The tree's node kinds. Each knows how to render itself as a TreeItem; none holds a secret value.
import * as vscode from 'vscode';
import type { SecretManagementAssessment } from '../../okta/client.ts';
import type { WorkflowsApp } from '../../okta/schemas.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import { orgContextValue, type SecretPresentation, type SecretView } from '../../fleet/tree/presentation.ts';
import type { WatchNote } from '../../presentation/watch.ts';
import type { FailureItem } from '../../fleet/tree/failurePresentation.ts';
import { setCommandFor } from '../../orgs/orgCredential.ts';
import { rotationRef } from './treeRotations.ts';
import { orgRef } from '../orgs/orgRef.ts';

export class OrgNode {
  readonly kind = 'org';
  readonly org: OrgConfig;
  readonly hasToken: boolean;
  readonly loading: boolean;
  /** What Okta says the credential may do with the app's secrets, once asked (undefined: not yet, or could not). */
  readonly capability: SecretManagementAssessment | undefined;
  /** The age of what is shown ("5 min ago") while it is what was last known, not yet loaded in this session. */
  readonly asOf: string | undefined;

  constructor(
    org: OrgConfig,
    hasToken: boolean,
    loading: boolean,
    capability?: SecretManagementAssessment,
    asOf?: string,
  ) {
    this.org = org;
    this.hasToken = hasToken;
    this.loading = loading;
    this.capability = capability;
    this.asOf = asOf;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.org.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `org:${this.org.key}`;
    const readOnly = this.capability?.verdict === 'readOnly';
    item.description = `${this.org.key} · ${this.org.environment}${this.org.practice ? ' · practice' : ''}${this.hasToken ? '' : ' · no credentials'}${readOnly ? ' · read-only credential' : ''}${this.asOf ? ` · as of ${this.asOf}` : ''}`;
    item.tooltip = `${this.org.label}\n${this.org.address.baseUrl} (${this.org.environment})${this.org.practice ? '\nA practice org: the simulator bundled with the extension, on this machine. No real Okta org is touched.' : ''}${this.hasToken ? '' : '\nNo credentials: run Set API Token or Set OAuth Service App.'}${capabilityTooltip(this.capability)}`;
    item.iconPath = this.loading
      ? new vscode.ThemeIcon('loading~spin')
      : new vscode.ThemeIcon(this.org.environment === 'production' ? 'organization' : 'beaker');
    item.contextValue = orgContextValue({
      hasToken: this.hasToken,
      environment: this.org.environment,
      practice: this.org.practice === true,
      readOnly,
    });
    return item;
  }
}

/** What the tooltip says of the credential's rights, when Okta would refuse changes or does not tell. */
function capabilityTooltip(c: SecretManagementAssessment | undefined): string {
  if (!c || c.verdict === 'able') return '';
  const why = [...c.reasons, ...(c.advice ? [c.advice] : [])].join(' ');
  return c.verdict === 'readOnly'
    ? `\nRead-only credential: Okta would refuse to change the secret, so Rotate, Activate, Deactivate and Delete are not offered. ${why}`
    : `\nThe extension cannot tell whether Okta lets this credential change the secret. ${why}`;
}

export class AppNode {
  readonly kind = 'app';
  readonly org: OrgConfig;
  readonly app: WorkflowsApp;
  /** Its rotation's watch of the old secret, in a few words ("watching: 12 min of 75 min"), when there is one. */
  readonly watchNote: WatchNote | undefined;

  constructor(org: OrgConfig, app: WorkflowsApp, watchNote?: WatchNote) {
    this.org = org;
    this.app = app;
    this.watchNote = watchNote;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.app.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `app:${this.org.key}:${this.app.id}`;
    // The watch first: the narrow view cuts the end of a description.
    item.description = `${this.watchNote ? `${this.watchNote.text} · ` : ''}client id ${this.app.clientId}`;
    item.tooltip = `${this.app.label} (${this.app.name}, ${this.app.id})\nClient id: ${this.app.clientId}\nClient authentication: ${this.app.tokenEndpointAuthMethod}${this.watchNote ? `\nRotation: ${this.watchNote.text}` : ''}`;
    item.iconPath = this.watchNote?.alert
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('key');
    item.contextValue = 'app';
    return item;
  }
}

export class SecretNode {
  readonly kind = 'secret';
  readonly org: OrgConfig;
  readonly app: WorkflowsApp;
  readonly secret: SecretView;
  readonly presentation: SecretPresentation;

  constructor(org: OrgConfig, app: WorkflowsApp, secret: SecretView, presentation: SecretPresentation) {
    this.org = org;
    this.app = app;
    this.secret = secret;
    this.presentation = presentation;
  }

  toTreeItem(): vscode.TreeItem {
    const p = this.presentation;
    const item = new vscode.TreeItem(p.label, vscode.TreeItemCollapsibleState.None);
    item.id = `secret:${this.org.key}:${this.secret.id}`;
    item.description = p.description;
    item.tooltip = p.tooltip;
    const color = p.tooOld
      ? 'list.warningForeground'
      : this.secret.status === 'ACTIVE'
        ? 'testing.iconPassed'
        : 'disabledForeground';
    item.iconPath = new vscode.ThemeIcon(p.icon, new vscode.ThemeColor(color));
    item.contextValue = p.contextValue;
    // A secret an unfinished rotation works on opens that rotation's checklist.
    if (p.rotationId)
      item.command = {
        command: 'oktaWorkflows.resumeRotation',
        title: 'Open Checklist',
        arguments: [rotationRef(p.rotationId)],
      };
    item.accessibilityInformation = { label: `Client secret ending ${this.secret.masked.slice(-4)}, ${p.description}` };
    return item;
  }
}

/** A failure or a hint shown in place, with the command that fixes it. */
export class MessageNode {
  readonly kind = 'message';
  readonly org: OrgConfig | undefined;
  readonly failure: FailureItem;
  readonly id: string;

  constructor(id: string, org: OrgConfig | undefined, failure: FailureItem) {
    this.id = id;
    this.org = org;
    this.failure = failure;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.failure.label, vscode.TreeItemCollapsibleState.None);
    item.id = `message:${this.id}`;
    item.tooltip = this.failure.tooltip;
    const icon =
      this.failure.action === 'setApiToken'
        ? 'key'
        : this.failure.action === 'setServiceApp'
          ? 'shield'
          : this.failure.action === 'startPracticeOrgs'
            ? 'debug-start'
            : this.failure.action === 'proxySettings'
              ? 'settings-gear'
              : 'warning';
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = 'message';
    const orgArg = this.org ? [orgRef(this.org.key)] : [];
    item.command =
      this.failure.action === 'startPracticeOrgs'
        ? { command: 'oktaWorkflows.startPracticeOrgs', title: 'Start Practice Orgs' }
        : this.failure.action === 'setApiToken' || this.failure.action === 'setServiceApp'
          ? { ...setCommandFor(this.failure.action === 'setApiToken' ? 'apiToken' : 'serviceApp'), arguments: orgArg }
          : this.failure.action === 'retry'
            ? { command: 'oktaWorkflows.refresh', title: 'Retry', arguments: orgArg }
            : this.failure.action === 'proxySettings'
              ? {
                  command: 'workbench.action.openSettings',
                  title: 'Open the Proxy Settings',
                  arguments: ['http.proxy'],
                }
              : { command: 'oktaWorkflows.showLog', title: 'Show Log' };
    return item;
  }
}

export type TreeNode = OrgNode | AppNode | SecretNode | MessageNode;
