// Step 5 (manual): the person moves every flow to the new connection (not needed when they re-authorized).
import type { ManualStepModule } from './context.ts';

export const moveFlows: ManualStepModule<'moveFlows'> = {
  id: 'moveFlows',
  kind: 'manual',
  offers: () => [{ type: 'confirm', step: 'moveFlows' }],
};
