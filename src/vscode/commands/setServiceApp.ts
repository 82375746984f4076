// Set OAuth Service App: the least-privilege way to sign in (client credentials, private_key_jwt, DPoP; scopes
// okta.apps.read and okta.apps.manage only). Asks the client id, the private key (pasted as PEM or JWK, or read
// from a file) and the key id (prefilled from a JWK's kid), checks them against the org, then stores them in
// SecretStorage, replacing whatever credential the org had. The key never appears in a log line or a message.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { required, UserCancelled } from '../platform/cancellation.ts';
import { resolveOrg } from './targets.ts';
import { checkAndStore } from './checkAndStore.ts';
import { storedMessage } from '../../orgs/credentialVerdict.ts';
import { showStored } from './setApiToken.ts';
import type { OrgConfig } from '../../orgs/orgConfig.ts';
import type { OrgCredential } from '../../orgs/orgCredential.ts';
import {
  KEY_FILE_FILTERS,
  MAX_KEY_FILE_BYTES,
  readPrivateKey,
  validateClientId,
  validateKeyId,
  type PrivateKeyInput,
} from '../../orgs/credentialInput.ts';

export async function setServiceApp(s: Services, node?: unknown): Promise<void> {
  const org = await resolveOrg(s, node, 'Set the OAuth service app of which org?');
  const { app, capability } = await checkAndStore(s, org, await askServiceApp(s, org));
  showStored(storedMessage('OAuth service app', org.label, app, capability));
}

/** The service app's client id, private key and key id for `org` (UserCancelled when dismissed); nothing stored. */
export async function askServiceApp(s: Services, org: Pick<OrgConfig, 'key' | 'label'>): Promise<OrgCredential> {
  const current = await s.credentials.get(org.key);
  const clientId = required(
    await vscode.window.showInputBox({
      title: `Client id of the service app for ${org.label} (${org.key})`,
      prompt:
        'An API Services app with the Client Credentials grant, "Public key / Private key" authentication, DPoP, the scopes okta.apps.read and okta.apps.manage, and an admin role that can manage apps.',
      ...(current?.type === 'serviceApp' ? { value: current.clientId } : {}),
      ignoreFocusOut: true,
      validateInput: validateClientId,
    }),
  ).trim();
  const key = await askPrivateKey(s, org.label);
  s.log.addKnownSecret(key.privateKey);
  const keyId = required(
    await vscode.window.showInputBox({
      title: `Key id (optional) for ${org.label}`,
      prompt:
        'The "kid" of the public key registered with the app (Applications → the app → General → Public keys). Leave empty if the app has one key.',
      value:
        key.keyId ?? (current?.type === 'serviceApp' && current.clientId === clientId ? (current.keyId ?? '') : ''),
      ignoreFocusOut: true,
      validateInput: validateKeyId,
    }),
  ).trim();
  return { type: 'serviceApp', clientId, privateKey: key.privateKey, ...(keyId ? { keyId } : {}) };
}

type ValidKey = Extract<PrivateKeyInput, { ok: true }>;

/** Paste (a password input: the key never shows) or choose a file; either is read by readPrivateKey. */
async function askPrivateKey(s: Services, orgLabel: string): Promise<ValidKey> {
  const paste = {
    label: '$(key) Paste the private key…',
    detail: 'PEM (-----BEGIN PRIVATE KEY-----) or JWK (JSON with "d"), in a hidden input.',
    choice: 'paste' as const,
  };
  const file = {
    label: '$(folder-opened) Choose a file…',
    detail: "A .pem, .key, .json or .jwk file; it is read once and stored in VS Code's secret storage, not referenced.",
    choice: 'file' as const,
  };
  const pick = required(
    await vscode.window.showQuickPick([paste, file], { title: `Private key for ${orgLabel}`, ignoreFocusOut: true }),
  );
  if (pick.choice === 'paste') {
    const text = required(
      await vscode.window.showInputBox({
        title: `Private key for ${orgLabel}`,
        prompt: 'Paste the private key whose public key is registered with the service app (PEM or JWK JSON).',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => {
          const r = readPrivateKey(v);
          return r.ok ? undefined : r.message;
        },
      }),
    );
    return valid(readPrivateKey(text));
  }
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Use This Key',
    title: `Private key for ${orgLabel}`,
    filters: KEY_FILE_FILTERS,
  });
  const uri = uris?.[0];
  if (!uri) throw new UserCancelled();
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_KEY_FILE_BYTES)
    throw new Error(
      `${uri.fsPath} is ${stat.size} bytes: too large for a private key. Choose the key file (.pem or .json).`,
    );
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  s.log.addKnownSecret(text.trim());
  const r = readPrivateKey(text);
  if (!r.ok) throw new Error(`${uri.fsPath}: ${r.message}`);
  return r;
}

function valid(r: PrivateKeyInput): ValidKey {
  if (!r.ok) throw new Error(r.message);
  return r;
}
