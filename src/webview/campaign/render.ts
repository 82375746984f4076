// The campaign page as nodes for the shared renderer (shared/dom.ts): a heading with the counts, the bulk actions
// over the selected rows, one row per org with its own actions (and, when the org waits for the person, the values
// to enter in the Workflows console), each row's last error with its fix, and the history. Everything shown comes
// from the view the host posted. Keys stay across updates: a row is its org's key, an action its kind and what it
// acts on, so the control a person is on stays the same element while the rows around it change.
import type { CampaignRow } from '../../presentation/campaign/rowShape.ts';
import type { CampaignView } from '../../presentation/campaign/view.ts';
import type { CampaignRequest, RowActionRequest } from '../../vscode/campaign/campaignProtocol.ts';
import { h, type VNode } from '../shared/dom.ts';

type RowAction = CampaignRow['actions'][number];

export interface RenderContext {
  /** Keys the person unticked: every row is selected unless unticked. */
  unselected: ReadonlySet<string>;
  /** Ticks (or unticks) the rows of `keys`. */
  select(keys: readonly string[], selected: boolean): void;
  request(req: CampaignRequest, busyText?: string): void;
}

const STATE_ICON: Record<CampaignRow['state'], string> = {
  notStarted: 'circle-large-outline',
  working: 'loading',
  ready: 'play-circle',
  needsYou: 'person',
  waiting: 'watch',
  watching: 'eye',
  failed: 'error',
  done: 'pass-filled',
  stopped: 'circle-slash',
};
const ROW_ICON: Record<RowAction['kind'], string> = {
  run: 'play',
  connection: 'plug',
  confirm: 'check',
  acknowledge: 'warning',
  copyNewSecret: 'key',
  copy: 'copy',
  setCredential: 'key',
  openChecklist: 'checklist',
};
const COLUMNS = [
  ['org', 'Org'],
  ['environment', 'Environment'],
  ['state', 'State'],
  ['next', 'Next action'],
  ['who', 'Who'],
  ['actions', 'Actions'],
] as const;

export function renderCampaign(view: CampaignView | undefined, c: RenderContext): VNode[] {
  if (!view) return [h('p', 'loading', { class: 'loading' }, 'Loading the campaign…')];
  const nodes: Array<VNode | undefined | false> = [
    h('h1', 'heading', { tabindex: '-1' }, view.heading),
    h('p', 'meta', { class: 'meta' }, view.summary),
    view.finished && h('div', 'finished', { class: 'banner info' }, 'Every rotation of this campaign has ended.'),
    bulk(view, c),
    view.running !== undefined &&
      h('p', 'running', { class: 'running' }, [icon('loading'), h('span', 'text', {}, `${view.running}…`)]),
    table(view, c),
    history(view),
  ];
  return nodes.filter((n): n is VNode => n !== undefined && n !== false);
}

function bulk(view: CampaignView, c: RenderContext): VNode {
  const busy = view.running !== undefined;
  const pick = view.rows.filter((r) => !c.unselected.has(r.key));
  const buttons = view.bulk.map(({ phase, label, icon: codicon }) => {
    const n = pick.filter((r) => r.actions.some((a) => a.kind === 'run' && a.phase === phase)).length;
    const req: CampaignRequest = { kind: 'bulk', phase, orgs: pick.map((r) => r.key) };
    return button(`bulk:${phase}`, `${label} (${n})`, codicon, '', busy || n === 0, () =>
      c.request(req, `${label}: waiting for your confirmation…`),
    );
  });
  buttons.push(button('end', 'End Campaign…', 'close', 'secondary', busy, () => c.request({ kind: 'end' })));
  return h(
    'div',
    'bulk',
    { class: 'bulk', role: 'toolbar', 'aria-label': 'Bulk actions on the selected orgs' },
    buttons,
  );
}

function table(view: CampaignView, c: RenderContext): VNode {
  const keys = view.rows.map((r) => r.key);
  const all = view.rows.length > 0 && view.rows.every((r) => !c.unselected.has(r.key));
  const head = h('tr', 'head', {}, [
    h('th', 'select', {}, [checkbox('Select every org', all, (on) => c.select(keys, on))]),
    ...COLUMNS.map(([key, text]) => h('th', key, { scope: 'col' }, text)),
  ]);
  const body = view.rows.flatMap((r) => [
    row(r, view, c),
    r.error &&
      h('tr', `error:${r.key}`, { class: 'error-row' }, [
        h('td', 'gap', {}, ''),
        h('td', 'error', { colspan: '6' }, [
          h('p', 'text', { class: 'error-text' }, `${r.label}: ${r.error.message}`),
          h('p', 'fix', { class: 'fix' }, `Fix: ${r.error.fix}`),
        ]),
      ]),
  ]);
  return h('table', 'rows', { class: 'rows' }, [h('thead', 'head', {}, [head]), h('tbody', 'body', {}, body)]);
}

