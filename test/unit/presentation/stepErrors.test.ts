// What a step says when it refuses or fails, message by message: each names the org and the app (the rotation's
// lead), says what to do next (or what was left undone), reads in plain words once the checklist has shown it
// (errorText), and carries nothing shaped like a credential. A message added without a line here fails the first
// test. Pure: no Okta, no VS Code.
import assert from 'node:assert/strict';
import * as words from '../../../src/presentation/stepErrors.ts';
import { errorText } from '../../../src/presentation/errorText.ts';
import { rotationWhere } from '../../../src/presentation/rotationErrors.ts';
import { redact } from '../../../src/redact.ts';
import { internalWords } from '../../support/plainWords.ts';

const HOST = 'acme.okta.com';
const APP = '0oa8x2kq1vWfZ3pLd5d7';
const WHERE = rotationWhere(APP, HOST);
const OLD = 'ocsOLD1a2b3c4d5e6f7g';
const NEW = 'ocsNEW9h8i7j6k5l4m3n';
const SECRETS = [
  { id: OLD, masked: '••••7g1x' },
  { id: NEW, masked: '••••3n9y' },
];

/** Every step message, with what it must say the person does (or what was not done). */
const MESSAGES: Record<keyof typeof words, { text: string; says: RegExp }> = {
  capabilityNotAsked: { text: words.capabilityNotAsked('timeout'), says: /Okta did not answer in time/ },
  credentialReadOnly: {
    text: words.credentialReadOnly(
      WHERE,
      ['The service app has okta.apps.read only.'],
      'Grant okta.apps.manage to the service app.',
    ),
    says: /nothing is created\. .*Grant okta\.apps\.manage/,
  },
  otherAppAnswered: { text: words.otherAppAnswered(WHERE, '0oaOTHER'), says: /Start the rotation again from the org/ },
  secretCountUnfit: { text: words.secretCountUnfit(WHERE, 3, 0), says: /Check the app in the Admin Console/ },
  identifiedInUseInactive: {
    text: words.identifiedInUseInactive(WHERE, OLD),
    says: /Check the Workflows connection and the app/,
  },
  secretsListedWithoutValues: {
    text: words.secretsListedWithoutValues(WHERE),
    says: /Identify the secret in the Admin Console/,
  },
  pastedValueMatchesNone: { text: words.pastedValueMatchesNone(WHERE, 2), says: /paste it exactly/ },
  notOfferedForRetirement: {
    text: words.notOfferedForRetirement(WHERE, OLD),
    says: /the secret in use is never retired/,
  },
  inUseInactiveSoNotRetired: { text: words.inUseInactiveSoNotRetired(WHERE, OLD), says: /is not retired/ },
  inUseNotIdentified: { text: words.inUseNotIdentified(WHERE), says: /Check the org again/ },
  inUseInactiveBeforeCreate: {
    text: words.inUseInactiveBeforeCreate(WHERE, OLD),
    says: /Nothing was created\. Check the app/,
  },
  alreadyTwoSecrets: { text: words.alreadyTwoSecrets(WHERE, [OLD, NEW]), says: /Delete the one not in use/ },
  severalNewSecrets: { text: words.severalNewSecrets(WHERE, [OLD, NEW]), says: /Check it in the Admin Console/ },
  createdValueLost: { text: words.createdValueLost(WHERE, NEW), says: /in the Admin Console .* run this step again/ },
  newValueNotStored: { text: words.newValueNotStored(WHERE), says: /Check the new connection .* then override/ },
  newSecretRefused: {
    text: words.newSecretRefused(WHERE, NEW, 'Okta answered invalid_client'),
    says: /Do not retire the old secret.*verify again/,
  },
  newSecretUnchecked: {
    text: words.newSecretUnchecked(WHERE, NEW, 'the token endpoint did not answer'),
    says: /Verify again in a moment/,
  },
  unverifiedNewSecretRefusal: {
    text: `${WHERE}: ${words.unverifiedNewSecretRefusal()}`,
    says: /verify it, or override explicitly/,
  },
  newSecretNotActive: {
    text: words.newSecretNotActive(WHERE, NEW, true),
    says: /no old secret is touched\. Activate it .* or roll back/,
  },
  refusingToDeactivateNew: { text: words.refusingToDeactivateNew(WHERE, NEW), says: /it is the new secret/ },
  refusingToDeleteNew: { text: words.refusingToDeleteNew(WHERE, NEW), says: /it is the new secret/ },
  oldSecretActiveAgain: {
    text: words.oldSecretActiveAgain(WHERE, [OLD]),
    says: /Deactivate it again .* or roll back/,
  },
};

/** The message as the checklist shows it: the lead dropped, the org by its label, secret ids masked. */
function onTheChecklist(text: string): string {
  return errorText(text, undefined, { host: HOST, appId: APP, orgLabel: 'Acme Preview', secrets: SECRETS });
}

describe('what a step says when it refuses or fails', () => {
  it('every message of the module is checked here', () => {
    assert.deepEqual(Object.keys(words).sort(), Object.keys(MESSAGES).sort());
  });

  for (const [name, m] of Object.entries(MESSAGES)) {
    it(`${name}: names the org and the app, says what to do, plain words, nothing credential-shaped`, () => {
      if (name !== 'capabilityNotAsked') assert.ok(m.text.startsWith(WHERE), m.text);
      assert.match(m.text, m.says);
      assert.equal(redact(m.text), m.text);
      const shown = onTheChecklist(m.text);
      assert.ok(!shown.includes(APP) && !shown.includes(OLD) && !shown.includes(NEW), shown);
      assert.deepEqual(internalWords(shown, { host: HOST, clientId: APP }), [], shown);
      assert.match(shown, /^[A-Z].*[.)]$/, 'one or more sentences, capitalised, ended');
    });
  }

  it("the new secret's state in Okta in words, never Okta's status word", () => {
    assert.match(words.newSecretNotActive(WHERE, NEW, true), /the new secret ocsNEW\S+ is inactive in Okta/);
    assert.match(words.newSecretNotActive(WHERE, NEW, false), /the new secret ocsNEW\S+ is missing in Okta/);
    assert.match(words.newSecretNotActive(WHERE, undefined, false), /: the new secret is missing in Okta/);
    assert.doesNotMatch(words.newSecretNotActive(WHERE, NEW, true), /ACTIVE/);
  });

  it('Okta not asked about the credential: the cause in words, whatever the error was', () => {
    for (const cause of ['network', 'rateLimited', 'serverError', 'protocol', 'TypeError']) {
      const text = words.capabilityNotAsked(cause);
      assert.deepEqual(internalWords(text, { host: HOST, clientId: APP }), [], text);
      assert.ok(!text.includes(cause), text);
    }
    assert.match(words.capabilityNotAsked('network'), /\(Okta could not be reached\)\.$/);
  });

  it('a secret named only when the rotation has one: no empty gap where the id would be', () => {
    assert.match(words.newSecretRefused(WHERE, undefined, 'x'), /: the new secret was refused/);
    assert.match(words.newSecretUnchecked(WHERE, undefined, 'x'), /: the new secret could not be checked/);
    assert.match(words.inUseInactiveBeforeCreate(WHERE, undefined), /: the secret in use is no longer active/);
  });
});
