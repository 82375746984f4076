// A client secret as listed: its id, status, creation time and its value masked (at most the last four characters).
// The one shape in which a secret is remembered (knownOrgs.ts), shown in the tree (tree/presentation.ts) and
// reminded of (reminders/dueSecrets.ts). Only maskSecret ever sees the value, and only its last four leave.
import type { ClientSecret } from '../okta/schemas.ts';
import { maskSecret } from '../redact.ts';

export interface ListedSecret {
  readonly id: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly created: string;
  readonly masked: string;
}

export function listedSecretOf(s: Pick<ClientSecret, 'id' | 'status' | 'created' | 'client_secret'>): ListedSecret {
  return {
    id: s.id,
    status: s.status,
    created: s.created,
    masked: s.client_secret ? maskSecret(s.client_secret) : '••••',
  };
}
