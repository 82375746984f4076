// The Workflows app as the journal keeps it, and back: ids, names and the fields the token probe needs, no secret.
import type { WorkflowsApp } from '../okta/schemas.ts';
import type { RotationJournal } from './model/journal.ts';

export function appRecord(app: WorkflowsApp): RotationJournal['app'] {
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    clientId: app.clientId,
    tokenEndpointAuthMethod: app.tokenEndpointAuthMethod,
    redirectUris: [...app.redirectUris],
  };
}

export function workflowsApp(journal: RotationJournal): WorkflowsApp {
  return { ...journal.app, redirectUris: [...journal.app.redirectUris] };
}
