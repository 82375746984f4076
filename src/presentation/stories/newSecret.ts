// Steps 3 and 6 in words: the new secret created (and where its value waits), then verified at the token endpoint.
import type { RotationJournal } from '../../rotation/model/journal.ts';
import { secretInList, secretPhrase } from '../phrases.ts';
import { utcTime } from '../time.ts';
import type { StepStory, StoryInput } from './story.ts';

export function createSecretStory({ journal, record, now }: StoryInput): StepStory {
  const created = journal.newSecret;
  if (record.state === 'done' && created) {
    return {
      summary: `Created the new secret ${created.masked}. Its value waits in VS Code's secret storage until the rotation ends.`,
      todo: [],
      details: [
        { label: 'New secret', value: secretPhrase(created, now) },
        ...(record.result?.recovered === true
          ? [
              {
                label: 'Note',
                value: "Okta's answer was lost; the secret was found in Okta's list, not created twice.",
              },
            ]
          : []),
        ...(record.endedAt ? [{ label: 'Created', value: utcTime(record.endedAt, now) }] : []),
      ],
    };
  }
  return {
    summary: 'Creates a second client secret in Okta; the secret in use keeps working.',
    todo: [
      `Create a second client secret in Okta. ${journal.inUse ? `The secret in use, ${secretInList(journal.inUse, now)},` : 'The secret in use'} keeps working until it is retired at the end.`,
      ...(journal.preflight.capability?.verdict === 'unknown'
        ? ['Okta may refuse it: the extension could not tell whether this credential may create it (see step 1).']
        : []),
      ...soakWords(journal, now),
    ],
    details: [],
  };
}

/** A paired production org whose create waits for its preview org's soak (checked, unmet, not acknowledged). */
function soakWords(journal: RotationJournal, now: Date): string[] {
  const g = journal.guards.previewSoak;
  if (!g || g.acknowledgedAt !== undefined || g.satisfied !== false) return [];
  const done = g.previewCompletedAt
    ? `completed its rotation ${utcTime(g.previewCompletedAt, now)}`
    : 'has not completed a rotation yet';
  return [
    `This production org waits for its preview org ${g.previewOrg}, which ${done}: its new secret is created ${g.hours} h after that rotation, so a problem shows there first.`,
  ];
}

export function verifyNewSecretStory({ journal, record, now }: StoryInput): StepStory {
  const v = journal.verification;
  const secret = journal.newSecret ? `the new secret ${journal.newSecret.masked}` : 'the new secret';
  const details = v
    ? [
        { label: "Okta's answer", value: v.reason },
        { label: 'Checked', value: utcTime(v.at, now) },
      ]
    : [];
  if (record.state === 'done')
    return { summary: `Okta's token endpoint accepted ${secret}: it works.`, todo: [], details };
  if (record.state === 'skipped' && journal.guards.unverifiedOverride)
    return {
      summary: `Not verified: you chose to continue without a verified new secret (${utcTime(journal.guards.unverifiedOverride.at, now)}).`,
      todo: [],
      details,
    };
  return {
    summary: "Checks at the org's token endpoint that the new secret works; nothing changes in Okta.",
    todo:
      record.state === 'failed'
        ? [
            'Verify again in a moment. If it keeps failing, check the new connection in the Workflows console.',
            'Only if you are sure the new connection works, continue without verification.',
          ]
        : [`Check at the org's token endpoint that ${secret} works. Nothing changes in Okta.`],
    details,
  };
}
