// What the campaign page receives and renders, and nothing else: a heading with the counts, the bulk actions with
// their words, one row per org, and the history. Built in the extension host from the campaign; the page
// (src/webview/campaign) imports these types only.
import type { Phase } from '../../rotation/model/phases.ts';
import { PHASES } from '../../rotation/model/phases.ts';
import { plural } from '../phrases.ts';
import type { HistoryLine } from './history.ts';
import { PHASE_WORDS } from './phases.ts';
import type { CampaignRow, RowState } from './rowShape.ts';

export interface CampaignView {
  campaignId: string;
  /** "Rotate due secrets: 8 orgs". */
  heading: string;
  /** "Production orgs wait 24 h after their preview org · 2 done · 1 needs you · 3 waiting · none failed". */
  summary: string;
  /** The bulk actions, in order, with their words. */
  bulk: Array<{ phase: Phase; label: string; icon: string }>;
  rows: CampaignRow[];
  history: HistoryLine[];
  /** A bulk action running now (its label), if any. */
  running?: string;
  finished: boolean;
}

export interface CampaignViewInput {
  campaignId: string;
  soakHours: number;
  rows: CampaignRow[];
  history: HistoryLine[];
  running?: string;
  finished: boolean;
}

export function campaignView(input: CampaignViewInput): CampaignView {
  const count = (state: RowState): number => input.rows.filter((r) => r.state === state).length;
  const failed = count('failed');
  const counts = [
    `${count('done')} done`,
    `${count('needsYou')} ${count('needsYou') === 1 ? 'needs' : 'need'} you`,
    `${count('waiting')} waiting for their preview org`,
    ...(count('watching') > 0 ? [`${count('watching')} watching for their old secret`] : []),
    failed === 0 ? 'none failed' : `${failed} failed`,
  ];
  return {
    campaignId: input.campaignId,
    heading: `Rotate due secrets: ${plural(input.rows.length, 'org')}`,
    summary: [`Production orgs wait ${input.soakHours} h after their preview org`, ...counts].join(' · '),
    bulk: PHASES.map((phase) => ({ phase, label: PHASE_WORDS[phase].bulk, icon: PHASE_WORDS[phase].icon })),
    rows: input.rows,
    history: input.history,
    ...(input.running ? { running: input.running } : {}),
    finished: input.finished,
  };
}

/**
 * What a bulk action did, in one sentence: how many went through, and of the others how many wait for their preview
 * org (by design, not a failure), need the person, or failed.
 */
export function bulkSummary(title: string, ran: readonly CampaignRow[], wentThrough: ReadonlySet<string>): string {
  const others = ran.filter((r) => !wentThrough.has(r.key));
  const of = (state: RowState) => others.filter((r) => r.state === state).length;
  const waiting = of('waiting');
  const watching = of('watching');
  const failed = of('failed');
  const needYou = others.length - waiting - watching - failed;
  const parts = [
    ...(waiting > 0
      ? [`${waiting} ${waiting === 1 ? 'waits' : 'wait'} for ${waiting === 1 ? 'its' : 'their'} preview org`]
      : []),
    ...(watching > 0
      ? [`${watching} still ${watching === 1 ? 'watches' : 'watch'} for ${watching === 1 ? 'its' : 'their'} old secret`]
      : []),
    ...(needYou > 0
      ? [`${needYou} ${needYou === 1 ? 'needs' : 'need'} you (see ${needYou === 1 ? 'its row' : 'their rows'})`]
      : []),
    ...(failed > 0 ? [`${failed} failed (see ${failed === 1 ? 'its row' : 'their rows'})`] : []),
  ];
  return `${title}: ${wentThrough.size} of ${ran.length} went through${parts.length > 0 ? `; ${parts.join('; ')}` : ''}.`;
}
