// The campaign of this window: begun by Rotate Due Secrets, or resumed from its journal (globalState) when the
// command runs again or its panel is restored after a reload. Its rows follow every rotation change, whoever made
// it (a bulk action, a row, a checklist), because each org's rotation is one of RunningRotations' engines.
// Activation registers only its serializer: the campaign itself is loaded on first use (campaignParts.ts).
import * as vscode from 'vscode';
import type { Campaign } from '../../fleet/campaign/campaign.ts';
import type { CampaignDeps } from '../../fleet/campaign/campaignDeps.ts';
import type { CampaignOrg } from '../../fleet/campaign/campaignJournal.ts';
import type { OktaClients } from '../connection/oktaClients.ts';
import { orgRef } from '../orgs/orgRef.ts';
import type { OrgSettings } from '../orgs/orgSettings.ts';
import { Disposable } from '../platform/disposable.ts';
import type { Log } from '../platform/log.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { RunningRotations } from '../rotations/runningRotations.ts';
import type { GlobalStateCampaignStore } from '../storage/globalStateCampaignStore.ts';
import type * as CampaignParts from './campaignParts.ts';
import type { CampaignPanel } from './campaignPanel.ts';
import { CAMPAIGN_VIEW_TYPE, CampaignPageStateSchema } from './campaignProtocol.ts';

export interface CampaignWiring {
  context: vscode.ExtensionContext;
  /** The extension's globalState, written one round at a time (storage/serialMemento.ts). */
  globalState: vscode.Memento;
  log: Log;
  settings: OrgSettings;
  rotations: RunningRotations;
  clients: OktaClients;
}

export class RunningCampaign extends Disposable {
  private readonly w: CampaignWiring;
  private loaded: Promise<{ parts: typeof CampaignParts; store: GlobalStateCampaignStore }> | undefined;
  /** Set once loaded: a campaign (and so a view of it) exists only after that. */
  private parts: typeof CampaignParts | undefined;
  private campaign: Campaign | undefined;
  private panel: CampaignPanel | undefined;

  constructor(wiring: CampaignWiring) {
    super();
    this.w = wiring;
    // A checklist (or another bulk action) moved a rotation: the rows follow.
    this.register(
      wiring.rotations.onDidChange(() => {
        if (this.campaign) wiring.log.background('Campaign: reading the rotations', this.campaign.reload());
      }),
    );
  }

  /** The campaign's parts and its store, loaded the first time a campaign is begun, resumed or restored. */
  private load(): Promise<{ parts: typeof CampaignParts; store: GlobalStateCampaignStore }> {
    this.loaded ??= import('./campaignParts.ts').then((parts) => {
      this.parts = parts;
      return { parts, store: new parts.GlobalStateCampaignStore(this.w.globalState, (m) => this.w.log.warn(m)) };
    });
    return this.loaded;
  }

  /** The campaign in progress: this window's, or the one its journal holds (resumed). */
  async current(): Promise<Campaign | undefined> {
    if (!this.campaign) {
      const deps = await this.deps();
      await this.w.rotations.refreshJournals();
      this.campaign = await (await this.load()).parts.Campaign.resume(deps);
    }
    return this.campaign;
  }

  /** Begins a campaign over `orgs` (replacing any other) and opens its view. */
  async begin(orgs: readonly CampaignOrg[]): Promise<void> {
    const previous = await this.current();
    if (previous) await previous.end();
    this.panel?.dispose();
    const { parts } = await this.load();
    this.campaign = await parts.Campaign.begin(
      await this.deps(),
      orgs,
      this.w.settings.number('soakHours', 24, { allowZero: true }),
    );
    this.w.log.info(`Campaign ${this.campaign.id} begun over ${orgs.map((o) => o.key).join(', ')}`);
    this.open();
  }

  /** Shows the campaign's view (restoring `restored` after a reload). */
  open(restored?: vscode.WebviewPanel): void {
    const campaign = this.campaign;
    const parts = this.parts;
    if (!campaign || !parts) {
      restored?.dispose();
      return;
    }
    if (this.panel && !restored) {
      this.panel.reveal();
      return;
    }
    const panel =
      restored ??
      vscode.window.createWebviewPanel(CAMPAIGN_VIEW_TYPE, 'Rotate Due Secrets', vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: false,
      });
    const view = new parts.CampaignPanel(
      panel,
      {
        campaign,
        openChecklist: async (orgKey, rotationId) => {
          await this.w.rotations.refreshJournals();
          const journal = this.w.rotations.unfinishedOf(orgKey);
          if (journal?.rotationId === rotationId) await this.w.rotations.resume(journal);
          else throw new Error(`The rotation of ${orgKey} has ended; its result is in the campaign's history.`);
        },
        setCredential: async (orgKey) => {
          await vscode.commands.executeCommand('oktaWorkflows.setApiToken', orgRef(orgKey));
        },
        newSecretValue: (rotationId) => this.w.rotations.newSecretValue(rotationId),
        copySecret: (value) => this.w.rotations.clipboard.copy(value),
        withProgress: (title, orgKeys, work) => {
          const orgs = orgKeys.flatMap((k) => this.w.settings.find(k) ?? []);
          return withOktaProgress(this.w.clients, { title, orgs }, work);
        },
        ended: () => {
          this.campaign = undefined;
          this.panel = undefined;
        },
      },
      this.w.context.extensionUri,
      this.w.log,
    );
    this.panel = view;
    this.register(view);
    this.register(
      view.onDidClose(() => {
        if (this.panel === view) this.panel = undefined;
      }),
    );
  }

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(CAMPAIGN_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const parsed = CampaignPageStateSchema.safeParse(state);
        const campaign = await this.current();
        if (!campaign || !parsed.success || parsed.data.campaignId !== campaign.id) {
          this.w.log.info('Not restoring a campaign view: its campaign has ended');
          panel.dispose();
          return;
        }
        this.open(panel);
      },
    });
  }

  private async deps(): Promise<CampaignDeps> {
    const { parts, store } = await this.load();
    return {
      rotations: parts.campaignRotations(this.w.rotations, this.w.settings),
      store,
      history: async () => this.w.rotations.allJournals(),
      maxConcurrentOrgs: this.w.settings.maxConcurrentOrgs(),
      previewRecencyDays: this.w.settings.number('previewRecencyDays', 30),
    };
  }
}
