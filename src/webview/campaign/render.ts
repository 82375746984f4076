// The campaign page's content: a heading with the counts, the bulk actions over the selected rows, one row per org
// with its own actions (and, when the org waits for the person, the values to enter in the Workflows console), each
// row's last error with its fix, and the history. Everything shown comes from the view the host posted.
import type { CampaignRequest, RowActionRequest } from '../../vscode/campaign/campaignProtocol.ts';
import type { CampaignView } from '../../presentation/campaign/view.ts';
import type { CampaignRow } from '../../presentation/campaign/rows.ts';
import { button, checkbox, el, icon } from './el.ts';

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

export function renderCampaign(view: CampaignView | undefined, c: RenderContext): Node[] {
  if (!view) return [el('p', { text: 'Loading the campaign…' })];
  const nodes: Array<Node | undefined> = [
    el('h1', { text: view.heading }),
    el('p', { className: 'meta', text: view.summary }),
    view.finished
      ? el('div', { className: 'banner info', role: 'status', text: 'Every rotation of this campaign has ended.' })
      : undefined,
    bulk(view, c),
    view.running
      ? el('p', { className: 'running', role: 'status' }, [icon('loading'), ` ${view.running}…`])
      : undefined,
    table(view, c),
    history(view),
  ];
  return nodes.filter((n): n is Node => n !== undefined);
}

function bulk(view: CampaignView, c: RenderContext): HTMLElement {
  const busy = Boolean(view.running);
  const pick = view.rows.filter((r) => !c.unselected.has(r.key));
  const buttons = view.bulk.map(({ phase, label, icon: codicon }) => {
    const n = pick.filter((r) => r.actions.some((a) => a.kind === 'run' && a.phase === phase)).length;
    return button(
      `${label} (${n})`,
      codicon,
      () =>
        c.request({ kind: 'bulk', phase, orgs: pick.map((r) => r.key) }, `${label}: waiting for your confirmation…`),
      '',
      busy || n === 0,
    );
  });
  buttons.push(button('End Campaign…', 'close', () => c.request({ kind: 'end' }), 'secondary', busy));
  return el('div', { className: 'bulk', role: 'toolbar', 'aria-label': 'Bulk actions on the selected orgs' }, buttons);
}

function table(view: CampaignView, c: RenderContext): HTMLElement {
  const keys = view.rows.map((r) => r.key);
  const all = view.rows.length > 0 && view.rows.every((r) => !c.unselected.has(r.key));
  const head = el('tr', {}, [
    el('th', {}, [checkbox('Select every org', all, (on) => c.select(keys, on))]),
    ...['Org', 'Environment', 'State', 'Next action', 'Who', ''].map((t) => el('th', { text: t, scope: 'col' })),
  ]);
  const body = el('tbody');
  for (const r of view.rows) {
    body.appendChild(row(r, view, c));
    if (r.error)
      body.appendChild(
        el('tr', { className: 'error-row' }, [
          el('td', {}),
          el('td', { colspan: '6' }, [
            el('p', { className: 'error-text', role: 'alert', text: `${r.label}: ${r.error.message}` }),
            el('p', { className: 'fix', text: `Fix: ${r.error.fix}` }),
          ]),
        ]),
      );
  }
  return el('table', { className: 'rows' }, [el('thead', {}, [head]), body]);
}

function row(r: CampaignRow, view: CampaignView, c: RenderContext): HTMLElement {
  const org = el('td', { className: 'org' }, [
    el('div', { className: 'label', text: r.label }),
    el('div', { className: 'key', text: r.key + (r.pairedWith ? ` · after ${r.pairedWith}` : '') }),
  ]);
  return el('tr', { className: `row state-${r.state}`, 'data-key': r.key }, [
    el('td', {}, [checkbox(`Select ${r.label}`, !c.unselected.has(r.key), (on) => c.select([r.key], on))]),
    org,
    el('td', { text: r.environment, className: r.environment === 'production' ? 'production' : '' }),
    el('td', { className: 'state' }, [icon(STATE_ICON[r.state]), el('span', { text: r.status })]),
    el('td', { className: 'next' }, next(r)),
    el('td', { className: 'who', text: r.who === 'you' ? 'You' : r.who === 'extension' ? 'Extension' : '' }),
    el('td', {}, [rowActions(r, view, c)]),
  ]);
}

function next(r: CampaignRow): HTMLElement[] {
  const parts: HTMLElement[] = [el('div', { text: r.next })];
  if (r.who === 'you' && r.manual && r.state === 'needsYou' && r.manual.newSecretMasked) {
    parts.push(
      el('dl', { className: 'manual' }, [
        el('dt', { text: 'Domain' }),
        el('dd', {}, [el('code', { text: r.manual.domain })]),
        el('dt', { text: 'Client ID' }),
        el('dd', {}, [el('code', { text: r.manual.clientId })]),
        el('dt', { text: 'New secret' }),
        el('dd', {}, [el('code', { text: r.manual.newSecretMasked })]),
      ]),
    );
  }
  return parts;
}

function rowActions(r: CampaignRow, view: CampaignView, c: RenderContext): HTMLElement {
  const busy = Boolean(view.running) || r.state === 'working';
  const quiet = (a: RowAction): boolean =>
    a.kind === 'copy' || a.kind === 'openChecklist' || a.kind === 'copyNewSecret';
  // One primary action per row: the first that moves the rotation on; any alternative to it is secondary.
  const primary = r.actions.findIndex((a) => !quiet(a));
  return el(
    'div',
    { className: 'row-actions' },
    r.actions.map((a, i) => {
      const req: CampaignRequest = { kind: 'row', org: r.key, action: rowRequest(a) };
      const style = a.kind === 'acknowledge' ? 'danger' : i === primary ? '' : 'secondary';
      return button(
        a.label,
        ROW_ICON[a.kind],
        () => c.request(req, `${r.label}: ${a.label}…`),
        style,
        busy && a.kind !== 'openChecklist',
      );
    }),
  );
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

function history(view: CampaignView): HTMLElement | undefined {
  if (view.history.length === 0) return undefined;
  return el('section', { className: 'history', 'aria-label': 'History' }, [
    el('h2', { text: 'History' }),
    el(
      'ul',
      {},
      view.history.map((h) =>
        el('li', {}, [el('span', { className: 'when', text: h.when }), el('strong', { text: h.label }), ` ${h.text}`]),
      ),
    ),
  ]);
}
