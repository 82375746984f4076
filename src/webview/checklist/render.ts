// The checklist as nodes for the shared renderer (shared/dom.ts): a header with progress, at most one banner, the
// steps (done ones in one line with their details on request, the current one with its single primary action), the
// ways out apart, and the work in progress with its wait and Cancel. Everything shown comes from the host's view.
import type {
  ActionView,
  BusyView,
  ChecklistView,
  FieldView,
  NoticeView,
  StepStatus,
  StepView,
} from '../../presentation/checklist/viewModel.ts';
import { h, type VNode } from '../shared/dom.ts';

export interface RenderContext {
  /** Steps whose details the person opened. */
  expanded: ReadonlySet<string>;
  /** Seconds left of the wait being shown, counted down by the page. */
  waitSecondsLeft: number | undefined;
  send(action: ActionView): void;
  toggle(stepKey: string): void;
}

const STATUS_ICON: Record<StepStatus, string> = {
  done: 'pass-filled',
  current: 'arrow-circle-right',
  running: 'loading',
  failed: 'error',
  uncertain: 'question',
  skipped: 'circle-slash',
  upcoming: 'circle-large-outline',
};

export function renderView(view: ChecklistView | undefined, c: RenderContext): VNode[] {
  if (!view) return [h('p', 'loading', { class: 'loading' }, 'Loading the rotation…')];
  const running = view.steps.find((s) => s.status === 'running') ?? view.steps.find((s) => s.status === 'current');
  const nodes: Array<VNode | undefined | false> = [
    h('header', 'header', { class: 'header' }, [
      h('h1', 'heading', { tabindex: '-1' }, view.heading),
      h('p', 'context', { class: 'context' }, view.context),
      h('p', 'progress', { class: 'progress' }, view.progress),
    ]),
    view.notice && notice(view.notice, c),
    view.busy && !running && busy(view.busy, c),
    h(
      'ol',
      'steps',
      { class: 'steps', 'aria-label': 'Steps' },
      view.steps.map((s) => step(s, c, s === running ? view.busy : undefined)),
    ),
    view.more && more(view.more.text, view.more.actions, c),
  ];
  return nodes.filter((n): n is VNode => n !== undefined && n !== false);
}

function notice(n: NoticeView, c: RenderContext): VNode {
  return h('div', 'notice', { class: `banner tone-${n.tone}`, role: 'note' }, [
    h('p', 'title', { class: 'banner-title' }, n.title),
    ...n.lines.map((line, i) => h('p', `line${i}`, {}, line)),
    n.action && h('div', 'actions', { class: 'actions' }, [button(n.action, c, true)]),
  ]);
}

