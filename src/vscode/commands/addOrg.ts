// Add Org: a domain or a pasted Admin Console URL (the app id is taken from it), the environment, a name, then how
// the extension signs in (API token or OAuth service app) and that credential. Nothing is written until the
// credential is checked against the org: a cancel or a refusal leaves the settings and secret storage as they were.
import * as vscode from 'vscode';
import { parseOrgInput } from '../../okta/orgInput.ts';
import type { Services } from '../platform/services.ts';
import { required } from '../platform/cancellation.ts';
import { CREDENTIAL_METHODS, defaultMethod } from '../../orgs/credentialInput.ts';
import { describeCredential } from '../../orgs/orgCredential.ts';
import { isCancellation } from '../platform/cancellation.ts';
import { orgSettingFor, parseOrgSettings, type OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgAddress } from '../../okta/orgInput.ts';
import { isOktaError } from '../../okta/errors.ts';
import { redact } from '../../redact.ts';
import { askApiToken, showStored } from './setApiToken.ts';
import { storedMessage } from '../../orgs/credentialVerdict.ts';
import { askServiceApp } from './setServiceApp.ts';
import { checkAndStore } from './checkAndStore.ts';
import { withOrgLabel } from '../../orgs/errorActions.ts';

export async function addOrg(s: Services): Promise<void> {
  const input = required(
    await vscode.window.showInputBox({
      title: 'Add Okta Org (1/4)',
      prompt: 'The org domain (acme.okta.com) or the Admin Console URL of the Okta Workflows OAuth app.',
      placeHolder: 'acme.okta.com',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          parseOrgInput(v, { allowLoopback: true });
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      },
    }),
  );
  const address = parseOrgInput(input, { allowLoopback: true });
  const env = required(
    await vscode.window.showQuickPick(
      [
        {
          label: 'Preview',
          description: 'a sandbox org: rotate here first',
          value: 'preview' as const,
          picked: address.isPreview === true,
        },
        {
          label: 'Production',
          description: 'every change asks for an extra confirmation',
          value: 'production' as const,
          picked: address.isPreview === false,
        },
      ],
      { title: `Add Okta Org (2/4): is ${address.host} a preview or a production org?`, ignoreFocusOut: true },
    ),
  );
  const label = required(
    await vscode.window.showInputBox({
      title: 'Add Okta Org (3/4): a name for the tree',
      value: address.host.split('.')[0] ?? address.host,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim().length > 0 && v.length <= 200 ? undefined : 'Enter a name (up to 200 characters).',
    }),
  );
  const current = (await s.credentials.get(address.host))?.type;
  const method = required(
    await vscode.window.showQuickPick(
      CREDENTIAL_METHODS.map((m) => ({ ...m, picked: m.type === defaultMethod(current) })),
      { title: `Add Okta Org (4/4): how does the extension sign in to ${address.host}?`, ignoreFocusOut: true },
    ),
  );
  const org = candidateOrg(address, label.trim(), env.value);
  const credential = method.type === 'serviceApp' ? await askServiceApp(s, org) : await askApiToken(s, org);
  let checked;
  try {
    // Checked against the org, then stored; the settings are written last, so a cancel or a refusal at any
    // point before leaves them as they were.
    checked = await checkAndStore(s, org, credential);
  } catch (e) {
    if (isCancellation(e)) throw e;
    s.log.error(`Add Org: ${org.key} was not added`, e);
    throw new OrgNotAdded(org, e);
  }
  try {
    await s.settings.add(address, org.label, env.value);
  } catch (e) {
    // No org may keep a credential it is not listed with.
    await s.credentials.delete(org.key);
    throw e;
  }
  s.log.info(`Added org ${address.host} (${env.value})${address.appId ? ` with app id ${address.appId}` : ''}`);
  showStored(storedMessage(describeCredential({ type: credential.type }), org.label, checked.app, checked.capability));
}

/** The org as it will be configured, before anything is written (the settings entry Add Org would add). */
function candidateOrg(address: OrgAddress, label: string, environment: 'preview' | 'production'): OrgConfig {
  const org = parseOrgSettings([orgSettingFor(address, label, environment)]).orgs[0];
  if (!org) throw new Error(`${address.host} cannot be added: its settings entry does not parse.`);
  return org;
}

/** The credential check failed: the message says nothing was added, then what the org answered. */
class OrgNotAdded extends Error {
  constructor(org: OrgConfig, cause: unknown) {
    const text = redact(cause instanceof Error ? cause.message : String(cause));
    const errorId =
      isOktaError(cause) && cause.errorId && !text.includes(cause.errorId) ? ` Okta error ID: ${cause.errorId}.` : '';
    super(`${org.label} was not added; nothing was written. ${withOrgLabel(text, org.key, org.label)}${errorId}`, {
      cause,
    });
    this.name = 'OrgNotAdded';
  }
}
