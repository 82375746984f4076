// A campaign: every due org rotated together, each by the same engine rotation a single checklist runs. Bulk
// actions drive many rotations at once (bounded by maxConcurrentOrgs; each org's client waits out its own rate
// limit), one org's failure stays in its row and never stops the others, and a person's step is done from the
// org's row or its checklist, either way the same rotation. Its own small journal (campaignJournal.ts) says which
// orgs and rotations; the rest is in each rotation's journal, so a reload resumes it where it was.
import { randomUUID } from 'node:crypto';
import { toStepError } from '../../rotation/errors.ts';
import type { ActionOutcome } from '../../rotation/deps.ts';
import type { StepError } from '../../rotation/model/journal.ts';
import { systemClock } from '../../rotation/port.ts';
import { phaseApplies, type Phase } from '../../rotation/model/phases.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';
import { orgSignal } from './orgSignal.ts';
import { forEachBounded } from '../boundedConcurrency.ts';
import { CAMPAIGN_JOURNAL_VERSION, type CampaignJournal, type CampaignOrg } from './campaignJournal.ts';
import { campaignHistory, type HistoryLine } from '../../presentation/campaign/history.ts';
import type { CampaignRow } from '../../presentation/campaign/rowShape.ts';
import { campaignRow } from '../../presentation/campaign/rows.ts';
import { drivePhase, type PhaseEnd, type RotationHandle } from './drivePhase.ts';
import type { CampaignDeps } from './campaignDeps.ts';
import { planPhase, type PhasePlan } from './plan.ts';
import { performRowAction, type RotationRowAction } from './rowAction.ts';

export interface PhaseReport {
  phase: Phase;
  ends: Array<{ key: string; end: PhaseEnd }>;
}

export class Campaign {
  #journal: CampaignJournal;
  readonly #deps: CampaignDeps;
  readonly #snapshots = new Map<string, RotationSnapshot>();
  readonly #errors = new Map<string, StepError>();
  readonly #working = new Map<string, Phase>();
  readonly #listeners = new Set<() => void>();
  #saving: Promise<void> = Promise.resolve();

  private constructor(journal: CampaignJournal, deps: CampaignDeps) {
    this.#journal = journal;
    this.#deps = deps;
  }

  /** A new campaign over `orgs` (preview orgs first), saved before anything runs. */
  static async begin(deps: CampaignDeps, orgs: readonly CampaignOrg[], soakHours: number): Promise<Campaign> {
    const now = (deps.clock ?? systemClock).now().toISOString();
    const journal: CampaignJournal = {
      version: CAMPAIGN_JOURNAL_VERSION,
      campaignId: (deps.newId ?? randomUUID)(),
      createdAt: now,
      updatedAt: now,
      soakHours,
      orgs: [...orgs].sort((a, b) => Number(a.environment === 'production') - Number(b.environment === 'production')),
    };
    await deps.store.save(journal);
    return new Campaign(journal, deps);
  }

  /** The campaign in progress, from its journal, with its rotations as they stand; undefined when there is none. */
  static async resume(deps: CampaignDeps): Promise<Campaign | undefined> {
    const journal = await deps.store.load();
    if (!journal || journal.endedAt) return undefined;
    const campaign = new Campaign(journal, deps);
    await campaign.reload();
    return campaign;
  }

  get id(): string {
    return this.#journal.campaignId;
  }

