// What every command receives: the extension's long-lived parts, built once in activate().
import type * as vscode from 'vscode';
import type { Log } from './log.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import type { OrgCredentialStore } from '../storage/orgCredentialStore.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import type { OrgState } from '../orgs/orgState.ts';
import type { RunningRotations } from '../rotations/runningRotations.ts';
import type { PracticeOrgs } from '../practice/practiceOrgs.ts';
import type { RunningCampaign } from '../campaign/runningCampaign.ts';
import type { RotationHistory } from '../history/rotationHistory.ts';
import type { SecretReminders } from '../reminders/secretReminders.ts';
import type { ChangeSecret } from '../tree/treeRotations.ts';

export interface Services {
  readonly extension: vscode.ExtensionContext;
  readonly log: Log;
  readonly settings: OrgSettings;
  readonly credentials: OrgCredentialStore;
  readonly clients: OktaClients;
  readonly orgState: OrgState;
  readonly rotations: RunningRotations;
  readonly practice: PracticeOrgs;
  readonly campaigns: RunningCampaign;
  readonly history: RotationHistory;
  readonly reminders: SecretReminders;
  /** Called before a secret's Activate, Deactivate or Delete reaches Okta (the rotation journal's seam). */
  readonly changeSecret: ChangeSecret;
}
