// Step 4 (manual): the person sets up the Workflows connection with the new secret, either as a new connection or
// by re-authorizing the existing one (the mode decides which later manual steps are needed).
import type { NextAction } from '../snapshot.ts';
import type { ManualStepModule } from './context.ts';

export const newConnection: ManualStepModule<'newConnection'> = {
  id: 'newConnection',
  label: 'Set up the connection',
  description:
    'In the Workflows console, create a new Okta connection with the domain, client id and the new secret, or re-authorize the existing connection with the new secret. Confirm when done.',
  kind: 'manual',
  offers(journal, at) {
    const choose: NextAction = {
      type: 'chooseMode',
      options: ['newConnection', 'reauthorize'],
      ...(journal.mode ? { current: journal.mode } : {}),
    };
    if (!journal.mode) return [choose];
    return [
      at.confirm(
        journal.mode === 'reauthorize'
          ? 'I re-authorized the connection with the new secret'
          : 'I created the new connection',
      ),
      choose,
    ];
  },
};