  journal(): CampaignJournal {
    return structuredClone(this.#journal);
  }

  /** Reads every rotation's state again (a checklist may have moved it). */
  async reload(): Promise<void> {
    for (const org of this.#journal.orgs) {
      if (!org.rotationId || this.#working.has(org.key)) continue;
      const snap = await this.#deps.rotations.snapshot(org.rotationId);
      if (snap) this.#keep(org.key, snap);
    }
    this.#emit();
  }

  /** The latest snapshot of one rotation, pushed by whoever drove it (its checklist). */
  noteSnapshot(snapshot: RotationSnapshot): void {
    const org = this.#journal.orgs.find((o) => o.rotationId === snapshot.rotationId);
    if (!org) return;
    this.#keep(org.key, snapshot);
    this.#emit();
  }

  /** A row never goes back: a snapshot older than the one it shows (read from a journal a moment behind) is ignored. */
  #keep(key: string, snapshot: RotationSnapshot): void {
    const shown = this.#snapshots.get(key);
    if (shown && shown.rotationId === snapshot.rotationId && snapshot.updatedAt < shown.updatedAt) return;
    this.#snapshots.set(key, snapshot);
  }

  /** The org's rotation as the campaign last saw it. */
  snapshot(key: string): RotationSnapshot | undefined {
    return this.#snapshots.get(key);
  }

  rows(): CampaignRow[] {
    return this.#journal.orgs.map((o) => {
      const snapshot = this.#snapshots.get(o.key);
      const working = this.#working.get(o.key);
      const error = this.#errors.get(o.key);
      return campaignRow({
        key: o.key,
        label: o.label,
        environment: o.environment,
        ...(o.previewOrg ? { pairedWith: this.#labelOf(o.previewOrg) } : {}),
        ...(snapshot ? { snapshot } : {}),
        ...(working ? { working } : {}),
        ...(error ? { error } : {}),
        now: this.#now(),
      });
    });
  }

  /** What the rotations' journals recorded to look back on: endings and acknowledgements, newest first. */
  history(): HistoryLine[] {
    return campaignHistory(
      this.#journal.orgs.map((o) => {
        const snapshot = this.#snapshots.get(o.key);
        return { label: o.label, ...(snapshot ? { snapshot } : {}) };
      }),
      (host) => this.#labelOf(host),
      this.#now(),
    );
  }

  /** Every org's rotation ended (or the campaign has none). */
  get finished(): boolean {
    return this.#journal.orgs.every((o) => {
      const s = this.#snapshots.get(o.key);
      return s !== undefined && s.outcome !== 'inProgress';
    });
  }

  /** What `phase` would touch among `keys` (all orgs when omitted): for the one confirmation. */
  async plan(phase: Phase, keys?: readonly string[]): Promise<PhasePlan> {
    const orgs = this.#select(keys).map((o) => {
      const snapshot = this.#snapshots.get(o.key);
      return { ...o, ...(snapshot ? { snapshot } : {}) };
    });
    return planPhase(phase, orgs, {
      now: this.#now(),
      soakHours: this.#journal.soakHours,
      recencyDays: this.#deps.previewRecencyDays,
      history: phase === 'create' ? await this.#deps.history() : [],
      labelOf: (key) => this.#labelOf(key),
    });
  }

  /** Runs `phase` for every org among `keys` it applies to, preview orgs first, at most maxConcurrentOrgs at once. */
  async run(phase: Phase, keys?: readonly string[], signal?: AbortSignal): Promise<PhaseReport> {
    const targets = this.#select(keys).filter((o) => this.#applies(phase, o));
    const ends: PhaseReport['ends'] = [];
    await forEachBounded(
      targets,
      this.#deps.maxConcurrentOrgs,
      async (org) => {
        ends.push({ key: org.key, end: await this.#runOne(phase, org, signal) });
      },
      (org, e) => this.#fail(org, e),
      signal,
    );
    return { phase, ends };
  }

  /** A row's own action on the org's rotation: a manual step confirmed, an acknowledgement, a retry. */
  async act(key: string, action: RotationRowAction, bulk?: AbortSignal): Promise<ActionOutcome> {
    const org = this.#journal.orgs.find((o) => o.key === key);
    if (!org) return { ok: false, error: { kind: 'actionNotAvailable', message: `${key} is not in this campaign.` } };
    if (action.kind === 'run') {
      const end = await this.#runOne(action.phase, org, bulk);
      return end.ok ? { ok: true } : { ok: false, error: end.error };
    }
    if (!org.rotationId)
      return { ok: false, error: { kind: 'actionNotAvailable', message: `${org.label}: check the org first.` } };
    const own = orgSignal(bulk);
    try {
      const { signal } = own;
      const handle = await this.#deps.rotations.handle(org, org.rotationId, signal);
      const outcome = await performRowAction(handle, action, signal);
      // After the person's last step, the extension finishes (wipes the value, closes the rotation): no Okta call.
      if (outcome.ok && handle.snapshot().currentStep === 'finish') await drivePhase(handle, 'delete', signal);
      this.#settle(org, handle, outcome.ok ? undefined : outcome.error);
      return outcome;
    } finally {
      own.dispose();
    }
  }

  /** Ends the campaign: its journal is closed; unfinished rotations go on as single checklists. */
  async end(): Promise<void> {
    await this.#save((j) => {
      j.endedAt = this.#now().toISOString();
    });
  }

  onDidChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #runOne(phase: Phase, org: CampaignOrg, bulk?: AbortSignal): Promise<PhaseEnd> {
    if (this.#working.has(org.key))
      return { ok: false, refused: true, error: { kind: 'busy', message: `${org.label}: a step is running.` } };
    this.#working.set(org.key, phase);
    this.#errors.delete(org.key);
    this.#emit();
    let handle: RotationHandle | undefined;
    const own = orgSignal(bulk);
    const { signal } = own;
    try {
      handle = await this.#handleFor(org, signal);
      const end = await drivePhase(handle, phase, signal);
      this.#settle(org, handle, end.ok ? undefined : end.error);
      return end;
    } catch (e) {
      const error = toStepError(e, `${org.label} (${org.key})`);
      this.#settle(org, handle, error);
      return { ok: false, refused: false, error };
    } finally {
      own.dispose();
    }
  }

  /** The org's rotation, started (and recorded in the campaign's journal) when it has none yet. */
  async #handleFor(org: CampaignOrg, signal?: AbortSignal): Promise<RotationHandle> {
    if (org.rotationId) return this.#deps.rotations.handle(org, org.rotationId, signal);
    const pairing = org.previewOrg ? { previewOrg: org.previewOrg, soakHours: this.#journal.soakHours } : undefined;
    const handle = await this.#deps.rotations.start(org, pairing, signal);
    await this.#save((j) => {
      const entry = j.orgs.find((o) => o.key === org.key);
      if (entry) entry.rotationId = handle.rotationId;
    });
    return handle;
  }

  #settle(org: CampaignOrg, handle: RotationHandle | undefined, error: StepError | undefined): void {
    this.#working.delete(org.key);
    if (handle) this.#keep(org.key, handle.snapshot());
    if (error) this.#errors.set(org.key, error);
    else this.#errors.delete(org.key);
    this.#emit();
  }

  #fail(org: CampaignOrg, e: unknown): void {
    this.#settle(org, undefined, toStepError(e, `${org.label} (${org.key})`));
  }

  #applies(phase: Phase, org: CampaignOrg): boolean {
    const snap = this.#snapshots.get(org.key);
    return snap ? phaseApplies(phase, snap) : phase === 'check';
  }

  #select(keys: readonly string[] | undefined): CampaignOrg[] {
    return keys ? this.#journal.orgs.filter((o) => keys.includes(o.key)) : [...this.#journal.orgs];
  }

  #labelOf(key: string): string {
    return this.#journal.orgs.find((o) => o.key === key)?.label ?? key;
  }

  /** Changes the journal at once (parallel rotations starting each add theirs) and saves it, one save at a time. */
  async #save(change: (journal: CampaignJournal) => void): Promise<void> {
    const next = structuredClone(this.#journal);
    change(next);
    next.updatedAt = this.#now().toISOString();
    this.#journal = next;
    const saved = this.#saving.then(() => this.#deps.store.save(this.#journal));
    // The chain only orders the saves: a failed one is this caller's to handle (awaited below), not the next's.
    this.#saving = saved.catch(() => undefined);
    await saved;
  }

  #now(): Date {
    return (this.#deps.clock ?? systemClock).now();
  }

  #emit(): void {
    for (const l of [...this.#listeners]) l();
  }
}
