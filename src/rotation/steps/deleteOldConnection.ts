// Step 10 (manual): the person deletes the old Workflows connection (not needed when they re-authorized).
import type { ManualStepModule } from './context.ts';

export const deleteOldConnection: ManualStepModule<'deleteOldConnection'> = {
  id: 'deleteOldConnection',
  label: 'Delete the old connection',
  description:
    'In the Workflows console, delete the old Okta connection, which stops working once its token refreshes. Confirm when done.',
  kind: 'manual',
  skippedWhenReauthorizing: true,
  offers: (_journal, at) => [at.confirm('I deleted the old connection')],
};
