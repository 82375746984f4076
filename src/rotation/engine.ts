// The rotation engine: runs the steps of steps.ts against Okta through the RotationOkta port, records every
// transition in the journal before anything else can happen, and resumes from the journal after a crash.
//
// Rules that hold everywhere below:
// - The journal is saved after every transition; a step is marked running (and saved) before its first call.
// - A mutating step first reads Okta's state and acts only on what still needs doing, so running it again, or
//   resuming it after a crash, never deactivates, deletes or creates twice.
// - The new secret's value goes to the PendingSecretStore the moment the create returns, before the journal
//   says the step is done. It never enters the journal, a snapshot, a result or a message.
import { randomUUID } from 'node:crypto';
import { isOktaError, OktaError } from '../okta/errors.ts';
import type { ClientSecret, WorkflowsApp } from '../okta/schemas.ts';
import { shownSecretId } from '../okta/ids.ts';
import { describeIssues } from '../okta/schemaIssues.ts';
import { maskSecret, redact } from '../redact.ts';
import { isRotationError, JournalStoreFailure, RotationError, staleJournalError } from './errors.ts';
import {
  constantTimeEquals,
  deactivationAllowed,
  DEFAULT_PREVIEW_RECENCY_DAYS,
  evaluateProductionGuard,
  productionGuardPending,
} from './guards.ts';
import { cloneJournal, JOURNAL_VERSION, parseJournal, revisionOf } from './journal.ts';
import type {
  ConnectionMode,
  Environment,
  RotationJournal,
  SecretRef,
  StepError,
  StepRecord,
  SummaryValue,
} from './journal.ts';
import type { Clock, RotationOkta } from './port.ts';
import { systemClock } from './port.ts';
import { buildSnapshot, computeNextActions, currentStepOf, isOffered, RotationActionSchema } from './snapshot.ts';
import type { RotationAction, RotationSnapshot } from './snapshot.ts';
import { SKIPPED_WHEN_REAUTHORIZING, STEP_IDS, STEP_INFO } from './steps.ts';
import type { StepId } from './steps.ts';
import type { PendingSecretStore, RotationJournalStore } from './stores.ts';

export interface RotationDeps {
  okta: RotationOkta;
  journals: RotationJournalStore;
  secrets: PendingSecretStore;
  clock?: Clock;
  /** A production rotation warns when no preview org completed one within this many days (default 30). */
  previewRecencyDays?: number;
  newRotationId?: () => string;
}

export interface StartRotation {
  org: { host: string; baseUrl: string };
  environment: Environment;
  /** The Workflows OAuth app as found by the client (findWorkflowsApp); the lock is per org + app id. */
  app: WorkflowsApp;
}

/** What perform() resolves to. Refusals and step failures are outcomes, not exceptions. */
export type ActionOutcome = { ok: true } | { ok: false; cancelled?: boolean; error: StepError };

export type SnapshotListener = (snapshot: RotationSnapshot) => void;

/** A step's end: done, or back to pending awaiting the person (with what was found). */
type StepEnd = { state: 'done' | 'pending'; result?: Record<string, SummaryValue> };

const ref = (s: ClientSecret): SecretRef => ({
  id: s.id,
  status: s.status,
  masked: maskSecret(s.client_secret ?? ''),
  created: s.created,
});

export class RotationEngine {
  #journal: RotationJournal;
  readonly #deps: RotationDeps;
  readonly #clock: Clock;
  readonly #listeners = new Set<SnapshotListener>();
  #busy = false;
  /** Set when a save was refused as stale: this engine performs nothing more (another window drives it). */
  #stale: RotationError | undefined;

  private constructor(journal: RotationJournal, deps: RotationDeps) {
    this.#journal = journal;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
  }

  /**
   * Starts a rotation of `params.app`. Throws RotationError 'alreadyRunning' (naming the other rotation) when a
   * rotation of the same app in the same org is still in progress, in this window or another sharing the store.
   */
  static async start(params: StartRotation, deps: RotationDeps): Promise<RotationEngine> {
    const clock = deps.clock ?? systemClock;
    const now = clock.now();
    const history = await deps.journals.list();
    const guard = evaluateProductionGuard(
      params.environment,
      history,
      now,
      deps.previewRecencyDays ?? DEFAULT_PREVIEW_RECENCY_DAYS,
    );
    const iso = now.toISOString();
    const steps = Object.fromEntries(STEP_IDS.map((id) => [id, { state: 'pending' }])) as Record<StepId, StepRecord>;
    const journal = parseJournal({
      version: JOURNAL_VERSION,
      rotationId: (deps.newRotationId ?? randomUUID)(),
      org: { host: params.org.host, baseUrl: params.org.baseUrl },
      environment: params.environment,
      app: appRecord(params.app),
      createdAt: iso,
      updatedAt: iso,
      outcome: 'inProgress',
      steps,
      preflight: { secrets: [], needsInUseIdentification: false, retired: [] },
      deactivated: [],
      deleted: [],
      guards: { productionWithoutPreview: guard },
      report: [],
    });
    const holder = await deps.journals.claim(journal);
    if (holder) {
      const at = currentStepOf(holder);
      throw new RotationError(
        'alreadyRunning',
        `A rotation of app ${holder.app.id} in ${holder.org.host} is already in progress (rotation ${holder.rotationId}, started ${holder.createdAt}${at ? `, at step "${STEP_INFO[at].label}"` : ''}). Resume or abandon it before starting another.`,
      );
    }
    return new RotationEngine(journal, deps);
  }

