// The modal confirmation a risky action needs first, and the progress notification's words, for the checklist and
// the campaign alike. Built from the snapshot, never from internal names. Pure, tested in Node.
import type { RotationAction, SecretView } from '../rotation/model/actions.ts';
import type { RotationSnapshot } from '../rotation/model/snapshot.ts';
import { actionInWords } from './actions.ts';
import type { OrgLabelOf } from './endings.ts';
import { secretInList } from './phrases.ts';
import { utcTime } from './time.ts';
import { findingInWords, firstCatch, watchBasis } from './watch.ts';

/** The title of a progress notification: the org as the person named it, then what is happening. */
export function progressTitle(orgLabel: string, action: RotationAction, snap: RotationSnapshot): string {
  return `${orgLabel}: ${actionInWords(action, snap.journal)}`;
}

export interface Confirmation {
  title: string;
  detail: string;
  /** Named for the action ("Retire ••••xjgJ", "Roll Back"), never "Continue". */
  button: string;
}

/**
 * The modal a risky action needs, or undefined: overrides, the production acknowledgement, rollback, abandon and
 * retiring a secret; deleting the old secret in every org; deactivating it in a production org. Each says what
 * will happen, names org, app and the secrets kept and gone (masked, with their age), and whether it can be undone.
 */
export function riskyConfirmation(
  action: RotationAction,
  snap: RotationSnapshot,
  orgLabel: string,
  now: Date = new Date(),
  labelOf: OrgLabelOf = (host) => host,
): Confirmation | undefined {
  const production = snap.environment === 'production';
  const org = `${orgLabel} (${snap.org.host}, ${production ? 'PRODUCTION' : snap.environment})`;
  const where = `Org: ${org}\nApp: ${snap.app.label}, client id ${snap.app.clientId}`;
  const age = (s: SecretView | undefined, ...more: string[]): string =>
    s ? secretInList(s, now, ...more) : 'the secret';
  const inUse = snap.secrets.inUse ?? snap.secrets.listed.find((s) => s.status === 'ACTIVE');
  const newSecret = snap.secrets.new;
  const old = snap.secrets.old.map((s) => s.masked);
  const oldText = old.length > 0 ? old.join(', ') : 'the old secret';
  const secretLine = `Old secret${old.length === 1 ? '' : 's'}: ${snap.secrets.old.map((s) => `${age(s)}, id ${s.id}`).join('; ') || 'as identified'}`;
  const newLine = newSecret ? `\nNew secret (kept): ${age(newSecret)}, id ${newSecret.id}` : '';
  const body = (...parts: string[]): string => [where, ...parts].filter((p) => p !== '').join('\n\n');
  switch (action.type) {
    case 'override':
      if (action.guard === 'oldSecretStillUsed') return watchOverrideConfirmation(snap, body, now);
      return {
        title: 'Continue without a verified new secret?',
        detail: body(
          `${newSecret ? `The new secret ${age(newSecret)}` : 'The new secret'} has not verified as working${snap.verification ? ` (Okta's answer: ${snap.verification.reason})` : ''}. Deactivating the old secret next may break every flow that still uses it.`,
          'Your decision is recorded in the rotation. Nothing changes in Okta yet, and Roll back stays possible until the old secret is deleted.',
        ),
        button: 'Continue Without Verification',
      };
    case 'acknowledge': {
      if (action.guard === 'previewSoak') return soakConfirmation(snap, body, now, labelOf);
      const guard = snap.guards.productionWithoutPreview;
      const last = guard?.lastPreviewCompletedAt
        ? `the last one ended ${utcTime(guard.lastPreviewCompletedAt, now)}`
        : 'none is recorded';
      return {
        title: 'Rotate this production org without a recent preview rotation?',
        detail: body(
          `No preview org completed a rotation in the last ${guard?.days ?? 0} days (${last}). Okta advises rotating in a preview org first.`,
          'Nothing changes in Okta now: your decision is recorded, then the checklist starts with step 1.',
        ),
        button: 'Rotate Production',
      };
    }
    case 'rollback': {
      const reactivated = snap.secrets.old.filter((s) => s.id !== newSecret?.id);
      return {
        title: 'Roll back: reactivate the old secret?',
        detail: body(
          `Reactivated: ${reactivated.map((s) => age(s)).join(', ') || 'the old secret'}${newSecret ? `\nKept active: ${age(newSecret, 'the new secret')}` : ''}`,
          `The rotation ends as rolled back.${newSecret ? ' Delete the new secret in the Admin Console once no connection uses it.' : ''} To rotate later, start a new rotation.`,
        ),
        button: 'Roll Back',
      };
    }
    case 'abandon':
      return {
        title: 'Abandon this rotation?',
        detail: body(
          newSecret
            ? `The new secret ${age(newSecret)} stays active in Okta and its stored value is wiped: delete it in the Admin Console if no connection uses it.`
            : 'Nothing was created in Okta.',
          `${inUse ? `The secret in use, ${age(inUse)}, stays in use.` : 'The secret in use stays in use.'} This cannot be undone: to rotate later, start a new rotation.`,
        ),
        button: 'Abandon Rotation',
      };
    case 'retire': {
      const offered = snap.nextActions.find((a) => a.type === 'retire');
      const target = snap.secrets.listed.find((s) => s.id === action.secretId);
      const masked = offered?.type === 'retire' ? offered.masked : (target?.masked ?? 'the secret');
      const reason =
        offered?.type === 'retire' && offered.reason === 'inactive' ? 'inactive' : 'not identified as in use';
      const kept = snap.secrets.listed.find((s) => s.status === 'ACTIVE' && s.id !== action.secretId);
      return {
        title: `Retire secret ${masked} of ${snap.app.label} in ${production ? 'PRODUCTION org ' : ''}${orgLabel}?`,
        detail: body(
          `Retired (deactivated, then deleted): ${target ? age(target, reason) : `${masked} (${reason})`}\nKept: ${kept ? age(kept, 'in use by your Workflows connection') : 'the secret in use'}`,
          'This cannot be undone: a deleted secret cannot come back. Okta allows two secrets per app; this makes room for the new one.',
        ),
        button: `Retire ${masked}`,
      };
    }
    case 'confirm':
      if (action.step !== 'watchOld') return undefined;
      return {
        title: 'Go on without a watch of the System Log?',
        detail: body(
          "Okta refused to let this credential read the org's System Log, so the extension cannot see whether a flow still uses the old secret.",
          "Confirm only if you checked that every flow uses the new connection. Your confirmation is recorded as your word, not as Okta's record; the delete is offered next.",
        ),
        button: 'Every Flow Moved',
      };
    case 'run':
      if (action.step === 'deleteOld') {
        const basis = snap.journal.watch ? `\n\n${watchBasis(snap.journal.watch, now)}` : '';
        return {
          title: `Delete the old secret ${oldText} of ${snap.app.label} in ${production ? 'PRODUCTION org ' : ''}${orgLabel}?`,
          detail: `${where}\n${secretLine}${newLine}${basis}\n\nThis cannot be undone: after the delete there is no rollback. Every Workflows connection must use the new secret.`,
          button: 'Delete Old Secret',
        };
      }
      if (action.step === 'deactivateOld' && production) {
        return {
          title: `Deactivate the old secret ${oldText} of ${snap.app.label} in PRODUCTION org ${orgLabel}?`,
          detail: `${where}\n${secretLine}${newLine}\n\nEvery Workflows connection still using it stops working when its token next refreshes. Until the delete, Roll back can reactivate it.`,
          button: 'Deactivate Old Secret',
        };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Deleting the old secret although the watch saw a connection still using it. */
function watchOverrideConfirmation(
  snap: RotationSnapshot,
  body: (...parts: string[]) => string,
  now: Date,
): Confirmation {
  const first = firstCatch(snap.journal.watch);
  return {
    title: 'Delete the old secret although a connection still uses it?',
    detail: body(
      `Okta's System Log shows ${first ? findingInWords(first, now) : 'a failed sign-in with the old secret'}: a flow is still on the old connection. Once the old secret is deleted, that flow stays broken until someone moves it to the new connection; Roll back would no longer be possible.`,
      'Your decision is recorded in the rotation and its history. Nothing changes in Okta yet: the delete is offered next, with its own confirmation.',
    ),
    button: 'Allow the Delete',
  };
}

/** Creating a paired production org's new secret before its preview org's soak is over. */
function soakConfirmation(
  snap: RotationSnapshot,
  body: (...parts: string[]) => string,
  now: Date,
  labelOf: OrgLabelOf,
): Confirmation {
  const soak = snap.guards.previewSoak;
  const label = soak ? labelOf(soak.previewOrg) : undefined;
  const preview = !soak ? '' : label === soak.previewOrg ? ` ${label}` : ` ${label} (${soak.previewOrg})`;
  const completed = soak?.previewCompletedAt
    ? `completed its rotation ${utcTime(soak.previewCompletedAt, now)}`
    : 'has not completed a rotation';
  return {
    title: 'Create the new secret of this production org before its preview org has soaked?',
    detail: body(
      `Its preview org${preview} ${completed}; the new secret here waits ${soak?.hours ?? 0} h after it, so a problem the rehearsal brings out shows there first.`,
      'Your decision is recorded in the rotation, then the new secret is created. Abandon and Roll back stay possible.',
    ),
    button: 'Create It Now',
  };
}
