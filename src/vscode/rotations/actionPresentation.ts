// How a checklist action reads to the person: the progress notification's words, and the modal confirmation the
// risky ones need first. Built from the snapshot (its step labels and nextActions), never from internal names.
// Pure: no `vscode` import, tested in Node.
import type { RotationAction, RotationSnapshot } from '../../rotation/snapshot.ts';

const stepLabel = (snap: RotationSnapshot, step: string): string =>
  snap.steps.find((s) => s.id === step)?.label ?? 'the step';

/** "Create the new secret", "Retry: Check the org", "Choosing how to connect", "Confirming: Move the flows". */
export function actionLabel(action: RotationAction, snap: RotationSnapshot): string {
  switch (action.type) {
    case 'run': {
      const offered = snap.nextActions.find((a) => a.type === 'run' && a.step === action.step);
      return offered && offered.type === 'run' ? offered.label : stepLabel(snap, action.step);
    }
    case 'confirm':
      return `Confirming: ${stepLabel(snap, action.step)}`;
    case 'chooseMode':
      return 'Choosing how to connect';
    case 'retire': {
      const offered = snap.nextActions.find((a) => a.type === 'retire');
      return `Retiring secret ${offered && offered.type === 'retire' ? offered.masked : action.secretId}`;
    }
    case 'identifyInUse':
      return 'Identifying the secret in use';
    case 'override':
      return 'Continuing without a verified new secret';
    case 'acknowledge':
      return action.guard === 'previewSoak'
        ? "Acknowledging: the preview org's soak is not over"
        : 'Acknowledging: no recent preview rotation';
    case 'rollback':
      return 'Rolling back: reactivating the old secret';
    case 'abandon':
      return 'Abandoning the rotation';
  }
}

/** The title of a progress notification: the org as the person named it, then what is happening. */
export function progressTitle(orgLabel: string, action: RotationAction, snap: RotationSnapshot): string {
  return `${orgLabel}: ${actionLabel(action, snap)}`;
}

export interface Confirmation {
  title: string;
  detail: string;
  button: string;
}

/**
 * The modal a risky action needs, or undefined. Overrides, acknowledgements, rollback, abandon and retiring a
 * secret; deleting the old secret in every org; deactivating it in a production org. Each names org, app and the
 * masked secret(s).
 */
export function riskyConfirmation(
  action: RotationAction,
  snap: RotationSnapshot,
  orgLabel: string,
): Confirmation | undefined {
  const offered = snap.nextActions.find((a) => a.type === action.type);
  const warning = offered && 'warning' in offered ? offered.warning : undefined;
  const production = snap.environment === 'production';
  const org = `${orgLabel} (${snap.org.host}, ${production ? 'PRODUCTION' : snap.environment})`;
  const app = `${snap.app.label}, client id ${snap.app.clientId}`;
  const where = `Org: ${org}\nApp: ${app}`;
  const old = snap.secrets.old.map((s) => s.masked);
  const oldText = old.length > 0 ? old.join(', ') : 'the old secret';
  const secretLine = `Old secret${old.length === 1 ? '' : 's'}: ${snap.secrets.old.map((s) => `${s.masked} (${s.id})`).join(', ') || 'as identified'}`;
  const newLine = snap.secrets.new ? `\nNew secret (kept): ${snap.secrets.new.masked} (${snap.secrets.new.id})` : '';
  const generic = (title: string): Confirmation => ({
    title,
    detail: `${where}\n\n${warning ?? ''}`.trim(),
    button: 'Continue',
  });
  switch (action.type) {
    case 'override':
      return generic('Continue without a verified new secret?');
    case 'acknowledge':
      return generic(
        action.guard === 'previewSoak'
          ? 'Create the new secret of this production org before its preview org has soaked?'
          : 'Rotate this production org without a recent preview rotation?',
      );
    case 'rollback':
      return generic('Roll back: reactivate the old secret?');
    case 'abandon':
      return generic('Abandon this rotation?');
    case 'retire': {
      const r = snap.nextActions.find((a) => a.type === 'retire');
      return generic(
        `Deactivate and delete secret ${r && r.type === 'retire' ? r.masked : action.secretId} to make room for the new one?`,
      );
    }
    case 'run':
      if (action.step === 'deleteOld') {
        return {
          title: `Delete the old secret ${oldText} of ${snap.app.label} in ${production ? 'PRODUCTION org ' : ''}${orgLabel}?`,
          detail: `${where}\n${secretLine}${newLine}\n\nThis cannot be undone: after the delete there is no rollback. Every Workflows connection must use the new secret.`,
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

export const RESUME_ROTATION = 'Resume Rotation';

/**
 * The buttons of the error notification for an action that did not go through, by the outcome's error kind. A
 * stale engine (another window drove the rotation since this one read it: 'staleJournal') refuses everything after,
 * so it offers Resume Rotation: reopen the rotation here from its journal, with a fresh engine.
 */
export function failureChoices(kind: string | undefined): string[] {
  return kind === 'staleJournal' ? [RESUME_ROTATION, 'Show Log'] : ['Show Log'];
}
