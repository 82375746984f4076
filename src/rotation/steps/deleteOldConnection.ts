// Step 10 (manual): the person deletes the old Workflows connection (not needed when they re-authorized).
import type { ManualStepModule } from './context.ts';

export const deleteOldConnection: ManualStepModule<'deleteOldConnection'> = {
  id: 'deleteOldConnection',
  kind: 'manual',
  offers: () => [{ type: 'confirm', step: 'deleteOldConnection' }],
};
