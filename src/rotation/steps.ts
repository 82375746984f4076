// The procedure of Okta's support article as explicit steps. The ids are part of the contract with the UI (the
// checklist renders them and sends them back in actions): never rename one; add new ones with care.

export const STEP_IDS = [
  'preflight',
  'recordInUse',
  'createSecret',
  'newConnection',
  'moveFlows',
  'verifyNewSecret',
  'identifyOld',
  'deactivateOld',
  'deleteOld',
  'deleteOldConnection',
  'finish',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_STATES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** 'api': the engine does it against Okta (or locally) when the person says run; 'manual': the person does it
 * in the Workflows console and confirms. */
export type StepKind = 'api' | 'manual';

export interface StepInfo {
  readonly label: string;
  readonly description: string;
  readonly kind: StepKind;
}

export const STEP_INFO: Readonly<Record<StepId, StepInfo>> = {
  preflight: {
    label: 'Check the org',
    description:
      'Checks that the API token works, finds the Okta Workflows OAuth app and counts its client secrets. Okta allows two at most: a secret that is not in use is retired first, with your confirmation.',
    kind: 'api',
  },
  recordInUse: {
    label: 'Record the secret in use',
    description: 'Notes which client secret the Workflows connection uses today, so it can be retired at the end.',
    kind: 'api',
  },
  createSecret: {
    label: 'Create the new secret',
    description:
      'Creates a second client secret in Okta. Its value is kept in secure storage until the rotation ends, so you can paste it into the Workflows console.',
    kind: 'api',
  },
  newConnection: {
    label: 'Set up the connection',
    description:
      'In the Workflows console, create a new Okta connection with the domain, client id and the new secret, or re-authorize the existing connection with the new secret. Confirm when done.',
    kind: 'manual',
  },
  moveFlows: {
    label: 'Move the flows',
    description:
      'In the Workflows console, switch every flow that uses the old connection to the new one. Confirm when done.',
    kind: 'manual',
  },
  verifyNewSecret: {
    label: 'Verify the new secret',
    description: "Checks at the org's token endpoint that the new secret authenticates the app (nothing is changed).",
    kind: 'api',
  },
  identifyOld: {
    label: 'Identify the old secret',
    description:
      'Lists every active secret except the new one: these will be deactivated and deleted. Confirm the list.',
    kind: 'api',
  },
  deactivateOld: {
    label: 'Deactivate the old secret',
    description: 'Deactivates the old secret. Until it is deleted, a rollback can still reactivate it.',
    kind: 'api',
  },
  deleteOld: {
    label: 'Delete the old secret',
    description: 'Deletes the deactivated old secret. After this there is no way back.',
    kind: 'api',
  },
  deleteOldConnection: {
    label: 'Delete the old connection',
    description:
      'In the Workflows console, delete the old Okta connection, which stops working once its token refreshes. Confirm when done.',
    kind: 'manual',
  },
  finish: {
    label: 'Finish',
    description: "Wipes the new secret's value from secure storage and closes the rotation.",
    kind: 'api',
  },
};

/** Manual steps not needed when the person re-authorizes the existing connection instead of creating a new one. */
export const SKIPPED_WHEN_REAUTHORIZING: readonly StepId[] = ['moveFlows', 'deleteOldConnection'];