function step(s: StepView, c: RenderContext, busyHere: BusyView | undefined): VNode {
  // A collapsed step's details open on request; an expanded one says what matters in its text, or failed.
  const open = (!s.expanded && c.expanded.has(s.key)) || s.status === 'failed';
  const detailsId = `details-${s.key}`;
  const canExpand = !s.expanded && s.details.length > 0;
  return h(
    'li',
    s.key,
    {
      class: `step status-${s.status}${s.expanded ? ' expanded' : ''}`,
      'data-state': s.status,
      'aria-current': s.status === 'current' || s.status === 'running' ? 'step' : undefined,
    },
    [
      h('div', 'head', { class: 'step-head' }, [
        icon(STATUS_ICON[s.status], s.status === 'running'),
        h('div', 'main', { class: 'step-main' }, [
          h('h2', 'title', { class: 'title', tabindex: '-1' }, `${s.number}. ${s.title}`),
          // Collapsed, a step is one line: what happened, after its title.
          !s.expanded && s.status !== 'upcoming' && h('span', 'summary', { class: 'summary' }, s.summary),
        ]),
        h('div', 'meta', { class: 'step-meta' }, [
          s.who !== '' && h('span', 'who', { class: 'who' }, s.who),
          h('span', 'status', { class: 'status-text' }, s.statusText),
        ]),
        canExpand &&
          h(
            'button',
            'toggle',
            {
              type: 'button',
              class: 'link',
              'aria-expanded': String(open),
              'aria-controls': detailsId,
              'aria-label': `${open ? 'Hide' : 'Show'} the details of step ${s.number}, ${s.title}`,
            },
            [icon(open ? 'chevron-down' : 'chevron-right'), h('span', 'label', {}, 'Details')],
            { click: () => c.toggle(s.key) },
          ),
      ]),
      s.expanded && s.status === 'failed' && h('p', 'summary', { class: 'summary' }, s.summary),
      s.caution !== undefined &&
        h('p', 'caution', { class: 'caution' }, [icon('warning'), h('span', 'text', {}, s.caution)]),
      ...s.todo.map((t, i) => h('p', `todo${i}`, { class: 'todo' }, t)),
      s.fields.length > 0 && fields(s.fields, c),
      s.error &&
        h('div', 'error', { class: 'error' }, [
          h('p', 'text', { class: 'error-text' }, s.error.text),
          s.error.errorId !== undefined &&
            h('p', 'id', { class: 'error-id' }, [
              h('span', 'label', {}, `Okta error ID: ${s.error.errorId}`),
              s.error.copy && button(s.error.copy, c, false),
            ]),
        ]),
      busyHere && busy(busyHere, c),
      s.actions.length > 0 &&
        h(
          'div',
          'actions',
          { class: 'actions', role: 'group', 'aria-label': `Actions of step ${s.number}` },
          s.actions.map((a, i) => button(a, c, i === 0)),
        ),
      open && s.details.length > 0 && details(s.details, detailsId),
    ],
  );
}

function details(items: StepView['details'], id: string): VNode {
  return h(
    'dl',
    'details',
    { class: 'details', id },
    items.flatMap((d, i) => [h('dt', `t${i}`, {}, d.label), h('dd', `d${i}`, {}, d.value)]),
  );
}

function fields(items: FieldView[], c: RenderContext): VNode {
  return h('table', 'fields', { class: 'fields' }, [
    h(
      'tbody',
      'body',
      {},
      items.map((f) =>
        h('tr', f.key, {}, [
          h('th', 'label', { scope: 'row' }, f.label),
          h('td', 'value', {}, [h('code', 'code', {}, f.value)]),
          h('td', 'copy', {}, [button(f.copy, c, false)]),
        ]),
      ),
    ),
  ]);
}

function busy(b: BusyView, c: RenderContext): VNode {
  const left = c.waitSecondsLeft;
  return h('div', 'busy', { class: 'busy' }, [
    h('p', 'text', { class: 'busy-text' }, [icon('loading', true), h('span', 'label', {}, b.text)]),
    b.wait &&
      h('p', 'wait', { class: 'wait' }, [
        h('span', 'text', {}, b.wait.text),
        h('span', 'left', { class: 'wait-left' }, left !== undefined && left > 0 ? `${left} s left` : 'Trying again…'),
      ]),
    b.cancel && h('div', 'actions', { class: 'actions' }, [button(b.cancel, c, false)]),
  ]);
}

function more(text: string, actions: ActionView[], c: RenderContext): VNode {
  return h('section', 'more', { class: 'more', 'aria-labelledby': 'more-title' }, [
    h('h2', 'title', { id: 'more-title' }, 'If you need to stop'),
    h('p', 'text', {}, text),
    h(
      'div',
      'actions',
      { class: 'actions' },
      actions.map((a) => button(a, c, false)),
    ),
  ]);
}

function button(a: ActionView, c: RenderContext, primary: boolean): VNode {
  return h(
    'button',
    a.key,
    {
      type: 'button',
      class: a.style,
      'aria-label': a.ariaLabel,
      'aria-disabled': a.disabled ? 'true' : undefined,
      'data-primary': primary && a.style !== 'secondary' ? 'true' : undefined,
    },
    [a.icon ? icon(a.icon) : undefined, h('span', 'label', {}, a.label)],
    {
      click: () => {
        if (!a.disabled) c.send(a);
      },
    },
  );
}

function icon(name: string, spin = false): VNode {
  return h(
    'span',
    'icon',
    { class: `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`, 'aria-hidden': 'true' },
    '',
  );
}
