// Each step's title (the checklist's heading, messages that name the step) and what it does, in a sentence.
import type { StepId } from '../../rotation/model/steps.ts';

export interface StepTitle {
  readonly title: string;
  readonly description: string;
}

export const STEP_TITLES: { readonly [K in StepId]: StepTitle } = {
  preflight: {
    title: 'Check the org',
    description:
      'Checks that the extension can sign in to the org (with its API token or service app) and may manage the app’s secrets (asked without changing anything), finds the Okta Workflows OAuth app and counts its client secrets. Okta allows two at most: a secret that is not in use is retired first, with your confirmation.',
  },
  recordInUse: {
    title: 'Record the secret in use',
    description: 'Notes which client secret the Workflows connection uses today, so it can be retired at the end.',
  },
  createSecret: {
    title: 'Create the new secret',
    description:
      'Creates a second client secret in Okta. Its value is kept in secure storage until the rotation ends, so you can paste it into the Workflows console.',
  },
  newConnection: {
    title: 'Set up the connection',
    description:
      'In the Workflows console, create a new Okta connection with the domain, client id and the new secret, or re-authorize the existing connection with the new secret. Confirm when done.',
  },
  moveFlows: {
    title: 'Move the flows',
    description:
      'In the Workflows console, switch every flow that uses the old connection to the new one. Confirm when done.',
  },
  verifyNewSecret: {
    title: 'Verify the new secret',
    description: "Checks at the org's token endpoint that the new secret authenticates the app (nothing is changed).",
  },
  identifyOld: {
    title: 'Identify the old secret',
    description:
      'Lists every active secret except the new one: these will be deactivated and deleted. Confirm the list.',
  },
  deactivateOld: {
    title: 'Deactivate the old secret',
    description: 'Deactivates the old secret. Until it is deleted, a rollback can still reactivate it.',
  },
  watchOld: {
    title: 'Watch for the old secret',
    description:
      "Reads the org's System Log for failed sign-ins of the app's client since the deactivation: a flow still on the old connection fails when its token next refreshes. The delete is offered once nothing was found for long enough.",
  },
  deleteOld: {
    title: 'Delete the old secret',
    description: 'Deletes the deactivated old secret. After this there is no way back.',
  },
  deleteOldConnection: {
    title: 'Delete the old connection',
    description:
      'In the Workflows console, delete the old Okta connection, which stops working once its token refreshes. Confirm when done.',
  },
  finish: {
    title: 'Finish',
    description: "Wipes the new secret's value from secure storage and closes the rotation.",
  },
};

/** "Create the new secret". */
export function stepTitle(id: StepId): string {
  return STEP_TITLES[id].title;
}