  /**
   * Rebuilds an engine from a journal (or its id). A step found running was interrupted: it is re-checked
   * against Okta (never redone blindly) and ends done when its effect is there, pending otherwise.
   */
  static async resume(
    journalOrId: RotationJournal | string,
    deps: RotationDeps,
    signal?: AbortSignal,
  ): Promise<RotationEngine> {
    const loaded = typeof journalOrId === 'string' ? await deps.journals.load(journalOrId) : cloneJournal(journalOrId);
    if (!loaded)
      throw new RotationError('journalNotFound', `No rotation journal with id ${String(journalOrId)} was found.`);
    const engine = new RotationEngine(loaded, deps);
    await engine.#reconcileAfterLoad(signal);
    return engine;
  }

  get rotationId(): string {
    return this.#journal.rotationId;
  }

  /** A copy of the journal (plain data, no secret). */
  journal(): RotationJournal {
    return cloneJournal(this.#journal);
  }

  snapshot(): RotationSnapshot {
    return buildSnapshot(this.#journal, this.#busy);
  }

  /** Calls `listener` with a fresh snapshot after every change. Returns the function that unsubscribes. */
  onDidChange(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The new secret's value, for a "copy to clipboard" command only. Undefined once the rotation ended. */
  async newSecretValue(): Promise<string | undefined> {
    return this.#journal.newSecret ? this.#deps.secrets.get(this.#journal.rotationId) : undefined;
  }

  /**
   * Performs one of the snapshot's nextActions. Resolves to an outcome (refusals and step failures included);
   * rejects only when the journal store fails, since then no state can be recorded.
   */
  async perform(input: unknown, signal?: AbortSignal): Promise<ActionOutcome> {
    const parsed = RotationActionSchema.safeParse(input);
    if (!parsed.success) {
      return refused(
        'invalidAction',
        `The action is not one the rotation understands (${describeIssues(parsed.error.issues, 1)}).`,
      );
    }
    const action = parsed.data;
    if (this.#stale) return refused('staleJournal', this.#stale.message);
    if (this.#busy) return refused('busy', `${this.#where()}: a step is running; wait for it or cancel it.`);
    this.#busy = true;
    let started = false;
    try {
      // Another window may have driven this rotation since this engine read it: refuse before touching Okta.
      if (await this.#savedElsewhere()) return refused('staleJournal', this.#stale!.message);
      const offered = computeNextActions(this.#journal);
      if (!isOffered(action, offered)) {
        return refused(
          'actionNotAvailable',
          `${this.#where()}: "${describe(action)}" is not possible now. Possible: ${offered.map((a) => describe(a as RotationAction)).join(', ') || 'nothing'}.`,
        );
      }
      started = true;
      this.#emit();
      return await this.#dispatch(action, signal);
    } catch (e) {
      if (e instanceof JournalStoreFailure) {
        // A save refused as stale changed nothing here: this engine stops, the other window drives the rotation.
        if (isRotationError(e.cause, 'staleJournal')) return refused('staleJournal', e.cause.message);
        throw e.cause;
      }
      throw e;
    } finally {
      this.#busy = false;
      if (started) this.#emit();
    }
  }

  /** True (and this engine stopped) when the stored journal has moved past the one this engine holds. */
  async #savedElsewhere(): Promise<boolean> {
    let stored: RotationJournal | undefined;
    try {
      stored = await this.#deps.journals.load(this.#journal.rotationId);
    } catch {
      return false; // an early courtesy check only: the save's compare-and-swap is the guard
    }
    if (stored === undefined || revisionOf(stored) === revisionOf(this.#journal)) return false;
    this.#stale = staleJournalError(this.#journal);
    return true;
  }

  // ---- dispatch -------------------------------------------------------------------------------------------

  async #dispatch(action: RotationAction, signal: AbortSignal | undefined): Promise<ActionOutcome> {
    switch (action.type) {
      case 'acknowledge':
        await this.#update((j) => {
          if (j.guards.productionWithoutPreview) j.guards.productionWithoutPreview.acknowledgedAt = this.#now();
        });
        return { ok: true };
      case 'override':
        await this.#update((j) => {
          j.guards.unverifiedOverride = { at: this.#now(), verificationOutcome: j.verification?.outcome ?? 'none' };
          const v = j.steps.verifyNewSecret;
          if (v.state !== 'done') {
            j.steps.verifyNewSecret = {
              ...v,
              state: 'skipped',
              endedAt: this.#now(),
              result: { ...v.result, overridden: true },
            };
          }
        });
        return { ok: true };
      case 'chooseMode':
        await this.#update((j) => this.#applyMode(j, action.mode));
        return { ok: true };
      case 'confirm':
        return this.#confirm(action.step);
      case 'run':
        return this.#run(action.step, signal);
      case 'retire':
        return this.#runStep('preflight', signal, (s) => this.#retire(action.secretId, s));
      case 'identifyInUse':
        return this.#runStep('preflight', signal, (s) => this.#identifyInUse(action.value, s));
      case 'rollback':
        return this.#rollback(signal);
      case 'abandon':
        return this.#abandon();
    }
  }

  #applyMode(j: RotationJournal, mode: ConnectionMode): void {
    j.mode = mode;
    for (const id of SKIPPED_WHEN_REAUTHORIZING) {
      j.steps[id] =
        mode === 'reauthorize'
          ? { state: 'skipped', endedAt: this.#now(), result: { reason: 'reauthorized' } }
          : { state: 'pending' };
    }
  }

  async #confirm(step: StepId): Promise<ActionOutcome> {
    if (step === 'identifyOld') {
      const j = this.#journal;
      const newId = j.newSecret?.id;
      const old = (j.identify?.candidates ?? []).map((c) => c.id).filter((id) => id !== newId);
      await this.#update((jj) => {
        jj.oldSecretIds = old;
        jj.steps.identifyOld = {
          ...jj.steps.identifyOld,
          state: 'done',
          endedAt: this.#now(),
          result: { ...jj.steps.identifyOld.result, confirmed: true },
        };
        if (old.length === 0) {
          for (const id of ['deactivateOld', 'deleteOld'] as const) {
            jj.steps[id] = { state: 'skipped', endedAt: this.#now(), result: { reason: 'no old active secret' } };
          }
        }
      });
      return { ok: true };
    }
    await this.#update((j) => {
      j.steps[step] = {
        state: 'done',
        startedAt: j.steps[step].startedAt ?? this.#now(),
        endedAt: this.#now(),
        result: { confirmedBy: 'person' },
      };
    });
    return { ok: true };
  }

