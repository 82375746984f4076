// Step 5 (manual): the person moves every flow to the new connection (not needed when they re-authorized).
import type { ManualStepModule } from './context.ts';

export const moveFlows: ManualStepModule<'moveFlows'> = {
  id: 'moveFlows',
  label: 'Move the flows',
  description:
    'In the Workflows console, switch every flow that uses the old connection to the new one. Confirm when done.',
  kind: 'manual',
  skippedWhenReauthorizing: true,
  offers: (_journal, at) => [at.confirm('Every flow uses the new connection')],
};
