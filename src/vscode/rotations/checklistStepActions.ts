// The current step's actions as the page shows them: the one primary action first, the others secondary; the
// values a person enters in the Workflows console, each with a Copy button named for what it copies. Built from
// the snapshot's nextActions, so the page offers exactly what the engine accepts. Pure: tested in Node.
import type { NextAction, RotationSnapshot, StepSnapshot } from '../../rotation/snapshot.ts';
import type { ActionView, FieldView } from './checklistViewModel.ts';

const MODE_LABEL = {
  newConnection: 'Create a new connection',
  reauthorize: 'Re-authorize the existing connection',
} as const;

/** The actions of `step` (the current one) among the offers; Abandon, Roll back and the guard are not here. */
export function stepActions(
  offered: readonly NextAction[],
  snap: RotationSnapshot,
  step: StepSnapshot,
  busy: boolean,
): ActionView[] {
  const primary: ActionView[] = [];
  const secondary: ActionView[] = [];
  for (const a of offered) {
    const view = actionView(a);
    if (!view) continue;
    const into = isPrimary(a, offered) && primary.length === 0 ? primary : secondary;
    for (const v of view) into.push(v);
  }
  if (step.kind === 'manual' && snap.manual.workflowsConsoleUrl) secondary.push(openConsole());
  const all = [...primary.slice(0, 1), ...[...primary.slice(1), ...secondary].map(asSecondary)];
  return busy ? all.map((a) => ({ ...a, disabled: true })) : all;
}

/** The step's own action that moves the rotation on; the checks again, lists again and overrides are secondary. */
function isPrimary(a: NextAction, all: readonly NextAction[]): boolean {
  switch (a.type) {
    case 'run':
      // "Check the org again" beside a decision, "List again" beside the confirmation.
      return !all.some((o) => o.type === 'identifyInUse' || o.type === 'retire' || o.type === 'confirm');
    case 'override':
      return !all.some((o) => o.type === 'run');
    case 'chooseMode':
      return a.current === undefined;
    case 'confirm':
    case 'retire':
    case 'identifyInUse':
      return true;
    default:
      return false;
  }
}

function asSecondary(a: ActionView): ActionView {
  return a.style === 'primary' ? { ...a, style: 'secondary' } : a;
}

function actionView(a: NextAction): ActionView[] | undefined {
  switch (a.type) {
    case 'run':
      return [
        {
          key: `run:${a.step}`,
          label: a.label,
          style: 'primary',
          icon: 'play',
          busyText: `${a.label}…`,
          request: { kind: 'action', action: { type: 'run', step: a.step } },
        },
      ];
    case 'confirm':
      return [
        {
          key: `confirm:${a.step}`,
          label: a.label,
          style: 'primary',
          icon: 'check',
          request: { kind: 'action', action: { type: 'confirm', step: a.step } },
        },
      ];
    case 'chooseMode':
      // Before a choice, both ways; after it, the other one ("instead").
      return a.options
        .filter((mode) => mode !== a.current)
        .map((mode) => ({
          key: `mode:${mode}`,
          label: a.current === undefined ? MODE_LABEL[mode] : `${MODE_LABEL[mode]} instead`,
          style: 'primary' as const,
          request: { kind: 'action' as const, action: { type: 'chooseMode' as const, mode } },
        }));
    case 'retire':
      return [
        {
          key: 'retire',
          label: `Retire ${a.masked}…`,
          style: 'primary',
          icon: 'trash',
          busyText: `Retiring ${a.masked}…`,
          request: { kind: 'action', action: { type: 'retire', secretId: a.secretId } },
        },
      ];
    case 'identifyInUse':
      return [
        {
          key: 'identifyInUse',
          label: 'Identify the secret in use…',
          style: 'primary',
          icon: 'search',
          request: { kind: 'identifyInUse' },
        },
      ];
    case 'override':
      return [
        {
          key: 'override',
          label: 'Continue without verification…',
          style: 'danger',
          icon: 'warning',
          request: { kind: 'action', action: { type: 'override', guard: a.guard } },
        },
      ];
    case 'acknowledge':
      // A paired production org's create waits for its preview org's soak: going ahead is the person's choice.
      if (a.guard !== 'previewSoak') return undefined;
      return [
        {
          key: 'acknowledge:previewSoak',
          label: 'Create it now, before the soak ends…',
          style: 'secondary',
          icon: 'warning',
          request: { kind: 'action', action: { type: 'acknowledge', guard: 'previewSoak' } },
        },
      ];
    default:
      // The production acknowledgement, rollback and abandon live outside the steps (checklistView.ts).
      return undefined;
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