  #run(step: StepId, signal: AbortSignal | undefined): Promise<ActionOutcome> {
    if (productionGuardPending(this.#journal)) {
      return Promise.resolve(
        refused('guard', `${this.#where()}: this production org needs the preview warning acknowledged first.`),
      );
    }
    switch (step) {
      case 'preflight':
        return this.#runStep(step, signal, (s) => this.#preflight(s));
      case 'recordInUse':
        return this.#runStep(step, signal, async () => this.#recordInUse());
      case 'createSecret':
        return this.#runStep(step, signal, (s) => this.#createSecret(s));
      case 'verifyNewSecret':
        return this.#runStep(step, signal, (s) => this.#verifyNewSecret(s));
      case 'identifyOld':
        return this.#runStep(step, signal, (s) => this.#identifyOld(s));
      case 'deactivateOld':
        if (!deactivationAllowed(this.#journal)) {
          return Promise.resolve(
            refused(
              'guard',
              `${this.#where()}: the new secret has not verified as valid; verify it, or override explicitly.`,
            ),
          );
        }
        return this.#runStep(step, signal, (s) => this.#deactivateOld(s));
      case 'deleteOld':
        return this.#runStep(step, signal, (s) => this.#deleteOld(s));
      case 'finish':
        return this.#runStep(step, signal, async () => this.#finish());
      default:
        return Promise.resolve(
          refused('actionNotAvailable', `"${STEP_INFO[step].label}" is done by a person and confirmed.`),
        );
    }
  }

  /** Marks `step` running, runs `body`, records its end. Cancellation returns the step to pending. */
  async #runStep(
    step: StepId,
    signal: AbortSignal | undefined,
    body: (signal?: AbortSignal) => Promise<StepEnd>,
  ): Promise<ActionOutcome> {
    await this.#update((j) => {
      const { error: _e, endedAt: _x, ...rest } = j.steps[step];
      j.steps[step] = { ...rest, state: 'running', startedAt: this.#now() };
    });
    try {
      signal?.throwIfAborted();
      const end = await body(signal);
      await this.#update((j) => {
        j.steps[step] = {
          state: end.state,
          ...(j.steps[step].startedAt ? { startedAt: j.steps[step].startedAt } : {}),
          ...(end.state === 'done' ? { endedAt: this.#now() } : {}),
          ...(end.result ? { result: end.result } : j.steps[step].result ? { result: j.steps[step].result } : {}),
        };
      });
      return { ok: true };
    } catch (e) {
      if (e instanceof JournalStoreFailure) throw e;
      const error = this.#toStepError(e);
      const cancelled = signal?.aborted === true || isOktaError(e, 'cancelled');
      // A refusal during a wait for the person (a wrong pasted value) leaves the preflight pending, not failed.
      const backToPending = cancelled || isRotationError(e, 'secretMismatch');
      await this.#update((j) => {
        const { startedAt, result } = j.steps[step];
        j.steps[step] = backToPending
          ? { state: 'pending', ...(result ? { result } : {}) }
          : {
              state: 'failed',
              ...(startedAt ? { startedAt } : {}),
              endedAt: this.#now(),
              ...(result ? { result } : {}),
              error,
            };
      });
      return cancelled
        ? {
            ok: false,
            cancelled: true,
            error: {
              kind: 'cancelled',
              message: `${STEP_INFO[step].label}: cancelled. Nothing is lost; run it again when ready.`,
            },
          }
        : { ok: false, error };
    }
  }

  // ---- steps ----------------------------------------------------------------------------------------------

  async #preflight(signal?: AbortSignal): Promise<StepEnd> {
    const { okta } = this.#deps;
    const app = await okta.findWorkflowsApp({ appId: this.#journal.app.id }, signal);
    if (app.id !== this.#journal.app.id) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: Okta answered with app ${app.id} instead. Start the rotation again from the org.`,
      );
    }
    await this.#update((j) => {
      j.app = appRecord(app);
    });
    return this.#assessSecrets(await okta.listSecrets(app.id, signal));
  }

  /** The preflight's judgement of the app's secrets: done, or pending with what the person must decide. */
  async #assessSecrets(secrets: ClientSecret[]): Promise<StepEnd> {
    const active = secrets.filter((s) => s.status === 'ACTIVE');
    const inactive = secrets.filter((s) => s.status === 'INACTIVE');
    const known = this.#journal.preflight.inUseSecretId;
    if (active.length === 0 || secrets.length > 2) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()} has ${active.length} active and ${inactive.length} inactive client secrets; a rotation needs one or two, with one active. Check the app in the Admin Console.`,
      );
    }
    if (known !== undefined && !active.some((s) => s.id === known)) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: the secret identified as in use (${known}) is no longer active. Check the Workflows connection and the app in the Admin Console.`,
      );
    }
    let inUse: ClientSecret | undefined;
    let retire: { id: string; masked: string; reason: 'inactive' | 'notInUse' } | undefined;
    let needsIdentification = false;
    if (active.length === 1) {
      inUse = active[0];
      const other = inactive[0];
      if (other) retire = { id: other.id, masked: maskSecret(other.client_secret ?? ''), reason: 'inactive' };
    } else if (known !== undefined) {
      inUse = active.find((s) => s.id === known);
      const other = active.find((s) => s.id !== known);
      if (other) retire = { id: other.id, masked: maskSecret(other.client_secret ?? ''), reason: 'notInUse' };
    } else {
      needsIdentification = true;
    }
    await this.#update((j) => {
      j.preflight.secrets = secrets.map(ref);
      j.preflight.needsInUseIdentification = needsIdentification;
      if (inUse) j.preflight.inUseSecretId = inUse.id;
      if (retire) j.preflight.retireCandidate = retire;
      else delete j.preflight.retireCandidate;
    });
    const result: Record<string, SummaryValue> = {
      appId: this.#journal.app.id,
      clientId: this.#journal.app.clientId,
      active: active.length,
      inactive: inactive.length,
      secretIds: secrets.map((s) => s.id),
      ...(inUse ? { inUseSecretId: inUse.id, inUseMasked: maskSecret(inUse.client_secret ?? '') } : {}),
    };
    if (needsIdentification) {
      return {
        state: 'pending',
        result: { ...result, waitingFor: 'Paste the value of the secret the Workflows connection uses' },
      };
    }
    if (retire) {
      return {
        state: 'pending',
        result: {
          ...result,
          retireSecretId: retire.id,
          waitingFor: `Confirm retiring ${retire.id} (${retire.reason === 'inactive' ? 'inactive' : 'not in use'})`,
        },
      };
    }
    return { state: 'done', result };
  }

  async #identifyInUse(value: string, signal?: AbortSignal): Promise<StepEnd> {
    const secrets = await this.#deps.okta.listSecrets(this.#journal.app.id, signal);
    const active = secrets.filter((s) => s.status === 'ACTIVE');
    if (active.some((s) => s.client_secret === undefined)) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: Okta listed the secrets without their values, so the pasted value cannot be compared. Identify the secret in the Admin Console instead.`,
      );
    }
    const matches = active.filter((s) => constantTimeEquals(s.client_secret ?? '', value));
    if (matches.length !== 1) {
      throw new RotationError(
        'secretMismatch',
        `${this.#where()}: the pasted value matches none of the ${active.length} active secrets. Copy the client secret from the Okta connection the flows use and paste it exactly.`,
      );
    }
    const match = matches[0] as ClientSecret;
    await this.#update((j) => {
      j.preflight.inUseSecretId = match.id;
    });
    return this.#assessSecrets(secrets);
  }

  async #retire(secretId: string, signal?: AbortSignal): Promise<StepEnd> {
    const { okta } = this.#deps;
    const j = this.#journal;
    if (secretId === j.preflight.inUseSecretId || secretId !== j.preflight.retireCandidate?.id) {
      throw new RotationError(
        'guard',
        `${this.#where()}: secret ${secretId} is not the one offered for retirement; the secret in use is never retired.`,
      );
    }
    const appId = j.app.id;
    let secrets = await okta.listSecrets(appId, signal);
    const target = secrets.find((s) => s.id === secretId);
    if (target?.status === 'ACTIVE') {
      const otherActive = secrets.some((s) => s.status === 'ACTIVE' && s.id === j.preflight.inUseSecretId);
      if (!otherActive)
        throw new RotationError(
          'guard',
          `${this.#where()}: the secret in use is not active, so ${secretId} is not retired.`,
        );
      await okta.deactivateSecret(appId, secretId, signal);
    }
    if (target) await this.#deleteIgnoringNotFound(appId, secretId, signal);
    secrets = secrets.filter((s) => s.id !== secretId);
    await this.#update((jj) => {
      if (!jj.preflight.retired.includes(secretId)) jj.preflight.retired.push(secretId);
      delete jj.preflight.retireCandidate;
    });
    const end = await this.#assessSecrets(secrets);
    return { ...end, result: { ...end.result, retired: [...this.#journal.preflight.retired] } };
  }

  async #recordInUse(): Promise<StepEnd> {
    const p = this.#journal.preflight;
    const inUse = p.secrets.find((s) => s.id === p.inUseSecretId);
    if (!inUse)
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: the preflight did not identify the secret in use. Check the org again.`,
      );
    await this.#update((j) => {
      j.inUse = { ...inUse, status: 'ACTIVE' };
    });
    return {
      state: 'done',
      result: { secretId: inUse.id, masked: inUse.masked, ...(inUse.created ? { created: inUse.created } : {}) },
    };
  }

  async #createSecret(signal?: AbortSignal): Promise<StepEnd> {
    const { okta } = this.#deps;
    const appId = this.#journal.app.id;
    // One list serves both: reconciling an earlier try, and the pre-create list taken just before the POST.
    const list = await okta.listSecrets(appId, signal);
    const adopted = await this.#reconcileCreate(list);
    if (adopted) return adopted;
    const inUseId = this.#journal.inUse?.id;
    if (!list.some((s) => s.id === inUseId && s.status === 'ACTIVE')) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: the secret in use (${inUseId ?? 'unknown'}) is no longer active. Nothing was created. Check the app in the Admin Console.`,
      );
    }
    if (list.length >= 2) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()} already has two secrets (${list.map((s) => s.id).join(', ')}), perhaps created by someone else. Nothing was created. Delete the one not in use, then run this step again.`,
      );
    }
    await this.#update((j) => {
      j.create = { preCreateSecretIds: list.map((s) => s.id) };
    });
    const created = await okta.createSecret(appId, signal);
    return this.#adoptNewSecret(created, created.recovered === true);
  }

  /**
   * After an interrupted or failed create: a secret id outside the recorded pre-create list is the new one.
   * Returns the step's end when it was found, undefined when nothing was created (safe to create).
   */
  async #reconcileCreate(secrets: ClientSecret[]): Promise<StepEnd | undefined> {
    const pre = this.#journal.create?.preCreateSecretIds;
    if (!pre) return undefined;
    const fresh = secrets.filter((s) => !pre.includes(s.id));
    if (fresh.length > 1) {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: several new secrets appeared (${fresh.map((s) => s.id).join(', ')}); someone else is changing this app. Check it in the Admin Console.`,
      );
    }
    const found = fresh[0];
    return found ? this.#adoptNewSecret(found, true) : undefined;
  }

  async #adoptNewSecret(secret: ClientSecret, recovered: boolean): Promise<StepEnd> {
    const { secrets } = this.#deps;
    const id = this.#journal.rotationId;
    const value = secret.client_secret ?? (await secrets.get(id));
    if (value === undefined || value === '') {
      throw new RotationError(
        'secretValueLost',
        `${this.#where()}: secret ${secret.id} was created but its value could not be recovered. Delete ${secret.id} in the Admin Console (the app's Client secrets), then run this step again.`,
      );
    }
    // The value is safe in the secret store before the journal says the secret exists.
    await secrets.store(id, value);
    const newRef: SecretRef = { ...ref({ ...secret, client_secret: value }) };
    await this.#update((j) => {
      j.newSecret = newRef;
    });
    return {
      state: 'done',
      result: { secretId: secret.id, masked: newRef.masked, created: secret.created, recovered },
    };
  }

  async #verifyNewSecret(signal?: AbortSignal): Promise<StepEnd> {
    const j = this.#journal;
    const value = await this.#deps.secrets.get(j.rotationId);
    if (!value) {
      throw new RotationError(
        'secretValueLost',
        `${this.#where()}: the new secret's value is no longer in secure storage, so it cannot be verified. Check the new connection in the Workflows console, then override.`,
      );
    }
    const probe = await this.#deps.okta.verifyClientSecret(workflowsApp(j), value, signal);
    const reason = redact(probe.reason, [value]);
    await this.#update((jj) => {
      jj.verification = {
        outcome: probe.outcome,
        reason,
        ...(probe.status !== undefined ? { status: probe.status } : {}),
        at: this.#now(),
      };
    });
    if (probe.outcome !== 'valid') {
      throw new RotationError(
        'verificationFailed',
        probe.outcome === 'invalid'
          ? `${this.#where()}: the new secret ${j.newSecret?.id ?? ''} was refused by the token endpoint (${reason}). Do not retire the old secret; check the secret in the Admin Console, then verify again.`
          : `${this.#where()}: the new secret ${j.newSecret?.id ?? ''} could not be checked (${reason}). Verify again in a moment.`,
      );
    }
    return { state: 'done', result: { outcome: probe.outcome, reason, secretId: j.newSecret?.id ?? null } };
  }

  async #identifyOld(signal?: AbortSignal): Promise<StepEnd> {
    const secrets = await this.#deps.okta.listSecrets(this.#journal.app.id, signal);
    const newId = this.#requireNewSecretActive(secrets);
    const candidates = secrets.filter((s) => s.status === 'ACTIVE' && s.id !== newId).map(ref);
    await this.#update((j) => {
      j.identify = { candidates, listedAt: this.#now() };
    });
    const inUseId = this.#journal.inUse?.id;
    return {
      state: 'pending',
      result: {
        candidateIds: candidates.map((c) => c.id),
        candidatesMasked: candidates.map((c) => c.masked),
        newSecretId: newId,
        matchesRecordedInUse: candidates.length === 1 && candidates[0]?.id === inUseId,
      },
    };
  }

  async #deactivateOld(signal?: AbortSignal): Promise<StepEnd> {
    const { okta } = this.#deps;
    const appId = this.#journal.app.id;
    const secrets = await okta.listSecrets(appId, signal);
    const newId = this.#requireNewSecretActive(secrets);
    for (const oldId of this.#oldIds()) {
      if (oldId === newId)
        throw new RotationError('guard', `${this.#where()}: refusing to deactivate ${oldId}: it is the new secret.`);
      const current = secrets.find((s) => s.id === oldId);
      if (current?.status === 'ACTIVE') await okta.deactivateSecret(appId, oldId, signal);
      await this.#update((j) => {
        if (!j.deactivated.includes(oldId)) j.deactivated.push(oldId);
      });
    }
    return { state: 'done', result: { deactivated: [...this.#journal.deactivated] } };
  }

  async #deleteOld(signal?: AbortSignal): Promise<StepEnd> {
    const appId = this.#journal.app.id;
    const newId = this.#journal.newSecret?.id;
    for (const oldId of this.#oldIds()) {
      if (oldId === newId)
        throw new RotationError('guard', `${this.#where()}: refusing to delete ${oldId}: it is the new secret.`);
      if (this.#journal.deleted.includes(oldId)) continue;
      await this.#deleteIgnoringNotFound(appId, oldId, signal);
      await this.#update((j) => {
        j.deleted.push(oldId);
      });
    }
    return { state: 'done', result: { deleted: [...this.#journal.deleted] } };
  }

  async #finish(): Promise<StepEnd> {
    await this.#deps.secrets.delete(this.#journal.rotationId);
    await this.#end('completed', [
      `Rotation completed: secret ${this.#journal.newSecret?.id ?? '?'} is in use; ${this.#journal.deleted.length > 0 ? `old secret ${this.#journal.deleted.join(', ')} deleted` : 'no old secret was deleted'}.`,
    ]);
    return { state: 'done', result: { valueWiped: true } };
  }

  async #rollback(signal?: AbortSignal): Promise<ActionOutcome> {
    await this.#update((j) => {
      j.rollback = { state: 'running', startedAt: this.#now(), reactivated: [] };
    });
    try {
      const { okta } = this.#deps;
      const appId = this.#journal.app.id;
      const secrets = await okta.listSecrets(appId, signal);
      for (const oldId of this.#journal.deactivated) {
        const current = secrets.find((s) => s.id === oldId);
        if (!current)
          throw new RotationError(
            'unexpectedState',
            `${this.#where()}: old secret ${oldId} no longer exists; it cannot be reactivated.`,
          );
        if (current.status === 'INACTIVE') await okta.activateSecret(appId, oldId, signal);
        await this.#update((j) => {
          j.rollback?.reactivated.push(oldId);
        });
      }
      await this.#completeRollback();
      return { ok: true };
    } catch (e) {
      if (e instanceof JournalStoreFailure) throw e;
      const cancelled = signal?.aborted === true || isOktaError(e, 'cancelled');
      await this.#update((j) => {
        delete j.rollback;
      });
      return cancelled
        ? {
            ok: false,
            cancelled: true,
            error: { kind: 'cancelled', message: 'Rollback cancelled; it can be started again.' },
          }
        : { ok: false, error: this.#toStepError(e) };
    }
  }

  async #completeRollback(): Promise<void> {
    const j = this.#journal;
    await this.#deps.secrets.delete(j.rotationId);
    await this.#update((jj) => {
      if (jj.rollback) {
        jj.rollback.state = 'done';
        jj.rollback.endedAt = this.#now();
      }
    });
    await this.#end('rolledBack', [
      `Rolled back: old secret ${j.deactivated.join(', ')} reactivated.`,
      ...(j.newSecret
        ? [
            `The new secret ${j.newSecret.id} stays ACTIVE in Okta; delete it in the Admin Console once no connection uses it.`,
          ]
        : []),
    ]);
  }

  async #abandon(): Promise<ActionOutcome> {
    await this.#deps.secrets.delete(this.#journal.rotationId);
    const n = this.#journal.newSecret;
    await this.#end('abandoned', [
      n
        ? `Abandoned: the new secret ${n.id} stays ACTIVE in Okta; its stored value was wiped.`
        : 'Abandoned before a secret was created; nothing changed in Okta.',
    ]);
    return { ok: true };
  }

  /** Ends the rotation: remaining steps skipped, outcome recorded, lock released. */
  async #end(outcome: 'completed' | 'rolledBack' | 'abandoned', report: string[]): Promise<void> {
    await this.#update((j) => {
      j.outcome = outcome;
      j.endedAt = this.#now();
      j.report.push(...report);
      for (const id of STEP_IDS) {
        const s = j.steps[id];
        if (s.state === 'pending' || s.state === 'failed')
          j.steps[id] = { ...s, state: 'skipped', result: { ...s.result, reason: outcome } };
        if (id === 'finish' && outcome === 'completed')
          j.steps.finish = { ...j.steps.finish, state: 'done', endedAt: this.#now(), result: { valueWiped: true } };
      }
    });
    await this.#deps.journals.release(this.#journal);
  }

  // ---- resume ---------------------------------------------------------------------------------------------

  async #reconcileAfterLoad(signal?: AbortSignal): Promise<void> {
    const j = this.#journal;
    if (j.outcome !== 'inProgress') return;
    try {
      if (j.rollback?.state === 'running') {
        await this.#reconcileRollback(signal);
        return;
      }
      const running = STEP_IDS.find((id) => j.steps[id].state === 'running');
      if (running === undefined) return;
      const end = await this.#recheck(running, signal);
      await this.#update((jj) => {
        const { startedAt, result } = jj.steps[running];
        const keep = {
          ...(startedAt ? { startedAt } : {}),
          ...((end?.result ?? result) ? { result: end?.result ?? result } : {}),
        };
        jj.steps[running] =
          end?.state === 'done' ? { state: 'done', ...keep, endedAt: this.#now() } : { state: 'pending', ...keep };
      });
    } catch (e) {
      if (e instanceof JournalStoreFailure) throw e.cause;
      const error = this.#toStepError(e);
      await this.#update((jj) => {
        const running = STEP_IDS.find((id) => jj.steps[id].state === 'running');
        if (running) {
          jj.steps[running] = {
            ...jj.steps[running],
            state: 'failed',
            endedAt: this.#now(),
            error: {
              ...error,
              message: `Checking what happened after the interruption failed: ${error.message} Run the step again: it re-checks first.`,
            },
          };
        }
        if (jj.rollback?.state === 'running') delete jj.rollback;
      });
    }
  }

  /** What Okta says about a step that was running when the engine stopped: done (with result) or not. */
  async #recheck(step: StepId, signal?: AbortSignal): Promise<StepEnd | undefined> {
    const { okta } = this.#deps;
    const j = this.#journal;
    switch (step) {
      case 'createSecret':
        return this.#reconcileCreate(await okta.listSecrets(j.app.id, signal));
      case 'deactivateOld': {
        const secrets = await okta.listSecrets(j.app.id, signal);
        const stillActive = this.#oldIds().filter((id) => secrets.some((s) => s.id === id && s.status === 'ACTIVE'));
        await this.#update((jj) => {
          for (const id of this.#oldIds())
            if (!stillActive.includes(id) && !jj.deactivated.includes(id)) jj.deactivated.push(id);
        });
        return stillActive.length === 0
          ? { state: 'done', result: { deactivated: [...this.#journal.deactivated] } }
          : undefined;
      }
      case 'deleteOld': {
        const secrets = await okta.listSecrets(j.app.id, signal);
        const remaining = this.#oldIds().filter((id) => secrets.some((s) => s.id === id));
        await this.#update((jj) => {
          for (const id of this.#oldIds()) if (!remaining.includes(id) && !jj.deleted.includes(id)) jj.deleted.push(id);
        });
        return remaining.length === 0 ? { state: 'done', result: { deleted: [...this.#journal.deleted] } } : undefined;
      }
      case 'finish':
        return this.#finish();
      default:
        // Reads, local steps and the preflight's retirement are safe to run again from pending.
        return undefined;
    }
  }

  async #reconcileRollback(signal?: AbortSignal): Promise<void> {
    const secrets = await this.#deps.okta.listSecrets(this.#journal.app.id, signal);
    const inactive = this.#journal.deactivated.filter(
      (id) => !secrets.some((s) => s.id === id && s.status === 'ACTIVE'),
    );
    if (inactive.length === 0) {
      await this.#update((j) => {
        if (j.rollback) j.rollback.reactivated = [...j.deactivated];
      });
      await this.#completeRollback();
    } else {
      await this.#update((j) => {
        delete j.rollback;
      });
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  #oldIds(): string[] {
    return this.#journal.oldSecretIds ?? [];
  }

  /** The new secret must be there and ACTIVE before anything old is touched. Returns its id. */
  #requireNewSecretActive(secrets: ClientSecret[]): string {
    const newId = this.#journal.newSecret?.id;
    const current = secrets.find((s) => s.id === newId);
    if (!newId || current?.status !== 'ACTIVE') {
      throw new RotationError(
        'unexpectedState',
        `${this.#where()}: the new secret ${newId ?? '(none)'} is ${current ? current.status : 'missing'} in Okta, so no old secret is touched. Activate it in the Admin Console, or roll back.`,
      );
    }
    return newId;
  }

  async #deleteIgnoringNotFound(appId: string, secretId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.#deps.okta.deleteSecret(appId, secretId, signal);
    } catch (e) {
      // Already deleted (by an earlier try whose answer was lost): the goal is reached.
      if (!isOktaError(e, 'notFound')) throw e;
    }
  }

  #where(): string {
    return `Rotation of app ${this.#journal.app.id} in ${this.#journal.org.host}`;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  #toStepError(e: unknown): StepError {
    if (e instanceof OktaError)
      return { kind: e.kind, message: e.message, ...(e.errorId ? { errorId: e.errorId } : {}) };
    if (e instanceof RotationError) return { kind: e.kind, message: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { kind: 'unexpected', message: redact(`${this.#where()}: ${message}`) };
  }

  /** Applies a change to the journal, saves it (compare-and-swap on the revision), then tells the listeners. */
  async #update(change: (journal: RotationJournal) => void): Promise<void> {
    const read = revisionOf(this.#journal);
    const next = cloneJournal(this.#journal);
    change(next);
    next.updatedAt = this.#now();
    next.revision = read + 1;
    const checked = parseJournal(next);
    try {
      await this.#deps.journals.save(checked, read);
    } catch (e) {
      if (isRotationError(e, 'staleJournal')) this.#stale = e;
      throw new JournalStoreFailure(e);
    }
    this.#journal = checked;
    this.#emit();
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch {
        // A broken listener must not break the rotation.
      }
    }
  }
}

function refused(kind: string, message: string): ActionOutcome {
  return { ok: false, error: { kind, message: redact(message) } };
}

function describe(action: RotationAction): string {
  switch (action.type) {
    case 'run':
    case 'confirm':
      return `${action.type} ${action.step}`;
    case 'chooseMode':
      return 'choose the connection mode';
    case 'retire':
      // The id comes from the page: shown only when it is an Okta secret id (a pasted secret must not echo).
      return `retire ${shownSecretId(action.secretId)}`;
    case 'override':
    case 'acknowledge':
      return `${action.type} ${action.guard}`;
    default:
      return action.type;
  }
}

function appRecord(app: WorkflowsApp): RotationJournal['app'] {
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    clientId: app.clientId,
    tokenEndpointAuthMethod: app.tokenEndpointAuthMethod,
    redirectUris: [...app.redirectUris],
  };
}

function workflowsApp(j: RotationJournal): WorkflowsApp {
  return { ...j.app, redirectUris: [...j.app.redirectUris] };
}
