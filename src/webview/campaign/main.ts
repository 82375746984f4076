// The campaign page: one row per org, the bulk actions over the selected rows, each row's own actions, and the
// history (render.ts). It renders the view the host sends and posts the request of the control the person used; it
// holds no campaign logic and never sees a secret value (Copy New Secret runs in the extension host). Every update
// patches the DOM in place by stable keys (shared/dom.ts), so a row updating many times while a bulk action runs
// leaves keyboard focus on the control it was on; when that control goes (its action ran and another took its
// place), focus moves to the row's first action, else the row, else the heading. One live region says what
// happened, once. The selection and the campaign's id are kept with setState, so a reload (and the host's
// serializer) finds them again.
import type { CampaignView } from '../../presentation/campaign/view.ts';
import type { CampaignRequest, HostMessage, PageMessage } from '../../vscode/campaign/campaignProtocol.ts';
import { keepFocus, nearest } from '../shared/focus.ts';
import { renderCampaign } from './render.ts';

const vscode = acquireVsCodeApi();
const root = requireElement('root');
const status = requireElement('status');
const saved = savedState(vscode.getState());
let view: CampaignView | undefined;
let seq = 0;
let waiting = 0;
const show = keepFocus(root, focusTarget);
/** Keys the person unticked: every row is selected unless unticked (new rows start selected). */
const unselected = new Set<string>(saved.unselected);
/** The row failures already announced (org key and message), so an update does not repeat them. */
let announcedFailures = new Set<string>();

function requireElement(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The campaign page has no #${id}.`);
  return found;
}

/** What an earlier page of this panel kept; anything of another shape is ignored. */
function savedState(state: unknown): { campaignId?: string; unselected: string[] } {
  if (typeof state !== 'object' || state === null) return { unselected: [] };
  const campaignId = 'campaignId' in state && typeof state.campaignId === 'string' ? state.campaignId : undefined;
  const keys = 'unselected' in state && Array.isArray(state.unselected) ? state.unselected : [];
  return {
    ...(campaignId !== undefined ? { campaignId } : {}),
    unselected: keys.filter((k): k is string => typeof k === 'string'),
  };
}

function post(message: PageMessage): void {
  vscode.postMessage(message);
}

function say(text: string): void {
  status.textContent = text;
}

function request(req: CampaignRequest, busyText?: string): void {
  seq++;
  waiting++;
  if (busyText) say(busyText);
  post({ type: 'request', seq, request: req });
}

function remember(): void {
  vscode.setState({ campaignId: view ? view.campaignId : saved.campaignId, unselected: [...unselected] });
}

function select(keys: readonly string[], selected: boolean): void {
  for (const key of keys) {
    if (selected) unselected.delete(key);
    else unselected.add(key);
  }
  remember();
  render();
}

function render(): void {
  show(renderCampaign(view, { unselected, select, request }));
}

/** After the focused control went: its row's first action that can be used now, else the row, else the heading. */
function focusTarget(lost: readonly string[]): HTMLElement | null {
  const row = nearest(root, lost).closest<HTMLElement>('tr.row');
  if (row) return row.querySelector<HTMLElement>('.row-actions button:not([aria-disabled="true"])') ?? row;
  return root.querySelector<HTMLElement>('h1');
}

/** Says what a new view changed for the person, once: a bulk action starting, a row failing, the campaign ending. */
function announce(next: CampaignView): void {
  const news: string[] = [];
  if (next.running !== undefined && next.running !== view?.running) news.push(`${next.running}…`);
  const failures = new Set<string>();
  for (const r of next.rows) {
    if (!r.error) continue;
    const id = `${r.key}\n${r.error.message}`;
    failures.add(id);
    // The failures already shown when the page opens are read with the page, not announced.
    if (view !== undefined && !announcedFailures.has(id)) news.push(`${r.label}: ${r.error.message}`);
  }
  announcedFailures = failures;
  if (next.finished && view !== undefined && !view.finished) news.push('Every rotation of this campaign has ended.');
  if (news.length > 0) say(news.join(' '));
}

window.addEventListener('message', (event: MessageEvent<HostMessage | undefined>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'state' && msg.view && Array.isArray(msg.view.rows)) {
    announce(msg.view);
    view = msg.view;
    remember();
    render();
  } else if (msg.type === 'reply' && typeof msg.seq === 'number') {
    waiting = Math.max(0, waiting - 1);
    if (typeof msg.message === 'string') say(msg.message);
    else if (waiting === 0) say('');
  }
});

render();
post({ type: 'ready' });
