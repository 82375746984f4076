// The rotation checklist page. It renders the view the extension host posts (words for people, built from the
// engine's snapshot) and sends back the request of the control the person used; it holds no rotation logic and
// never sees a secret value (Copy new secret and the in-use prompt run in the host). Every update patches the DOM
// in place by stable keys (shared/dom.ts), so focus stays on the control it was on; when that control goes (the
// step it ran is done), focus moves to the new current step's primary action. One live region says what happened.
import type { ActionView, ChecklistView, PageRequest } from '../../presentation/checklist/viewModel.ts';
import type { HostMessage, PageMessage } from '../../vscode/rotations/checklistProtocol.ts';
import { keepFocus } from '../shared/focus.ts';
import { renderView } from './render.ts';

const vscode = acquireVsCodeApi();
const root = requireElement('root');
const status = requireElement('status');
const show = keepFocus(root, focusTarget);

let view: ChecklistView | undefined;
let seq = 0;
const expanded = new Set<string>();
/** The wait being counted down: when it ends (page clock) and what it said, to announce a new one once. */
let wait: { until: number; text: string } | undefined;
let waitTimer: ReturnType<typeof setInterval> | undefined;
/** What was last announced about the work in progress, so an update does not repeat it. */
let announcedBusy: string | undefined;
let announcedEnding: string | undefined;

function requireElement(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The checklist page has no #${id}.`);
  return el;
}

function post(message: PageMessage): void {
  vscode.postMessage(message);
}

function request(req: PageRequest, busyText?: string): void {
  if (busyText) say(busyText);
  post({ type: 'request', seq: ++seq, request: req });
}

function say(text: string): void {
  status.textContent = text;
}

function send(action: ActionView): void {
  request(action.request, action.busyText);
}

function toggle(stepKey: string): void {
  if (expanded.has(stepKey)) expanded.delete(stepKey);
  else expanded.add(stepKey);
  render();
}

function render(): void {
  const secondsLeft = wait ? Math.max(0, Math.ceil((wait.until - Date.now()) / 1000)) : undefined;
  show(renderView(view, { expanded, waitSecondsLeft: secondsLeft, send, toggle }));
}

/** After the focused control went away: the current step's primary action, else its heading, else the page's. */
function focusTarget(): HTMLElement | null {
  const current = root.querySelector('li.step[aria-current="step"]');
  return (
    current?.querySelector<HTMLElement>('button[data-primary]:not([aria-disabled="true"])') ??
    current?.querySelector<HTMLElement>('button:not([aria-disabled="true"])') ??
    root.querySelector<HTMLElement>('.banner button[data-primary]') ??
    current?.querySelector<HTMLElement>('h2') ??
    root.querySelector<HTMLElement>('h1')
  );
}

/** Says what a new view changed for the person: work starting, a wait, how the rotation ended. */
function announce(next: ChecklistView): void {
  const busy = next.busy ? [next.busy.text, next.busy.wait?.text ?? ''].join(' ') : undefined;
  if (busy !== undefined && busy !== announcedBusy) say(busy.trim());
  announcedBusy = busy;
  const ending =
    next.notice?.tone === 'success' || next.notice?.title === 'Rolled back' ? next.notice.title : undefined;
  if (ending !== undefined && ending !== announcedEnding && announcedEnding === undefined && view !== undefined)
    say(`${ending}. ${next.notice?.lines.join(' ') ?? ''}`);
  announcedEnding = ending;
}

function updateWait(next: ChecklistView): void {
  const w = next.busy?.wait;
  if (!w) {
    wait = undefined;
    if (waitTimer) clearInterval(waitTimer);
    waitTimer = undefined;
    return;
  }
  wait = { until: Date.now() + w.seconds * 1000, text: w.text };
  if (!waitTimer) waitTimer = setInterval(render, 1000);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  if (msg.type === 'view') {
    announce(msg.view);
    view = msg.view;
    updateWait(msg.view);
    vscode.setState({ rotationId: msg.view.rotationId });
    render();
  } else if (msg.type === 'reply') {
    if (msg.message !== undefined) say(msg.message);
  }
});

render();
post({ type: 'ready' });
