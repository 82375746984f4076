// Step 4 (manual): the person sets up the Workflows connection with the new secret, either as a new connection or
// by re-authorizing the existing one (the mode decides which later manual steps are needed).
import type { NextAction } from '../model/actions.ts';
import type { ManualStepModule } from './context.ts';

export const newConnection: ManualStepModule<'newConnection'> = {
  id: 'newConnection',
  kind: 'manual',
  offers(journal) {
    const choose: NextAction = {
      type: 'chooseMode',
      options: ['newConnection', 'reauthorize'],
      ...(journal.mode ? { current: journal.mode } : {}),
    };
    if (!journal.mode) return [choose];
    return [{ type: 'confirm', step: 'newConnection' }, choose];
  },
};
