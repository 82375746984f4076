// Resolving a command's target: the tree node it was invoked on, or, from the palette, a quick pick.
import * as vscode from 'vscode';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { Services } from '../platform/services.ts';
import { required, UserCancelled } from '../platform/cancellation.ts';
import { OrgNode, SecretNode, MessageNode, AppNode } from '../tree/nodes.ts';
import { presentSecret, rotationOf, toSecretView, type SecretView } from '../../fleet/tree/presentation.ts';
import { rotationMarkers } from '../tree/treeRotations.ts';
import type { WorkflowsApp } from '../../okta/schemas.ts';
import { describeCredential } from '../../orgs/orgCredential.ts';
import { isOrgRef } from '../orgs/orgRef.ts';

/** The org a command acts on: from a node (OrgNode, AppNode, SecretNode, MessageNode, an OrgRef) or a pick. */
export async function resolveOrg(
  s: Services,
  node: unknown,
  placeHolder: string,
  opts: { needsToken?: boolean } = {},
): Promise<OrgConfig> {
  const fromNode = orgOf(s, node);
  if (fromNode) return fromNode;
  const { orgs } = s.settings.read();
  if (orgs.length === 0) {
    // From the palette before any org exists: say so, and offer the way forward.
    void offerCommand('No Okta org is configured yet.', 'Add Org', 'oktaWorkflows.addOrg');
    throw new UserCancelled();
  }
  const candidates = [];
  for (const o of orgs) {
    const credential = await s.credentials.get(o.key);
    if (!opts.needsToken || credential) candidates.push({ o, credential });
  }
  if (candidates.length === 0) {
    void offerCommand(
      'No org has credentials yet: set an API token or an OAuth service app first.',
      'Set API Token',
      'oktaWorkflows.setApiToken',
      'Set OAuth Service App',
      'oktaWorkflows.setServiceApp',
    );
    throw new UserCancelled();
  }
  if (candidates.length === 1 && opts.needsToken) return candidates[0]!.o;
  const pick = await vscode.window.showQuickPick(
    candidates.map(({ o, credential }) => ({
      label: o.label,
      description: o.key,
      detail: `${o.environment} · ${credential ? describeCredential(credential) : 'no credentials'}`,
      org: o,
    })),
    { placeHolder, ignoreFocusOut: true },
  );
  return required(pick).org;
}

/** An information message with buttons that run commands: [text, command id] pairs after the message. */
async function offerCommand(message: string, ...buttons: string[]): Promise<void> {
  const titles = buttons.filter((_, i) => i % 2 === 0);
  const choice = await vscode.window.showInformationMessage(message, ...titles);
  const i = choice === undefined ? -1 : buttons.indexOf(choice);
  if (i >= 0 && buttons[i + 1]) await vscode.commands.executeCommand(buttons[i + 1]!);
}

export function orgOf(s: Services, node: unknown): OrgConfig | undefined {
  if (node instanceof OrgNode || node instanceof AppNode || node instanceof SecretNode)
    return s.settings.find(node.org.key) ?? node.org;
  if (node instanceof MessageNode && node.org) return node.org;
  if (isOrgRef(node)) return s.settings.find(node.key);
  return undefined;
}

export interface SecretTarget {
  org: OrgConfig;
  app: WorkflowsApp;
  secret: SecretView;
  /** The secret the Workflows connection uses (as recorded, or the only active one), as the tree shows it. */
  inUse: boolean;
  /** The app's unfinished rotation, when the secret is its in-use or its new secret. */
  rotationId: string | undefined;
}

/**
 * The secret a command acts on: the node, or from the palette an org pick then a pick among the secrets `accept`
 * takes. Its rotation is read now: one may have started since the tree drew the node.
 */
export async function resolveSecret(
  s: Services,
  node: unknown,
  verb: string,
  accept: (v: SecretView) => boolean,
): Promise<SecretTarget> {
  if (node instanceof SecretNode) {
    const markers = rotationMarkers(s.rotations, node.org.key, node.app.id);
    const { inUse } = node.presentation;
    return {
      org: node.org,
      app: node.app,
      secret: node.secret,
      inUse,
      rotationId: rotationOf(node.secret.id, inUse, markers),
    };
  }
  const org = await resolveOrg(s, node, `Which org's secret to ${verb}?`, { needsToken: true });
  const { app, secrets } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Loading the secrets of ${org.label}` },
    () => s.orgState.refreshed(org),
  );
  const views = secrets.map(toSecretView);
  const maxAge = s.settings.number('maxSecretAgeDays', 90);
  const markers = rotationMarkers(s.rotations, org.key, app.id);
  const now = new Date();
  const eligible = views
    .map((v) => ({ v, p: presentSecret(v, views, markers, maxAge, now) }))
    .filter(({ v }) => accept(v));
  if (eligible.length === 0) {
    void vscode.window.showInformationMessage(`No secret of ${app.label} in ${org.label} can be used to ${verb}.`);
    throw new UserCancelled();
  }
  const pick = await vscode.window.showQuickPick(
    eligible.map(({ v, p }) => ({ label: p.label, description: p.description, detail: v.id, secret: v, p })),
    { placeHolder: `Which secret of ${app.label} (${org.label}) to ${verb}?`, ignoreFocusOut: true },
  );
  const { secret, p } = required(pick);
  return { org, app, secret, inUse: p.inUse, rotationId: p.rotationId };
}
