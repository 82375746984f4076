// What the rotation says around its steps, message by message: the engine's refusals, a step cancelled or of unknown
// outcome, the rollback, the journal taken elsewhere or missing, a second rotation of the app, a change from the tree
// not recorded. Each names the org (and the app, or the rotation), says what to do or what was not done, reads in
// plain words, and carries nothing shaped like a credential, no raw time. A message added without a line here fails
// the first test. Pure: no Okta, no VS Code.
import assert from 'node:assert/strict';
import * as words from '../../../src/presentation/rotationErrors.ts';
import { errorText } from '../../../src/presentation/errorText.ts';
import { STEP_IDS } from '../../../src/rotation/model/steps.ts';
import { redact } from '../../../src/redact.ts';
import { internalWords } from '../../support/plainWords.ts';

const HOST = 'acme.okta.com';
const APP = '0oa8x2kq1vWfZ3pLd5d7';
const WHERE = words.rotationWhere(APP, HOST);
const ROTATION = '3f0c2a9e-5b7d-4e1f-9a62-0d8c4b1e7f35';
const OLD = 'ocsOLD1a2b3c4d5e6f7g';
const OLD_SHOWN = { id: OLD, masked: '••••7g1x' };

/**
 * The checklist's internal words in `text`, less two that are plain English in a sentence ("a step is running",
 * "before its new secret is created: …"): on the checklist they would be a step's state and a field's name.
 */
function plainWordsMissed(text: string): string[] {
  return internalWords(text, { host: HOST, clientId: APP }).filter((w) => w !== 'running' && w !== 'created:');
}

/**
 * Every message, with what it must say. `names`: which of the org, the app and the rotation it names by itself
 * (some lead nowhere: the caller's own lead comes first, or the checklist already names the rotation).
 */
const MESSAGES: Record<keyof typeof words, { text: string; says: RegExp; names: Array<'org' | 'app' | 'rotation'> }> = {
  rotationWhere: { text: WHERE, says: /^Rotation of app \S+ in acme\.okta\.com$/, names: ['org', 'app'] },
  actionNotUnderstood: {
    text: words.actionNotUnderstood('type: expected one of run, confirm'),
    says: /not one the rotation understands/,
    names: [],
  },
  stepAlreadyRunning: {
    text: words.stepAlreadyRunning(WHERE),
    says: /wait for it or cancel it/,
    names: ['org', 'app'],
  },
  actionNotPossible: {
    text: words.actionNotPossible(WHERE, 'Delete the old secret', ['Check the org']),
    says: /"Delete the old secret" is not possible now\. Possible: Check the org\./,
    names: ['org', 'app'],
  },
  runsInAnotherWindow: {
    text: words.runsInAnotherWindow(WHERE, 'createSecret'),
    says: /"Create the new secret" runs in another window\. Wait for it to end there/,
    names: ['org', 'app'],
  },
  productionNeedsAcknowledgement: {
    text: words.productionNeedsAcknowledgement(WHERE),
    says: /needs the preview warning acknowledged first/,
    names: ['org', 'app'],
  },
  manualStepIsConfirmed: {
    text: words.manualStepIsConfirmed('moveFlows'),
    says: /^"Move the flows" is done by a person and confirmed\.$/,
    names: [],
  },
  stepRefused: {
    text: words.stepRefused(WHERE, 'the new secret has not verified as valid.'),
    says: /: the new secret has not verified as valid\.$/,
    names: ['org', 'app'],
  },
  oldSecretsChangedSinceShown: {
    text: words.oldSecretsChangedSinceShown(WHERE),
    says: /Nothing was done: check the list and choose again/,
    names: ['org', 'app'],
  },
  previewSoakWaits: {
    text: words.previewSoakWaits(WHERE, 'its preview org acme-preview.okta.com has not completed a rotation yet'),
    says: /Acknowledge to create it now/,
    names: ['org', 'app'],
  },
  journalChangedElsewhere: {
    text: words.journalChangedElsewhere(WHERE),
    says: /nothing was done\. .*do it again if it is still what you want/,
    names: ['org', 'app'],
  },
  journalNotFound: { text: words.journalNotFound(ROTATION), says: /was found/, names: ['rotation'] },
  journalSaveFailed: {
    text: words.journalSaveFailed('EACCES: permission denied'),
    says: /^Saving the rotation journal failed: EACCES/,
    names: [],
  },
  rotationAlreadyInProgress: {
    text: words.rotationAlreadyInProgress(
      { app: { id: APP }, org: { host: HOST }, rotationId: ROTATION, createdAt: '2026-11-26T09:00:41.000Z' },
      'verifyNewSecret',
    ),
    says: /started 26 Nov 2026, 09:00 UTC, at step "Verify the new secret"\)\. Resume or abandon it/,
    names: ['org', 'app', 'rotation'],
  },
  outsideChangeWhileStepRuns: {
    text: words.outsideChangeWhileStepRuns(HOST),
    says: /the change is not recorded in it\. Open its checklist/,
    names: ['org'],
  },
  outsideChangeBeforeStepEnds: {
    text: words.outsideChangeBeforeStepEnds(HOST),
    says: /a step of its rotation is running; wait for it to end \(its checklist shows it\), then try again/,
    names: ['org'],
  },
  outsideChangeKeepsChanging: {
    text: words.outsideChangeKeepsChanging(ROTATION),
    says: /the change made from the tree is not recorded in it/,
    names: ['rotation'],
  },
  stepOutcomeUnknown: {
    text: words.stepOutcomeUnknown('deleteOld', 'acme.okta.com did not answer in time.'),
    says: /^The request of "Delete the old secret" may have reached Okta.*Check again before doing anything else/,
    names: [],
  },
  stepCancelled: {
    text: words.stepCancelled('createSecret', true),
    says: /^"Create the new secret" was cancelled\. Okta was read back: nothing had changed\. Run it again when ready\.$/,
    names: [],
  },
  readAfterInterruptionFailed: {
    text: words.readAfterInterruptionFailed('acme.okta.com could not be reached.'),
    says: /Check again before doing anything else/,
    names: [],
  },
  oldSecretGoneForRollback: {
    text: words.oldSecretGoneForRollback(WHERE, OLD),
    says: /no longer exists; it cannot be reactivated/,
    names: ['org', 'app'],
  },
  rollbackOutcomeUnknown: { text: words.rollbackOutcomeUnknown(WHERE), says: /Roll back again/, names: ['org', 'app'] },
  rollbackCancelled: { text: words.rollbackCancelled(), says: /it can be started again/, names: [] },
};

