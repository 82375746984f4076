// A fleet of practice orgs (oktaWorkflows.practiceOrgCount, 8 in npm run demo): preview/production pairs with the
// production entries naming their preview org, secrets of varied ages so that Rotate Due Secrets has some orgs to
// pick and some to leave; one org with a forgotten flow, for the watch of the old secret to catch.
import assert from 'node:assert/strict';
import { resolvePairs } from '../../../src/fleet/campaign/pairing.ts';
import { campaignCandidates } from '../../../src/fleet/campaign/selection.ts';
import { knownOrgOf } from '../../../src/fleet/knownOrgs.ts';
import { startSimulator, type Simulator } from '../../../src/simulator/index.ts';
import { parseOrgSettings } from '../../../src/orgs/orgConfig.ts';
import { practiceOrgsFrom, practiceSeeds } from '../../../src/orgs/practiceOrgEntries.ts';

describe('practice orgs: a fleet of eight', () => {
  let sim: Simulator | undefined;
  after(async () => sim?.close());

  it('four pairs, paired by previewOrg; six due, and one pair not due is left unpicked', async () => {
    const now = new Date();
    assert.equal(practiceSeeds(now).length, 2, 'the default stays one Preview and one Production org');
    sim = await startSimulator({ host: '127.0.0.1', port: 0, orgs: practiceSeeds(now, 8) });
    const orgs = practiceOrgsFrom(sim.orgs);
    assert.deepEqual(
      orgs.map((o) => o.setting.label),
      [
        'Practice Preview 1',
        'Practice Preview 2 (forgotten flow)',
        'Practice Preview 3',
        'Practice Preview 4',
        'Practice Production 1',
        'Practice Production 2',
        'Practice Production 3',
        'Practice Production 4',
      ],
    );
    // One org has a forgotten flow (a connection left on its secret, refreshing every 20 s), for the watch to catch;
    // its production org names it as its preview org.
    assert.deepEqual(
      sim.orgs.filter((o) => o.forgottenFlow).map((o) => [o.name, o.forgottenFlow?.intervalMs]),
      [['practice-preview-2', 20_000]],
    );
    assert.equal(
      orgs.find((o) => o.setting.label === 'Practice Production 2')?.setting.previewOrg,
      'Practice Preview 2 (forgotten flow)',
    );
    const parsed = parseOrgSettings(orgs.map((o) => o.setting));
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.orgs.every((o) => o.practice));
    const pairs = resolvePairs(parsed.orgs);
    assert.equal(pairs.previewOf.size, 4);
    const known = new Map(
      sim.orgs.map((info) => {
        const org = sim!.org(info.name);
        const app = {
          id: info.workflowsAppId,
          name: 'flow',
          label: 'Okta Workflows OAuth',
          clientId: info.clientId,
          tokenEndpointAuthMethod: 'client_secret_basic',
          redirectUris: [],
        };
        const secrets = org
          .secrets()
          .map((s) => ({ id: s.id, status: s.status, created: s.created, lastUpdated: s.lastUpdated }));
        return [new URL(info.baseUrl).host, knownOrgOf(app, secrets, now)];
      }),
    );
    const picked = campaignCandidates(parsed.orgs, (k) => known.get(k), pairs, 90, now).filter((c) => c.picked);
    assert.deepEqual(
      picked.map((c) => c.org.label),
      [
        'Practice Preview 1',
        'Practice Preview 2 (forgotten flow)',
        'Practice Preview 3',
        'Practice Production 1',
        'Practice Production 2',
        'Practice Production 3',
      ],
    );
  });
});
