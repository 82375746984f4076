// Step 10 (manual): the person deletes the old Workflows connection (not needed when they re-authorized).
import { utcTime } from '../words.ts';
import type { ManualStepModule } from './context.ts';

export const deleteOldConnection: ManualStepModule<'deleteOldConnection'> = {
  id: 'deleteOldConnection',
  label: 'Delete the old connection',
  description:
    'In the Workflows console, delete the old Okta connection, which stops working once its token refreshes. Confirm when done.',
  kind: 'manual',
  skippedWhenReauthorizing: true,
  story: ({ journal, record, now }) => ({
    summary:
      record.state === 'done'
        ? 'You deleted the old Okta connection.'
        : record.state === 'skipped' && journal.mode === 'reauthorize'
          ? 'Not needed: you re-authorized the existing connection.'
          : 'You delete the old Okta connection.',
    todo: [
      'In the Workflows console, delete the old Okta connection: it stops working once its token refreshes.',
      'Confirm when it is deleted.',
    ],
    details:
      record.state === 'done' && record.endedAt ? [{ label: 'Confirmed', value: utcTime(record.endedAt, now) }] : [],
  }),
  offers: (_journal, at) => [at.confirm('I deleted the old connection')],
};