describe('what the rotation says around its steps', () => {
  it('every message of the module is checked here', () => {
    assert.deepEqual(Object.keys(words).sort(), Object.keys(MESSAGES).sort());
  });

  for (const [name, m] of Object.entries(MESSAGES)) {
    it(`${name}: names what it is about, says what to do, plain words, nothing credential-shaped`, () => {
      if (m.names.includes('org')) assert.ok(m.text.includes(HOST), m.text);
      if (m.names.includes('app')) assert.ok(m.text.includes(`app ${APP}`), m.text);
      if (m.names.includes('rotation')) assert.ok(m.text.includes(ROTATION), m.text);
      assert.match(m.text, m.says);
      assert.equal(redact(m.text), m.text);
      const shown = errorText(m.text, undefined, { host: HOST, appId: APP, orgLabel: 'Acme', secrets: [OLD_SHOWN] });
      assert.deepEqual(plainWordsMissed(shown.split(ROTATION).join(' ')), [], shown);
    });
  }

  it('the cancelled step says whether Okta was read back', () => {
    assert.match(words.stepCancelled('createSecret', false), /" was cancelled\. Nothing had been sent to Okta\./);
  });

  it("a step's title never reads as a secret's value to redact(): the log shows the message whole", () => {
    for (const step of STEP_IDS) {
      for (const text of [
        words.stepCancelled(step, true),
        words.stepCancelled(step, false),
        words.stepOutcomeUnknown(step, 'acme.okta.com did not answer in time.'),
        words.runsInAnotherWindow(WHERE, step),
        words.manualStepIsConfirmed(step),
      ])
        assert.equal(redact(text), text);
    }
  });

  it('a refusal of an action lists what is possible, or says nothing is', () => {
    assert.match(words.actionNotPossible(WHERE, 'Roll back', []), /Possible: nothing\.$/);
    assert.match(words.runsInAnotherWindow(WHERE, 'rollback'), /: The rollback runs in another window/);
  });

  it('another rotation in progress: its step named when it has one', () => {
    const holder = { app: { id: APP }, org: { host: HOST }, rotationId: ROTATION, createdAt: '2026-11-26T09:00:41Z' };
    assert.match(words.rotationAlreadyInProgress(holder, undefined), /09:00 UTC\)\. Resume/);
  });
});
