// The campaign page: one row per org, the bulk actions over the selected rows, each row's own actions, and the
// history (render.ts). It renders the view the host sends and posts the person's clicks; it holds no campaign logic
// and never sees a secret value (Copy New Secret runs in the extension host). The selection and the campaign's id
// are kept with setState, so a reload (and the host's serializer) finds them again.
import type { CampaignView } from '../../presentation/campaign/view.ts';
import type { CampaignRequest, HostMessage, PageMessage } from '../../vscode/campaign/campaignProtocol.ts';
import { renderCampaign } from './render.ts';

const vscode = acquireVsCodeApi();
const root = requireElement('root');
const status = requireElement('status');
const saved = savedState(vscode.getState());
let view: CampaignView | undefined;
let seq = 0;
let waiting = 0;
/** Keys the person unticked: every row is selected unless unticked (new rows start selected). */
const unselected = new Set<string>(saved.unselected);

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
  root.textContent = '';
  for (const node of renderCampaign(view, { unselected, select, request })) root.appendChild(node);
}

window.addEventListener('message', (event: MessageEvent<HostMessage | undefined>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'state' && msg.view && Array.isArray(msg.view.rows)) {
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
