// What a route handler sees (its answer: answer.ts). Handlers are synchronous: the org state lives in memory.
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from './logEvents.ts';
import type { OrgState } from './orgState.ts';

export interface RequestContext {
  org: OrgState;
  method: string;
  url: URL;
  /** pathname, without the query string */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Who sent it: set on management API routes once the credential is accepted. */
  principal?: Principal;
  /** Epoch ms on the org's clock when the request arrived. */
  now: number;
  /** The X-Okta-Request-Id of the answer. */
  requestId: string;
  /** The client's IP address, as the System Log records it. */
  ip: string;
}
