// The checklist page's view of a rotation, built from the engine's snapshot: a header with progress, at most one
// banner, each step in words (done steps in one line, the current one with its single primary action), the ways
// out apart, and the work in progress with its wait and Cancel. The page renders this and nothing else, so no
// field name, internal state word or raw time reaches it. Pure: no `vscode` import, tested in Node.
import type { NextAction } from '../../rotation/model/actions.ts';
import type { RotationSnapshot, StepSnapshot } from '../../rotation/model/snapshot.ts';
import { caughtStillUsed, offerLabel } from '../actions.ts';
import { ENDING_TITLES, endingLines } from '../endings.ts';
import { errorText, rotationTextContext } from '../errorText.ts';
import { stepStory } from '../stories/index.ts';
import { stepTitle } from '../stories/titles.ts';
import { listWords } from '../phrases.ts';
import { utcTime } from '../time.ts';
import { connectionFields, stepActions } from './stepActions.ts';
import type { ActionView, BusyView, ChecklistView, MoreView, NoticeView, StepView } from './viewModel.ts';

/** Why the Okta client waits (its WaitReason): Okta's rate limit, a retry's backoff, or a slow answer. */
export type WaitReason = 'rateLimit' | 'retry' | 'answer';

export interface ViewContext {
  orgLabel: string;
  now: Date;
  /**
   * The action the host is carrying out, in the person's words ("Create the new secret"), and what was offered
   * when it started: shown disabled meanwhile, so the control the person used keeps its place (and focus).
   */
  performing?: { label: string; cancellable: boolean; offered: readonly NextAction[] };
  /** A wait the Okta client announced during that action. */
  wait?: { reason: WaitReason; seconds: number };
  /** Another org (a paired preview org) as the person named it. */
  labelOf?: (host: string) => string;
}

/** A rotation's end as its progress line and its steps say it. */
const ENDINGS = { completed: 'Completed', rolledBack: 'Rolled back', abandoned: 'Abandoned' } as const;

export function checklistView(snap: RotationSnapshot, c: ViewContext): ChecklistView {
  const busy = snap.busy || c.performing !== undefined || snap.runningElsewhere !== undefined;
  const offered = busy ? (c.performing?.offered ?? []) : snap.nextActions;
  const environment = snap.environment === 'production' ? 'Production org' : 'Preview org';
  const busyView = busy ? busyOf(snap, c) : undefined;
  const more = moreOf(offered, snap, busy);
  const notice = noticeOf(snap, offered, c, busy);
  return {
    rotationId: snap.rotationId,
    heading: `Rotate the Workflows secret: ${c.orgLabel}`,
    context: [snap.org.host, environment, snap.app.label || snap.app.name].join(' · '),
    progress: progressOf(snap, c.now),
    ...(notice ? { notice } : {}),
    steps: snap.steps.map((step, i) => stepView(snap, offered, step, i + 1, c, busy)),
    ...(busyView ? { busy: busyView } : {}),
    ...(more ? { more } : {}),
  };
}

function progressOf(snap: RotationSnapshot, now: Date): string {
  if (snap.outcome !== 'inProgress') return `${ENDINGS[snap.outcome]} · ${utcTime(snap.endedAt, now)}`;
  const i = snap.steps.findIndex((s) => s.id === snap.currentStep);
  const step = snap.steps[i];
  return step ? `Step ${i + 1} of ${snap.steps.length} · ${stepTitle(step.id)}` : 'Closing the rotation';
}

function stepView(
  snap: RotationSnapshot,
  offered: readonly NextAction[],
  step: StepSnapshot,
  number: number,
  c: ViewContext,
  busy: boolean,
): StepView {
  const endedBy = snap.outcome !== 'inProgress' && step.state === 'skipped' && step.result?.reason === snap.outcome;
  const status: StepView['status'] =
    step.state === 'running'
      ? 'running'
      : step.state === 'failed'
        ? 'failed'
        : step.state === 'uncertain'
          ? 'uncertain'
          : step.state === 'done'
            ? 'done'
            : step.state === 'skipped'
              ? 'skipped'
              : step.current
                ? 'current'
                : 'upcoming';
  const statusText = {
    done: step.endedAt ? `Done at ${utcTime(step.endedAt, c.now)}` : 'Done',
    running: 'Working…',
    failed: 'Did not complete',
    uncertain: 'Outcome unknown',
    skipped: endedBy ? 'Not done' : 'Not needed',
    current: 'Current step',
    upcoming: 'Not started',
  }[status];
  const current = step.current && snap.outcome === 'inProgress';
  const told = stepStory(snap.journal, step.id, c.now);
  const outside = current ? outsideChangesInWords(snap, c.now) : undefined;
  const caution = [told.caution, outside].filter((x) => x !== undefined).join(' ');
  const story = { ...told, ...(caution ? { caution } : {}) };
  const error =
    step.error && (status === 'failed' || status === 'uncertain' || current) ? errorOf(snap, step, c) : undefined;
  return {
    key: step.id,
    number,
    title: stepTitle(step.id),
    who: step.kind === 'manual' ? 'You, in the Workflows console' : '',
    status,
    statusText,
    summary:
      endedBy && snap.outcome !== 'inProgress'
        ? `Not done: the rotation was ${ENDINGS[snap.outcome].toLowerCase()}.`
        : story.summary,
    todo: current ? story.todo : [],
    ...(story.caution ? { caution: story.caution } : {}),
    details: story.details,
    ...(error ? { error } : {}),
    fields: current && step.id === 'newConnection' ? connectionFields(snap, busy) : [],
    actions: current ? stepActions(offered, snap, step, busy) : [],
    expanded: current || status === 'failed' || status === 'uncertain' || status === 'running',
  };
}

