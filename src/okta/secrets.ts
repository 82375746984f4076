// The client secrets of an app: list, read, create, activate, deactivate, delete. Reads are retried; writes are
// sent once, and when their answer is lost Okta's state is read back and judged (secretReconcile.ts).
import { OktaError, isOktaError } from './errors.ts';
import { readAllPages } from './http/pages.ts';
import { parseResponse, protocolError } from './http/parseResponse.ts';
import type { RequestLoop } from './http/requestLoop.ts';
import { assertAppId, assertSecretId, shownAppId, shownSecretId } from './ids.ts';
import { ClientSecretListSchema, ClientSecretSchema, type ClientSecret } from './schemas.ts';
import { withPlaintextOnly } from './secretHash.ts';
import {
  findCreatedSecret,
  lostCreateOutcome,
  outcomeUncertain,
  unknownOutcome,
  type CreatedSecret,
} from './secretReconcile.ts';
import type { HttpResponse } from './transport.ts';
import { registerSecret } from '../redact.ts';

export interface CreateSecretOptions {
  /**
   * The app's secrets as the caller listed them just before, so the create does not list them again. A lost answer
   * is reconciled against these ids. Absent: the create lists the secrets first.
   */
  listedBefore?: readonly Pick<ClientSecret, 'id'>[];
}

const GONE_ADVICE = 'This secret no longer exists. Refresh the secrets list.';

/**
 * What Okta sent, with a masked value dropped (kept only when it matches its secret_hash); every value kept is
 * registered with redaction, so it is masked wherever it might show up later.
 */
function remembered(secrets: ClientSecret[]): ClientSecret[] {
  const kept = secrets.map(withPlaintextOnly);
  for (const s of kept) registerSecret(s.client_secret);
  return kept;
}

export class AppSecrets {
  readonly #http: RequestLoop;

  constructor(http: RequestLoop) {
    this.#http = http;
  }

