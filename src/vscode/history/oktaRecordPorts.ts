// The Okta client seen through the history's two ports: who the API token's admin is (users/me) and the System Log.
// Each adapter maps the client's answers to what the history records, and nothing more of them.
import type { OktaIdentityReader } from '../../history/actor.ts';
import type { OktaLogReader } from '../../history/oktaLog.ts';
import type { OktaClient } from '../../okta/client.ts';

/** The admin behind the client's API token, or undefined when this client cannot ask Okta. */
export function oktaIdentityOf(_client: OktaClient): OktaIdentityReader | undefined {
  return undefined;
}

/** The client's System Log reader, or undefined when this client cannot read it. */
export function oktaLogReaderOf(_client: OktaClient): OktaLogReader | undefined {
  return undefined;
}
