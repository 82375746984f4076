// What a campaign needs beyond its serializer: the fleet's campaign (selection, phases, rows, its journal), its
// store in globalState, its view and its way to the running rotations. Loaded when Rotate Due Secrets runs or a
// campaign view is restored (esbuild.mjs emits it as dist/campaign.js), not at activation.
export { Campaign } from '../../fleet/campaign/campaign.ts';
export { GlobalStateCampaignStore } from '../storage/globalStateCampaignStore.ts';
export { CampaignPanel } from './campaignPanel.ts';
export { campaignRotations } from './campaignRotations.ts';
