// Calls to a simulated org as its service app, with headers made by the real ServiceAppAuth (private_key_jwt, DPoP),
// so a simulator test can ask for any scopes the org's service app was granted.
import { ServiceAppAuth } from '../../../src/okta/oauth/serviceAppAuth.ts';
import type { SimulatedOrg } from '../../../src/simulator/index.ts';
import type { Call } from './helpers.ts';

export interface ServiceAppCaller {
  call(method: string, path: string): Promise<Call>;
  close(): Promise<void>;
}

const open: ServiceAppCaller[] = [];

/** A caller whose access token asks for `scopes`; closed by closeServiceAppCallers. */
export function serviceAppCaller(org: SimulatedOrg, scopes: readonly string[]): ServiceAppCaller {
  const sa = org.info.serviceApp;
  if (!sa) throw new Error(`org ${org.info.name} has no service app`);
  const auth = new ServiceAppAuth({
    baseUrl: org.info.baseUrl,
    clientId: sa.clientId,
    privateKey: sa.privateKeyPem,
    keyId: sa.keyId,
    scopes,
  });
  const caller: ServiceAppCaller = {
    async call(method, path) {
      const url = `${org.info.baseUrl}${path}`;
      const headers = { accept: 'application/json', ...(await auth.authorize({ method, url })) };
      const res = await fetch(url, { method, headers });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
    },
    close: () => auth.close(),
  };
  open.push(caller);
  return caller;
}

export async function closeServiceAppCallers(): Promise<void> {
  for (const c of open.splice(0)) await c.close();
}
