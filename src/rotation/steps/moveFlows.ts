// Step 5 (manual): the person moves every flow to the new connection (not needed when they re-authorized).
import { utcTime } from '../words.ts';
import type { ManualStepModule } from './context.ts';

export const moveFlows: ManualStepModule<'moveFlows'> = {
  id: 'moveFlows',
  label: 'Move the flows',
  description:
    'In the Workflows console, switch every flow that uses the old connection to the new one. Confirm when done.',
  kind: 'manual',
  skippedWhenReauthorizing: true,
  story: ({ journal, record, now }) => ({
    summary:
      record.state === 'done'
        ? 'You moved every flow to the new connection.'
        : record.state === 'skipped' && journal.mode === 'reauthorize'
          ? 'Not needed: you re-authorized the existing connection.'
          : 'You switch every flow to the new connection.',
    todo: [
      'In the Workflows console, switch every flow that uses the old Okta connection to the new one.',
      'Confirm when every flow uses it.',
    ],
    details:
      record.state === 'done' && record.endedAt ? [{ label: 'Confirmed', value: utcTime(record.endedAt, now) }] : [],
  }),
  offers: (_journal, at) => [at.confirm('Every flow uses the new connection')],
};
