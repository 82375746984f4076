// Steps 4, 5 and 11 in words: what the person does in the Workflows console (a new Okta connection or the existing
// one re-authorized, the flows moved, the old connection deleted) and confirms. Okta's help says two things a person
// trips on: an org-level connection serves a folder's flows only once it is added to that folder, and re-authorizing
// needs a super admin, a Workflows Administrator or a Connection Manager.
import { utcTime } from '../time.ts';
import type { StepStory, StoryInput } from './story.ts';

export function newConnectionStory({ journal, record, now }: StoryInput): StepStory {
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
          'In the Workflows console, either create a new Okta connection with the new secret, or re-authorize the existing one (re-authorizing needs a super admin, a Workflows Administrator or a Connection Manager).',
          'Choose which you will do.',
        ]
      : reauthorize
        ? [
            'In the Workflows console, open the existing Okta connection, re-authorize it and enter these values. Re-authorizing needs a super admin, a Workflows Administrator or a Connection Manager.',
            'Confirm when it is saved.',
          ]
        : [
            'In the Workflows console, add a new Okta connection and enter these values. An org-level connection serves a folder’s flows only once it is added to that folder.',
            'Confirm when it is saved.',
          ];
  return {
    summary: 'You give the Workflows console the new secret: a new Okta connection, or the existing one re-authorized.',
    todo,
    details: [],
  };
}

export function moveFlowsStory({ journal, record, now }: StoryInput): StepStory {
  return {
    summary:
      record.state === 'done'
        ? 'You moved every flow to the new connection.'
        : record.state === 'skipped' && journal.mode === 'reauthorize'
          ? 'Not needed: you re-authorized the existing connection.'
          : 'You switch every flow to the new connection.',
    todo: [
      'In the Workflows console, switch every flow that uses the old Okta connection to the new one. Add the new connection to each folder whose flows use it first: an org-level connection serves a folder’s flows only once it is added there.',
      "Confirm when every flow uses it. A flow you miss is caught later: after the deactivation, the extension watches Okta's System Log for it.",
    ],
    details:
      record.state === 'done' && record.endedAt ? [{ label: 'Confirmed', value: utcTime(record.endedAt, now) }] : [],
  };
}

export function deleteOldConnectionStory({ journal, record, now }: StoryInput): StepStory {
  return {
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
  };
}
