// Step 4 (manual): the person sets up the Workflows connection with the new secret, either as a new connection or
// by re-authorizing the existing one (the mode decides which later manual steps are needed).
import type { NextAction } from '../snapshot.ts';
import { utcTime } from '../words.ts';
import type { ManualStepModule } from './context.ts';

export const newConnection: ManualStepModule<'newConnection'> = {
  id: 'newConnection',
  label: 'Set up the connection',
  description:
    'In the Workflows console, create a new Okta connection with the domain, client id and the new secret, or re-authorize the existing connection with the new secret. Confirm when done.',
  kind: 'manual',
  story({ journal, record, now }) {
    const reauthorize = journal.mode === 'reauthorize';
    if (record.state === 'done') {
      return {
        summary: reauthorize
          ? 'You re-authorized the existing Okta connection with the new secret.'
          : 'You created a new Okta connection with the new secret.',
        todo: [],
        details: record.endedAt ? [{ label: 'Confirmed', value: utcTime(record.endedAt, now) }] : [],
      };
    }
    const todo =
      journal.mode === undefined
        ? [
            'In the Workflows console, either create a new Okta connection with the new secret, or re-authorize the existing one.',
            'Choose which you will do.',
          ]
        : reauthorize
          ? [
              'In the Workflows console, open the existing Okta connection, re-authorize it and enter these values.',
              'Confirm when it is saved.',
            ]
          : [
              'In the Workflows console, add a new Okta connection and enter these values.',
              'Confirm when it is saved.',
            ];
    return {
      summary:
        'You give the Workflows console the new secret: a new Okta connection, or the existing one re-authorized.',
      todo,
      details: [],
    };
  },
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
