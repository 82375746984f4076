// What the modal confirmation of Activate, Deactivate or Delete Secret says: the org, the app and the masked secret,
// and when the secret is the one in use (as a rotation recorded it, or the only active one) that the Workflows
// connection uses it. Pure: tested in Node. Never a secret value: the secret is masked.
import type { SecretView } from './presentation.ts';

export type LifecycleAction = 'activate' | 'deactivate' | 'delete';

export interface LifecycleTarget {
  org: { readonly label: string; readonly key: string; readonly environment: string };
  app: { readonly label: string; readonly clientId: string };
  secret: SecretView;
  /** The secret the Workflows connection uses (as recorded, or the only active one). */
  inUse: boolean;
}

export interface LifecycleConfirmation {
  message: string;
  detail: string;
  /** The button that confirms, and the action's name in progress titles. */
  button: string;
}

const WORDS: Record<LifecycleAction, { verb: string; button: string; detail: string; inUse: string }> = {
  activate: {
    verb: 'Activate',
    button: 'Activate Secret',
    detail: 'Clients can authenticate with it again.',
    inUse: '',
  },
  deactivate: {
    verb: 'Deactivate',
    button: 'Deactivate Secret',
    detail:
      'Every Workflows connection still using it stops working when its token next refreshes. Make sure no flow depends on it.',
    inUse: 'Your Workflows connection uses it: its flows stop working when the connection next refreshes its token.',
  },
  delete: {
    verb: 'Delete',
    button: 'Delete Secret',
    detail: 'This cannot be undone: the secret is gone for good.',
    inUse: 'Your Workflows connection was using it: update the connection first, or its flows cannot authenticate.',
  },
};

export function lifecycleConfirmation(t: LifecycleTarget, action: LifecycleAction): LifecycleConfirmation {
  const w = WORDS[action];
  const inUse = t.inUse && action !== 'activate';
  return {
    message: `${w.verb} client secret ${t.secret.masked}${inUse ? ', in use by your Workflows connection,' : ''} of ${t.app.label} in ${t.org.label} (${t.org.key})?`,
    detail: [
      `Org: ${t.org.label} (${t.org.key}, ${t.org.environment})\nApp: ${t.app.label} (client id ${t.app.clientId})\nSecret: ${t.secret.masked} (${t.secret.id}, ${t.secret.status}${inUse ? ', in use by your Workflows connection' : ''})`,
      ...(inUse ? [w.inUse] : []),
      w.detail,
    ].join('\n\n'),
    button: w.button,
  };
}
