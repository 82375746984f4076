// Rotate Due Secrets…: the campaign. Opens the campaign in progress, or refreshes the orgs (one call each once
// their app is remembered), offers every org with credentials (the due ones and the preview orgs of due production
// orgs picked, preview orgs first: fleet/campaign/selection.ts) for the person to add or drop, then begins it.
import * as vscode from 'vscode';
import type { CampaignOrg } from '../../fleet/campaign/campaignJournal.ts';
import { resolvePairs } from '../../fleet/campaign/pairing.ts';
import { campaignCandidates } from '../../fleet/campaign/selection.ts';
import { required, UserCancelled } from '../platform/cancellation.ts';
import { withOktaProgress } from '../platform/oktaProgress.ts';
import type { Services } from '../platform/services.ts';

export async function rotateDueSecrets(s: Services): Promise<void> {
  const current = await s.campaigns.current();
  if (current) {
    const open = 'Open the Campaign in Progress';
    const fresh = 'Start a New Campaign';
    const rows = current.rows();
    const choice = await vscode.window.showQuickPick([open, fresh], {
      placeHolder: `A campaign over ${rows.length} orgs is in progress (${rows.filter((r) => r.state === 'done').length} done).`,
      ignoreFocusOut: true,
    });
    if (required(choice) === open) return s.campaigns.open();
  }
  const { orgs } = s.settings.read();
  const withCredentials = (
    await Promise.all(orgs.map(async (o) => ((await s.credentials.has(o.key)) ? [o] : [])))
  ).flat();
  if (withCredentials.length === 0) {
    void vscode.window.showInformationMessage('No org has credentials yet: add orgs (or Import Orgs…) first.');
    throw new UserCancelled();
  }
  await withOktaProgress(
    s.clients,
    { title: 'Reading the age of every org’s secret…', orgs: withCredentials },
    (signal) => s.orgState.refresh(withCredentials, signal),
  );
  const pairs = resolvePairs(withCredentials);
  for (const p of pairs.problems) s.log.warn(p);
  const candidates = campaignCandidates(
    withCredentials,
    (key) => s.orgState.known.get(key),
    pairs,
    s.settings.number('maxSecretAgeDays', 90),
    new Date(),
  );
  const picked = required(
    await vscode.window.showQuickPick(
      candidates.map((c) => ({
        label: c.org.label,
        description: `${c.org.key} · ${c.org.environment}`,
        detail: c.why,
        picked: c.picked,
        org: c.org,
      })),
      {
        canPickMany: true,
        title: 'Rotate Due Secrets: which orgs?',
        placeHolder: 'Due orgs are picked (and the preview org of each due production org); add or drop any.',
        ignoreFocusOut: true,
      },
    ),
  );
  if (picked.length === 0) throw new UserCancelled();
  const keys = new Set(picked.map((p) => p.org.key));
  const chosen: CampaignOrg[] = picked.map(({ org }) => {
    const preview = pairs.previewOf.get(org.key);
    return {
      key: org.key,
      label: org.label,
      environment: org.environment,
      // Paired within the campaign or not, the production org waits for its preview org's completed rotation.
      ...(preview ? { previewOrg: preview } : {}),
    };
  });
  const missing = chosen.filter((o) => o.previewOrg && !keys.has(o.previewOrg));
  if (missing.length > 0)
    s.log.info(
      `Campaign: ${missing.map((o) => o.label).join(', ')} wait for a preview org that is not in the campaign (its rotation must complete elsewhere, or be acknowledged).`,
    );
  await s.campaigns.begin(chosen);
}
