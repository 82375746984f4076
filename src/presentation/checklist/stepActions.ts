// The current step's actions as the page shows them: the one primary action first, the others secondary, each
// with the words the presentation gives every offer (../actions.ts, shared with the campaign); and the values a
// person enters in the Workflows console, each with a Copy button named for what it copies. Built from the
// snapshot's nextActions, so the page offers exactly what the engine accepts. Pure: tested in Node.
import type { NextAction } from '../../rotation/model/actions.ts';
import type { RotationJournal } from '../../rotation/model/journal.ts';
import type { RotationSnapshot, StepSnapshot } from '../../rotation/model/snapshot.ts';
import type { StepId } from '../../rotation/model/steps.ts';
import { caughtStillUsed, modeLabel, offersInWords, type OfferWords } from '../actions.ts';
import type { ActionView, FieldView } from './viewModel.ts';

/**
 * The actions of `step` (the current one) among the offers; Abandon, the production guard and (unless the watch caught
 * the old secret still used) Roll back are not here.
 */
export function stepActions(
  offered: readonly NextAction[],
  snap: RotationSnapshot,
  step: StepSnapshot,
  busy: boolean,
): ActionView[] {
  const views: ActionView[] = [];
  for (const { offer, words } of offersInWords(offered, snap.journal)) {
    for (const view of actionViews(offer, words, snap.journal)) views.push(view);
  }
  if (step.kind === 'manual' && snap.manual.workflowsConsoleUrl) views.push(openConsole());
  // The one primary action leads (a choice of two ways offers its first); everything else follows, secondary.
  const first = views.find((v) => v.style === 'primary');
  const rest = views
    .filter((v) => v !== first)
    .map((v) => (v.style === 'primary' ? { ...v, style: 'secondary' as const } : v));
  const ordered = first ? [first, ...rest] : rest;
  return busy ? ordered.map((a) => ({ ...a, disabled: true })) : ordered;
}

/** The views of one offer (a choice of mode is one button per way); none for the offers shown outside the step. */
/**
 * The old secrets the page shows beside an action that retires them (the ones listed, for their confirmation; the
 * confirmed ones, for deactivating and deleting): the request carries their ids, so the engine acts on what the
 * person saw or not at all.
 */
function seenOld(step: StepId, journal: RotationJournal, which: 'listed' | 'confirmed' = 'confirmed') {
  if (which === 'listed' && step === 'identifyOld' && journal.identify)
    return { secretIds: journal.identify.candidates.map((c) => c.id) };
  if (which === 'confirmed' && (step === 'deactivateOld' || step === 'deleteOld') && journal.oldSecretIds)
    return { secretIds: [...journal.oldSecretIds] };
  return {};
}

function actionViews(a: NextAction, w: OfferWords, journal: RotationJournal): ActionView[] {
  const base = { style: w.role, ...(w.icon ? { icon: w.icon } : {}), ...(w.busyText ? { busyText: w.busyText } : {}) };
  switch (a.type) {
    case 'run':
      return [
        {
          key: `run:${a.step}`,
          label: w.label,
          ...base,
          request: { kind: 'action', action: { ...a, ...seenOld(a.step, journal) } },
        },
      ];
    case 'confirm':
      return [
        {
          key: `confirm:${a.step}`,
          label: w.label,
          ...base,
          request: { kind: 'action', action: { ...a, ...seenOld(a.step, journal, 'listed') } },
        },
      ];
    case 'chooseMode':
      // Before a choice, both ways; after it, the other one ("instead").
      return a.options
        .filter((mode) => mode !== a.current)
        .map((mode) => ({
          key: `mode:${mode}`,
          label: modeLabel(mode, a.current),
          ...base,
          request: { kind: 'action' as const, action: { type: 'chooseMode' as const, mode } },
        }));
    case 'retire':
      return [
        {
          key: 'retire',
          label: w.label,
          ...base,
          request: { kind: 'action', action: { type: 'retire', secretId: a.secretId } },
        },
      ];
    case 'identifyInUse':
      return [{ key: 'identifyInUse', label: w.label, ...base, request: { kind: 'identifyInUse' } }];
    case 'override':
      return [{ key: 'override', label: w.label, ...base, request: { kind: 'action', action: a } }];
    case 'acknowledge':
      // A paired production org's create waits for its preview org's soak: going ahead is the person's choice.
      // The production acknowledgement lives in the banner (view.ts).
      if (a.guard !== 'previewSoak') return [];
      return [{ key: 'acknowledge:previewSoak', label: w.label, ...base, request: { kind: 'action', action: a } }];
    case 'rollback':
      // The watch caught the old secret still used: Roll back is this step's recommended action, shown in it.
      return caughtStillUsed(journal)
        ? [
            {
              key: 'rollback',
              label: w.label,
              ...base,
              busyText: 'Rolling back…',
              request: { kind: 'action', action: { type: 'rollback' } },
            },
          ]
        : [];
    case 'abandon':
      return [];
  }
}

function openConsole(): ActionView {
  return {
    key: 'openConsole',
    label: 'Open the Workflows console',
    style: 'secondary',
    icon: 'link-external',
    request: { kind: 'openConsole' },
  };
}

/** What the person enters in the Workflows console's Okta connection (step 4, while it is current). */
export function connectionFields(snap: RotationSnapshot, busy: boolean): FieldView[] {
  const copy = (key: string, label: string, request: ActionView['request']): ActionView => ({
    key,
    label,
    style: 'secondary',
    icon: 'copy',
    ...(busy ? { disabled: true } : {}),
    request,
  });
  const fields: FieldView[] = [
    {
      key: 'domain',
      label: 'Domain',
      value: snap.manual.domain,
      copy: copy('copy:domain', 'Copy domain', { kind: 'copyText', field: 'domain' }),
    },
    {
      key: 'clientId',
      label: 'Client ID',
      value: snap.manual.clientId,
      copy: copy('copy:clientId', 'Copy client ID', { kind: 'copyText', field: 'clientId' }),
    },
  ];
  if (snap.manual.newSecretMasked) {
    fields.push({
      key: 'newSecret',
      label: 'Client secret',
      value: snap.manual.newSecretMasked,
      copy: copy('copy:newSecret', 'Copy new secret', { kind: 'copyNewSecret' }),
    });
  }
  return fields;
}
