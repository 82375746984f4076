// A write cancelled after it reached Okta: the simulator holds the answer of a committed change (faults.hold), the
// caller aborts, and the change stays made while the client says the call was cancelled with its outcome unknown
// (kind 'cancelled', requestMayHaveReachedOkta, the detail CANCELLED_AFTER_SENDING). A read cancelled the same way is a
// plain cancel. On loopback and over TLS through squid.
import assert from 'node:assert/strict';
import type { OktaClient } from '../../../src/okta/client.ts';
import { CANCELLED_AFTER_SENDING, requestMayHaveReachedOkta } from '../../../src/okta/requestReach.ts';
import type { OktaError } from '../../../src/okta/errors.ts';
import type { SimulatedOrg } from '../../../src/simulator/index.ts';
import { describeOnPaths } from '../../support/proxiedPath.ts';
import { rejection, withClientWorld } from './fixture.ts';

describeOnPaths('Okta client: a write cancelled after it reached Okta', (path) => {
  const world = withClientWorld({ path, orgs: [{ name: 'acme', environment: 'production', decoyApps: 0 }] });

  /** Runs `call` with a signal, aborts it once `method path` reached the org and its change is committed. */
  async function cancelledAfterReach(
    org: SimulatedOrg,
    method: string,
    at: RegExp,
    call: (signal: AbortSignal) => Promise<unknown>,
  ): Promise<OktaError> {
    const held = org.faults.hold(method, at);
    const controller = new AbortController();
    const pending = rejection(call(controller.signal));
    await held.reached;
    controller.abort();
    return pending;
  }

  function assertOutcomeUnknown(e: OktaError, operation: RegExp): void {
    assert.equal(e.kind, 'cancelled');
    assert.ok(requestMayHaveReachedOkta(e), 'marked as possibly carried out');
    assert.equal(e.detail, CANCELLED_AFTER_SENDING);
    assert.match(e.operation, operation);
    assert.match(e.message, /was cancelled: the request had been sent, so whether Okta carried it out is unknown\./);
    assert.match(e.message, /Refresh the secrets list/);
  }

  const secretsOf = (org: SimulatedOrg) => org.secrets().map((s) => [s.id, s.status]);

  it('create, deactivate, activate and delete: each change is made in Okta, and each call reports its outcome unknown', async () => {
    const { client, org, appId } = world();
    const listedBefore = await client.listSecrets(appId);
    const [old] = listedBefore;

    const create = await cancelledAfterReach(org, 'POST', /\/credentials\/secrets$/, (signal) =>
      client.createSecret(appId, signal, { listedBefore }),
    );
    assertOutcomeUnknown(create, /^Creating a client secret/);
    assert.equal(org.secrets().length, 2, 'the secret was created');
    const created = org.secrets()[1]!;
    assert.ok(!create.message.includes(created.clientSecret));

    const deactivate = await cancelledAfterReach(org, 'POST', /\/lifecycle\/deactivate$/, (signal) =>
      client.deactivateSecret(appId, old!.id, signal),
    );
    assertOutcomeUnknown(deactivate, /^Deactivating client secret/);
    assert.deepEqual(secretsOf(org), [
      [old!.id, 'INACTIVE'],
      [created.id, 'ACTIVE'],
    ]);

    const activate = await cancelledAfterReach(org, 'POST', /\/lifecycle\/activate$/, (signal) =>
      client.activateSecret(appId, old!.id, signal),
    );
    assertOutcomeUnknown(activate, /^Activating client secret/);
    assert.equal(org.secrets()[0]!.status, 'ACTIVE');

    await client.deactivateSecret(appId, old!.id);
    const remove = await cancelledAfterReach(org, 'DELETE', /\/credentials\/secrets\/ocs\w+$/, (signal) =>
      client.deleteSecret(appId, old!.id, signal),
    );
    assertOutcomeUnknown(remove, /^Deleting client secret/);
    assert.deepEqual(secretsOf(org), [[created.id, 'ACTIVE']], 'the secret was deleted');
    const abandoned = org.requests.filter((r) => r.method !== 'GET' && r.status === 0);
    assert.equal(abandoned.length, 4, 'four answers the client never took');
  });

  it('a read cancelled the same way is a plain cancel; a released answer arrives as usual', async () => {
    const { client, org, appId } = world();
    const read = await cancelledAfterReach(org, 'GET', /\/credentials\/secrets$/, (signal) =>
      client.listSecrets(appId, signal),
    );
    assert.equal(read.kind, 'cancelled');
    assert.equal(requestMayHaveReachedOkta(read), false);
    assert.equal(read.detail, undefined);

    const held = org.faults.hold('POST', /\/credentials\/secrets$/);
    const creating: Promise<unknown> = (client as OktaClient).createSecret(appId);
    await held.reached;
    assert.equal(org.secrets().length, 2, 'committed before the answer left');
    held.release();
    const created = (await creating) as { id: string };
    assert.equal(created.id, org.secrets()[1]!.id);
  });
});
