// What a campaign's bulk actions are called: on the bulk button and its progress ("Create the new secrets"), on a
// single org's row ("Create the new secret"), while it runs there, and when a row is ready for it.
import type { Phase } from '../../rotation/model/phases.ts';

export interface PhaseWords {
  /** The bulk action over the selected orgs. */
  bulk: string;
  /** The same for one org's row. */
  row: string;
  /** Said on a row while it runs ("Creating the new secret…"). */
  working: string;
  /** A row's status when the extension is ready to do it. */
  ready: string;
  /** The codicon of the bulk button. */
  icon: string;
}

export const PHASE_WORDS: Readonly<Record<Phase, PhaseWords>> = {
  check: { bulk: 'Check the orgs', row: 'Check the org', working: 'Checking the org', ready: 'Due', icon: 'search' },
  create: {
    bulk: 'Create the new secrets',
    row: 'Create the new secret',
    working: 'Creating the new secret',
    ready: 'Checked',
    icon: 'key',
  },
  verify: {
    bulk: 'Verify the new secrets',
    row: 'Verify the new secret',
    working: 'Verifying the new secret',
    ready: 'Connection set up',
    icon: 'verified',
  },
  deactivate: {
    bulk: 'Deactivate the old secrets',
    row: 'Deactivate the old secret',
    working: 'Deactivating the old secret',
    ready: 'New secret verified',
    icon: 'circle-slash',
  },
  watch: {
    bulk: 'Watch for the old secrets',
    row: 'Look at the System Log now',
    working: 'Reading the System Log',
    ready: 'Old secret deactivated',
    icon: 'eye',
  },
  delete: {
    bulk: 'Delete the old secrets',
    row: 'Delete the old secret',
    working: 'Deleting the old secret',
    ready: 'Watch clean',
    icon: 'trash',
  },
};
