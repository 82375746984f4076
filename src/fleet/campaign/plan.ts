// What a bulk action will touch, for its one confirmation: every org and secret, production orgs called out, and
// the orgs it leaves alone with why. Built from the rotations' snapshots (masked values and ids only).
import { evaluatePreviewSoak } from '../../rotation/guards.ts';
import type { RotationJournal } from '../../rotation/model/journal.ts';
import { PHASE_WORDS } from '../../presentation/campaign/phases.ts';
import { ENDING_TITLES } from '../../presentation/endings.ts';
import { stepTitle } from '../../presentation/stories/titles.ts';
import { utcTime } from '../../presentation/time.ts';
import { watchLine } from '../../presentation/watch.ts';
import { phaseApplies, type Phase } from '../../rotation/model/phases.ts';
import type { RotationSnapshot } from '../../rotation/model/snapshot.ts';

export interface PlanOrg {
  key: string;
  label: string;
  environment: 'preview' | 'production';
  /** The production org's preview org key, when paired. */
  previewOrg?: string;
  snapshot?: RotationSnapshot;
}

interface PlanEntry {
  key: string;
  label: string;
  environment: 'preview' | 'production';
  /** What happens to this org's secrets, in words (masked values and ids). */
  touches: string;
  /** It will not change Okta after all (a soak to wait for): said, and not counted as a change. */
  waits?: string;
}

export interface PhasePlan {
  phase: Phase;
  title: string;
  entries: PlanEntry[];
  skipped: Array<{ label: string; why: string }>;
  /** The entries whose production org Okta will see changed: they need the typed confirmation. */
  production: PlanEntry[];
  changesOkta: boolean;
}

export interface PlanContext {
  now: Date;
  soakHours: number;
  recencyDays: number;
  /** Rotations the soak counts (completed ones of the preview orgs). */
  history: readonly RotationJournal[];
  labelOf(key: string): string;
}

export function planPhase(phase: Phase, orgs: readonly PlanOrg[], ctx: PlanContext): PhasePlan {
  const entries: PlanEntry[] = [];
  const skipped: PhasePlan['skipped'] = [];
  for (const org of orgs) {
    const snap = org.snapshot;
    const applies = snap ? phaseApplies(phase, snap) : phase === 'check';
    if (!applies) {
      skipped.push({ label: org.label, why: snap ? whereItIs(snap, ctx.now) : 'not checked yet: check it first' });
      continue;
    }
    const waits = phase === 'create' ? soakWait(org, snap, ctx) : undefined;
    entries.push({
      key: org.key,
      label: org.label,
      environment: org.environment,
      touches: touches(phase, snap, ctx.now),
      ...(waits ? { waits } : {}),
    });
  }
  const changesOkta = phase === 'create' || phase === 'deactivate' || phase === 'delete';
  return {
    phase,
    title: PHASE_WORDS[phase].bulk,
    entries,
    skipped,
    production: changesOkta ? entries.filter((e) => e.environment === 'production' && !e.waits) : [],
    changesOkta,
  };
}

function touches(phase: Phase, snap: RotationSnapshot | undefined, now: Date): string {
  const inUse = snap?.secrets.inUse ?? snap?.secrets.listed.find((s) => s.status === 'ACTIVE');
  const secret = (s: { masked: string; id: string } | undefined) => (s ? `${s.masked} (${s.id})` : 'the secret in use');
  switch (phase) {
    case 'check':
      return 'reads the Workflows app and its secrets; changes nothing';
    case 'create':
      return `creates a second secret beside ${secret(inUse)}`;
    case 'verify':
      return `asks the token endpoint whether ${secret(snap?.secrets.new)} authenticates; changes nothing`;
    case 'deactivate':
      return `deactivates ${secret(snap?.secrets.inUse)}; keeps ${secret(snap?.secrets.new)}; nothing is deleted before the watch`;
    case 'watch':
      return "reads Okta's System Log for failed sign-ins of the app's client since the deactivation; changes nothing";
    case 'delete':
      return `deletes ${secret(snap?.secrets.inUse)} (${snap ? lowerFirst(watchLine(snap.journal, now)) : 'watched'}); keeps ${secret(snap?.secrets.new)}`;
  }
}

function soakWait(org: PlanOrg, snap: RotationSnapshot | undefined, ctx: PlanContext): string | undefined {
  const soak = snap?.guards.previewSoak;
  if (!org.previewOrg || !soak || soak.acknowledgedAt) return undefined;
  const s = evaluatePreviewSoak(org.previewOrg, ctx.history, ctx.now, soak.hours, ctx.recencyDays);
  if (s.satisfied) return undefined;
  const until = s.readyAt ? ` (the soak ends ${utcTime(s.readyAt, ctx.now)})` : '';
  return `waits for ${ctx.labelOf(org.previewOrg)}${until}: nothing is created unless you acknowledge it in its row`;
}

function whereItIs(snap: RotationSnapshot, now: Date): string {
  if (snap.outcome !== 'inProgress') return `its rotation ended (${ENDING_TITLES[snap.outcome].toLowerCase()})`;
  if (snap.currentStep === 'watchOld') return `its watch is not over (${lowerFirst(watchLine(snap.journal, now))})`;
  const step = snap.steps.find((s) => s.id === snap.currentStep);
  return step ? `it is at "${stepTitle(step.id)}"` : 'nothing to do';
}

/** "Old secret unused…" inside a sentence: "old secret unused…". */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
