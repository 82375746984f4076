// Activate / Deactivate / Delete Secret: a confirmation naming org, app and masked secret (plus the production
// check), the call, Okta's refusal as a clear message, and a refresh of the org afterwards either way.
import * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { confirmChange } from './confirm.ts';
import { resolveSecret, type SecretTarget } from './targets.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';

type Lifecycle = 'activate' | 'deactivate' | 'delete';

const TEXT: Record<Lifecycle, { verb: string; action: string; detail: string; done: string }> = {
  activate: {
    verb: 'activate',
    action: 'Activate Secret',
    detail: 'Clients can authenticate with it again.',
    done: 'activated',
  },
  deactivate: {
    verb: 'deactivate',
    action: 'Deactivate Secret',
    detail:
      'Every Workflows connection still using it stops working when its token next refreshes. Make sure no flow depends on it.',
    done: 'deactivated',
  },
  delete: {
    verb: 'delete',
    action: 'Delete Secret',
    detail: 'This cannot be undone: the secret is gone for good.',
    done: 'deleted',
  },
};

export function activateSecret(s: Services, node?: unknown): Promise<void> {
  return lifecycle(s, node, 'activate');
}
export function deactivateSecret(s: Services, node?: unknown): Promise<void> {
  return lifecycle(s, node, 'deactivate');
}
export function deleteSecret(s: Services, node?: unknown): Promise<void> {
  return lifecycle(s, node, 'delete');
}

async function lifecycle(s: Services, node: unknown, op: Lifecycle): Promise<void> {
  const t = TEXT[op];
  const target = await resolveSecret(s, node, t.verb, (v) =>
    op === 'deactivate' ? v.status === 'ACTIVE' : v.status === 'INACTIVE',
  );
  await confirmChange(
    target.org,
    `${t.action.split(' ')[0]} client secret ${target.secret.masked} of ${target.app.label} in ${target.org.label} (${target.org.key})?`,
    `${describe(target)}\n\n${t.detail}`,
    t.action,
  );
  const client = await s.clients.get(target.org);
  try {
    await withOktaProgress(
      s.clients,
      { title: `${target.org.label}: ${t.action} ${target.secret.masked}…`, orgs: [target.org] },
      async (signal) => {
        if (op === 'activate') await client.activateSecret(target.app.id, target.secret.id, signal);
        else if (op === 'deactivate') await client.deactivateSecret(target.app.id, target.secret.id, signal);
        else await client.deleteSecret(target.app.id, target.secret.id, signal);
      },
    );
    s.log.info(`${target.org.key}: secret ${target.secret.id} ${t.done}`);
    void vscode.window.showInformationMessage(
      `Client secret ${target.secret.masked} of ${target.app.label} in ${target.org.label} ${t.done}.`,
    );
  } finally {
    s.log.background(`Reloading ${target.org.key}`, s.orgState.refresh([target.org]));
  }
}

function describe(t: SecretTarget): string {
  return `Org: ${t.org.label} (${t.org.key}, ${t.org.environment})\nApp: ${t.app.label} (client id ${t.app.clientId})\nSecret: ${t.secret.masked} (${t.secret.id}, ${t.secret.status})`;
}