  async list(appId: string, signal?: AbortSignal): Promise<ClientSecret[]> {
    const operation = `Listing client secrets of app ${shownAppId(appId)}`;
    assertAppId(appId, operation, this.#http.org);
    // A list like any other: its items count in the operation's budget (Okta does not page it; a next link is followed).
    const secrets = remembered(
      await readAllPages(
        this.#http,
        {
          operation,
          first: this.#http.url(`/api/v1/apps/${appId}/credentials/secrets`),
          schema: ClientSecretListSchema,
          maxPages: 10,
          appsBucket: true,
          notFoundAdvice: 'No app has this id in this org. Find the Workflows app again.',
        },
        signal,
      ),
    );
    // Ids are what every step acts on: a list naming one twice cannot be trusted to say which is which.
    const ids = new Set<string>();
    const twice = secrets.find((s) => ids.size === ids.add(s.id).size);
    if (twice)
      throw protocolError(operation, this.#http.org, `the list names secret ${shownSecretId(twice.id)} twice`, 200);
    return secrets;
  }

  async get(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    const operation = `Reading client secret ${shownSecretId(secretId)} of app ${shownAppId(appId)}`;
    this.#checkIds(operation, appId, secretId);
    const res = await this.#http.execute(
      {
        operation,
        method: 'GET',
        url: this.#secretUrl(appId, secretId),
        tries: this.#http.readTries,
        appsBucket: true,
        authenticate: true,
        notFoundAdvice: GONE_ADVICE,
      },
      signal,
    );
    return remembered([parseResponse(operation, this.#http.org, res, ClientSecretSchema)])[0]!;
  }

  /**
   * Creates a client secret (Okta generates the value). Never retried blindly: when the answer is lost, the
   * secrets are listed again and compared with the list taken just before (or `opts.listedBefore`).
   */
  async create(appId: string, signal?: AbortSignal, opts: CreateSecretOptions = {}): Promise<CreatedSecret> {
    const operation = `Creating a client secret for app ${shownAppId(appId)}`;
    const org = this.#http.org;
    assertAppId(appId, operation, org);
    const before = opts.listedBefore ?? (await this.list(appId, signal));
    const idsBefore = before.map((s) => s.id);
    let answer: HttpResponse;
    try {
      answer = await this.#http.execute(
        {
          operation,
          method: 'POST',
          url: this.#http.url(`/api/v1/apps/${appId}/credentials/secrets`),
          body: { contentType: 'application/json', text: '{}' },
          tries: 1,
          appsBucket: true,
          authenticate: true,
        },
        signal,
      );
    } catch (e) {
      if (!outcomeUncertain(e)) throw e;
      return this.#reconcileCreate(operation, appId, idsBefore, e, signal);
    }
    let created: ClientSecret;
    try {
      created = remembered([parseResponse(operation, org, answer, ClientSecretSchema)])[0]!;
    } catch (e) {
      if (!isOktaError(e)) throw e;
      // Okta said 2xx, so a secret was probably created; the list says which.
      return this.#reconcileCreate(operation, appId, idsBefore, e, signal);
    }
    if (!created.client_secret) {
      throw new OktaError({
        kind: 'outcomeUnknown',
        operation,
        org,
        orphanSecretId: created.id,
        detail: `secret ${created.id} was created but Okta's answer did not include its value`,
        advice: `Deactivate and delete secret ${created.id} (its value is unknown), then create another.`,
      });
    }
    return created;
  }

  activate(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.#changeStatus(appId, secretId, 'ACTIVE', signal);
  }

  deactivate(appId: string, secretId: string, signal?: AbortSignal): Promise<ClientSecret> {
    return this.#changeStatus(appId, secretId, 'INACTIVE', signal);
  }

  async delete(appId: string, secretId: string, signal?: AbortSignal): Promise<void> {
    const operation = `Deleting client secret ${shownSecretId(secretId)} of app ${shownAppId(appId)}`;
    const org = this.#http.org;
    this.#checkIds(operation, appId, secretId);
    try {
      await this.#http.execute(
        {
          operation,
          method: 'DELETE',
          url: this.#secretUrl(appId, secretId),
          tries: 1,
          appsBucket: true,
          authenticate: true,
          notFoundAdvice: GONE_ADVICE,
        },
        signal,
      );
    } catch (first) {
      if (!outcomeUncertain(first)) throw first;
      try {
        await this.get(appId, secretId, signal);
      } catch (readError) {
        if (isOktaError(readError, 'notFound')) return; // it is gone: the delete happened
        throw unknownOutcome(operation, org, first, readError);
      }
      if (first.kind === 'serverError') throw first; // Okta said it failed, and the secret is still there
      throw unknownOutcome(
        operation,
        org,
        first,
        undefined,
        `secret ${secretId} still exists after the connection was lost; the delete may not have reached Okta`,
      );
    }
  }

  #secretUrl(appId: string, secretId: string): URL {
    return this.#http.url(`/api/v1/apps/${appId}/credentials/secrets/${secretId}`);
  }

  #checkIds(operation: string, appId: string, secretId: string): void {
    assertAppId(appId, operation, this.#http.org);
    assertSecretId(secretId, operation, this.#http.org);
  }

  async #changeStatus(
    appId: string,
    secretId: string,
    target: 'ACTIVE' | 'INACTIVE',
    signal?: AbortSignal,
  ): Promise<ClientSecret> {
    const verb = target === 'ACTIVE' ? 'activate' : 'deactivate';
    const operation = `${target === 'ACTIVE' ? 'Activating' : 'Deactivating'} client secret ${shownSecretId(secretId)} of app ${shownAppId(appId)}`;
    const org = this.#http.org;
    this.#checkIds(operation, appId, secretId);
    try {
      const res = await this.#http.execute(
        {
          operation,
          method: 'POST',
          url: this.#http.url(`/api/v1/apps/${appId}/credentials/secrets/${secretId}/lifecycle/${verb}`),
          tries: 1,
          appsBucket: true,
          authenticate: true,
          notFoundAdvice: GONE_ADVICE,
        },
        signal,
      );
      return remembered([parseResponse(operation, org, res, ClientSecretSchema)])[0]!;
    } catch (first) {
      if (!outcomeUncertain(first)) throw first;
      // Activation and deactivation are idempotent: what matters is the state Okta holds now.
      let observed: ClientSecret;
      try {
        observed = await this.get(appId, secretId, signal);
      } catch (readError) {
        throw unknownOutcome(operation, org, first, readError);
      }
      if (observed.status === target) return observed;
      if (first.kind === 'serverError') throw first;
      throw unknownOutcome(
        operation,
        org,
        first,
        undefined,
        `secret ${secretId} is still ${observed.status} after the answer was lost; it is safe to try again`,
      );
    }
  }

  async #reconcileCreate(
    operation: string,
    appId: string,
    idsBefore: readonly string[],
    first: OktaError,
    signal?: AbortSignal,
  ): Promise<CreatedSecret> {
    let after: ClientSecret[];
    try {
      after = await this.list(appId, signal);
    } catch (readError) {
      throw unknownOutcome(
        operation,
        this.#http.org,
        first,
        readError,
        `${first.detail ?? first.kind}, and listing the secrets to check failed too`,
      );
    }
    return lostCreateOutcome(operation, this.#http.org, first, findCreatedSecret(idsBefore, after));
  }
}