function errorOf(snap: RotationSnapshot, step: StepSnapshot, c: ViewContext): StepView['error'] {
  const e = step.error;
  if (!e) return undefined;
  const text = errorText(e.message, e.errorId, rotationTextContext(snap, c.orgLabel, c.labelOf));
  if (!e.errorId) return { text };
  return {
    text,
    errorId: e.errorId,
    copy: {
      key: 'copy:errorId',
      label: 'Copy error ID',
      ariaLabel: `Copy Okta error ID ${e.errorId}`,
      style: 'secondary',
      icon: 'copy',
      request: { kind: 'copyText', field: 'errorId' },
    },
  };
}

/** The one banner: how the rotation ended, or (in production, while it runs) what production means here. */
function noticeOf(
  snap: RotationSnapshot,
  offered: readonly NextAction[],
  c: ViewContext,
  busy: boolean,
): NoticeView | undefined {
  if (snap.outcome !== 'inProgress') {
    const tone = ({ completed: 'success', rolledBack: 'warning', abandoned: 'info' } as const)[snap.outcome];
    return { tone, title: ENDING_TITLES[snap.outcome], lines: endingLines(snap.journal, c.now, c.labelOf) };
  }
  if (snap.environment !== 'production') return undefined;
  const ack = offered.find((a) => a.type === 'acknowledge' && a.guard === 'productionWithoutPreview');
  const days = snap.guards.productionWithoutPreview?.days ?? 0;
  const action: ActionView | undefined = ack
    ? {
        key: 'acknowledge',
        label: offerLabel(ack, snap.journal),
        style: 'primary',
        icon: 'warning',
        ...(busy ? { disabled: true } : {}),
        request: { kind: 'action', action: { type: 'acknowledge', guard: 'productionWithoutPreview' } },
      }
    : undefined;
  return {
    tone: 'warning',
    title: 'Production org: every change here affects live flows.',
    lines: ack
      ? [
          `No preview org completed a rotation in the last ${days} days; Okta advises rotating in a preview org first.`,
          'Rotate a preview org first, or go on here knowingly.',
        ]
      : ['Deactivating and deleting the old secret ask for your confirmation first.'],
    ...(action ? { action } : {}),
  };
}

const WAIT_WORDS: Record<WaitReason, (org: string) => string> = {
  rateLimit: (org) => `Okta's rate limit for ${org} is reached: the extension waits, then tries again.`,
  retry: (org) => `${org} did not answer: the extension tries again.`,
  answer: (org) => `${org} is slow to answer: the extension waits for it, at most for the time left.`,
};

function busyOf(snap: RotationSnapshot, c: ViewContext): BusyView {
  const elsewhere = snap.runningElsewhere;
  if (elsewhere && !c.performing) {
    const what = elsewhere.what === 'rollback' ? 'The rollback' : `"${stepTitle(elsewhere.what)}"`;
    return {
      text: `${what} runs in another window (last heard from it at ${utcTime(elsewhere.beatAt, c.now)}). This checklist follows it; nothing can be done here until it ends.`,
    };
  }
  const running = snap.steps.find((s) => s.state === 'running');
  const text = `${c.performing?.label ?? (running ? stepTitle(running.id) : 'Working')}…`;
  const wait = c.wait
    ? {
        text: WAIT_WORDS[c.wait.reason](c.orgLabel),
        seconds: c.wait.seconds,
      }
    : undefined;
  return {
    text,
    ...(wait ? { wait } : {}),
    ...(c.performing?.cancellable || snap.busy
      ? {
          cancel: {
            key: 'cancel',
            label: 'Cancel',
            style: 'secondary',
            icon: 'stop-circle',
            request: { kind: 'cancel' },
          },
        }
      : {}),
  };
}

/** Abandon and Roll back, away from the steps: each modal says what it does and what it keeps. */
function moreOf(offered: readonly NextAction[], snap: RotationSnapshot, busy: boolean): MoreView | undefined {
  const actions: ActionView[] = [];
  const lines: string[] = [];
  for (const a of offered) {
    // When the watch caught the old secret still used, Roll back is the watch step's own action (stepActions.ts).
    if (a.type === 'rollback' && !caughtStillUsed(snap.journal)) {
      lines.push('Until the old secret is deleted, Roll back reactivates it and ends the rotation.');
      actions.push({
        key: 'rollback',
        label: offerLabel(a, snap.journal),
        style: 'secondary',
        icon: 'discard',
        busyText: 'Rolling back…',
        ...(busy ? { disabled: true } : {}),
        request: { kind: 'action', action: { type: 'rollback' } },
      });
    } else if (a.type === 'abandon') {
      lines.push('Abandon ends the rotation here and leaves the secret in use as it is.');
      actions.push({
        key: 'abandon',
        label: offerLabel(a, snap.journal),
        style: 'secondary',
        icon: 'close',
        ...(busy ? { disabled: true } : {}),
        request: { kind: 'action', action: { type: 'abandon' } },
      });
    }
  }
  return actions.length > 0 ? { text: lines.join(' '), actions } : undefined;
}

const CHANGE_WORDS = { created: 'created', activated: 'activated', deactivated: 'deactivated', deleted: 'deleted' };

/** The app's secrets changed outside this checklist, in one sentence (the current step shows it), or undefined. */
function outsideChangesInWords(snap: RotationSnapshot, now: Date): string | undefined {
  const changes = snap.journal.outsideChanges ?? [];
  if (changes.length === 0) return undefined;
  const each = changes.map(
    (x) =>
      `${x.masked ?? 'a secret'} ${CHANGE_WORDS[x.change]} ${x.source === 'tree' ? 'from the Orgs tree' : 'outside the extension (seen in Okta)'} at ${utcTime(x.at, now)}`,
  );
  return `Changed outside this checklist: ${listWords(each)}.`;
}
