// The one place commands are registered, each through the wrapper. Activation registers the ids only: what a
// command does is loaded when the first command runs (handlers.ts, its own file).
import type * as vscode from 'vscode';
import type { Services } from '../platform/services.ts';
import { registerWrapped } from './registerWrapped.ts';
import { COMMAND_IDS } from './ids.ts';
import type * as Handlers from './handlers.ts';

export function registerCommands(s: Services): vscode.Disposable[] {
  const credentialTypeOf = async (orgKey: string) => (await s.credentials.get(orgKey))?.type;
  const orgLabelOf = (orgKey: string) => s.settings.find(orgKey)?.label;
  let handlers: Promise<typeof Handlers> | undefined;
  return COMMAND_IDS.map((id) =>
    registerWrapped(
      s.log,
      id,
      async (node?: unknown) => {
        handlers ??= import('./handlers.ts');
        return (await handlers).HANDLERS[id](s, node);
      },
      credentialTypeOf,
      orgLabelOf,
    ),
  );
}
