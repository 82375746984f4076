// The campaign in progress (fleet/campaign/campaignJournal.ts: which orgs, their rotations, the soak) in
// globalState, so it survives closing its view and reloading the window. Ids and labels only, no secret.
import type * as vscode from 'vscode';
import {
  parseCampaignJournal,
  type CampaignJournal,
  type CampaignStore,
} from '../../fleet/campaign/campaignJournal.ts';

const KEY = 'oktaWorkflows.campaign';

export class GlobalStateCampaignStore implements CampaignStore {
  private readonly state: vscode.Memento;
  private readonly onProblem: (message: string) => void;

  constructor(state: vscode.Memento, onProblem: (message: string) => void) {
    this.state = state;
    this.onProblem = onProblem;
  }

  async load(): Promise<CampaignJournal | undefined> {
    const raw = this.state.get<unknown>(KEY);
    if (raw === undefined) return undefined;
    try {
      return parseCampaignJournal(raw);
    } catch (e) {
      this.onProblem(
        `The campaign kept in globalState cannot be read and is ignored: ${e instanceof Error ? e.message : String(e)}`,
      );
      return undefined;
    }
  }

  async save(journal: CampaignJournal): Promise<void> {
    await this.state.update(KEY, parseCampaignJournal(journal));
  }

  async clear(): Promise<void> {
    await this.state.update(KEY, undefined);
  }
}
