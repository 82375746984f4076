// What every command receives: the extension's long-lived parts, built once in activate().
import type * as vscode from 'vscode';
import type { Log } from './log.ts';
import type { OrgSettings } from './orgs/OrgSettings.ts';
import type { OrgCredentialStore } from './storage/OrgCredentialStore.ts';
import type { OktaClients } from './clients.ts';
import type { SecretsTreeProvider } from './tree/SecretsTreeProvider.ts';
import type { Rotations } from './checklist/Rotations.ts';
import type { PracticeOrgs } from './practice/PracticeOrgs.ts';

export interface Services {
  readonly extension: vscode.ExtensionContext;
  readonly log: Log;
  readonly settings: OrgSettings;
  readonly credentials: OrgCredentialStore;
  readonly clients: OktaClients;
  readonly tree: SecretsTreeProvider;
  readonly rotations: Rotations;
  readonly practice: PracticeOrgs;
}