function row(r: CampaignRow, view: CampaignView, c: RenderContext): VNode {
  const who = r.who === 'you' ? 'You' : r.who === 'extension' ? 'Extension' : '';
  // tabindex -1: where focus lands when the control it was on went and the row has no action left.
  return h('tr', r.key, { class: `row state-${r.state}`, tabindex: '-1' }, [
    h('td', 'select', {}, [checkbox(`Select ${r.label}`, !c.unselected.has(r.key), (on) => c.select([r.key], on))]),
    h('td', 'org', { class: 'org' }, [
      h('div', 'label', { class: 'label' }, r.label),
      h('div', 'key', { class: 'key' }, r.key + (r.pairedWith ? ` · after ${r.pairedWith}` : '')),
    ]),
    h('td', 'environment', { class: r.environment === 'production' ? 'production' : undefined }, r.environment),
    h('td', 'state', { class: 'state' }, [icon(STATE_ICON[r.state]), h('span', 'text', {}, r.status)]),
    h('td', 'next', { class: 'next' }, next(r)),
    h('td', 'who', { class: 'who' }, who),
    h('td', 'actions', {}, [rowActions(r, view, c)]),
  ]);
}

function next(r: CampaignRow): VNode[] {
  const parts = [h('div', 'text', {}, r.next)];
  if (r.who === 'you' && r.manual && r.state === 'needsYou' && r.manual.newSecretMasked) {
    const values: Array<[string, string]> = [
      ['Domain', r.manual.domain],
      ['Client ID', r.manual.clientId],
      ['New secret', r.manual.newSecretMasked],
    ];
    parts.push(
      h(
        'dl',
        'manual',
        { class: 'manual' },
        values.flatMap(([label, value], i) => [
          h('dt', `t${i}`, {}, label),
          h('dd', `d${i}`, {}, [h('code', 'code', {}, value)]),
        ]),
      ),
    );
  }
  return parts;
}

function rowActions(r: CampaignRow, view: CampaignView, c: RenderContext): VNode {
  const busy = view.running !== undefined || r.state === 'working';
  const quiet = (a: RowAction): boolean =>
    a.kind === 'copy' || a.kind === 'openChecklist' || a.kind === 'copyNewSecret';
  // One primary action per row: the first that moves the rotation on; any alternative to it is secondary.
  const primary = r.actions.findIndex((a) => !quiet(a));
  return h(
    'div',
    'actions',
    { class: 'row-actions', role: 'group', 'aria-label': `Actions for ${r.label}` },
    r.actions.map((a, i) => {
      const action = rowRequest(a);
      const req: CampaignRequest = { kind: 'row', org: r.key, action };
      const style = a.kind === 'acknowledge' ? 'danger' : i === primary ? '' : 'secondary';
      return button(actionKey(action), a.label, ROW_ICON[a.kind], style, busy && a.kind !== 'openChecklist', () =>
        c.request(req, `${r.label}: ${a.label}…`),
      );
    }),
  );
}

/** An action's key within its row: its kind and what it acts on ("run:check", "copy:domain", "openChecklist"). */
function actionKey(a: RowActionRequest): string {
  const on = Object.entries(a)
    .filter(([name]) => name !== 'kind')
    .map(([, value]) => String(value));
  return [a.kind, ...on].join(':');
}

/** The action as the host expects it back: what identifies it, without the words shown for it. */
function rowRequest(a: RowAction): RowActionRequest {
  switch (a.kind) {
    case 'run':
      return { kind: a.kind, phase: a.phase };
    case 'connection':
      return { kind: a.kind, mode: a.mode };
    case 'confirm':
      return { kind: a.kind, step: a.step };
    case 'acknowledge':
      return { kind: a.kind, guard: a.guard };
    case 'copy':
      return { kind: a.kind, field: a.field };
    case 'copyNewSecret':
    case 'setCredential':
    case 'openChecklist':
      return { kind: a.kind };
  }
}

function history(view: CampaignView): VNode | undefined {
  if (view.history.length === 0) return undefined;
  const seen = new Map<string, number>();
  const lines = view.history.map((line) => {
    // Keyed by what the line is, so a line added above the others does not rewrite every line below it.
    const base = `${line.at} ${line.label}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return h('li', n === 0 ? base : `${base} ${n}`, {}, [
      h('span', 'when', { class: 'when' }, line.when),
      h('strong', 'label', {}, line.label),
      h('span', 'text', {}, ` ${line.text}`),
    ]);
  });
  return h('section', 'history', { class: 'history', 'aria-labelledby': 'history-title' }, [
    h('h2', 'title', { id: 'history-title' }, 'History'),
    h('ul', 'lines', {}, lines),
  ]);
}

/** A button that stays focusable when it cannot be used now (aria-disabled): a busy row keeps the person's place. */
function button(
  key: string,
  label: string,
  codicon: string,
  style: string,
  disabled: boolean,
  onClick: () => void,
): VNode {
  return h(
    'button',
    key,
    { type: 'button', class: style || undefined, 'aria-disabled': disabled ? 'true' : undefined },
    [icon(codicon), h('span', 'label', {}, label)],
    {
      click: () => {
        if (!disabled) onClick();
      },
    },
  );
}

function checkbox(label: string, checked: boolean, onToggle: (checked: boolean) => void): VNode {
  return h('input', 'box', { type: 'checkbox', 'aria-label': label, checked }, [], {
    change: (box) => onToggle(box.checked),
  });
}

function icon(name: string): VNode {
  const spin = name === 'loading' ? ' codicon-modifier-spin' : '';
  return h('span', 'icon', { class: `codicon codicon-${name}${spin}`, 'aria-hidden': 'true' }, '');
}
