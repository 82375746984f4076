// The watch row of `npm run bench`: what one look of the watch of the old secret costs across 200 orgs, each at its
// watch (the old secret deactivated). A look is the rotation's own step, run as the campaign's watch phase runs it
// (the VS Code window's timer runs the same step): the app's secrets listed (drift) and one page of the System Log read,
// the journal saved. The orgs are the simulator's CLI at 150 ms latency in its own process; the watch lasts 75 minutes,
// so every look ends "watching" and costs the same; the median of several looks, every call counted by its bucket.
import { performance } from 'node:perf_hooks';
import { Campaign } from '../src/fleet/campaign/campaign.ts';
import { connectFleet } from '../test/support/campaignWorld.ts';
import { confirmPersonSteps, fleetSimulator, stop, type FleetRow, type Helpers } from './fleet.ts';

const ORGS = 200;

export async function watchPoll(h: Helpers, rows: FleetRow[]): Promise<void> {
  const { orgs, child } = await fleetSimulator(ORGS, h.root);
  const calls = { apps: 0, logs: 0, other: 0, tooMany: 0 };
  let counting = false;
  const fleet = connectFleet(
    orgs.map((o) => ({ ...o, environment: 'preview' as const })),
    {
      paired: false,
      watchMinutes: 75,
      client: {
        onApiCall: (c) => {
          if (!counting) return;
          if (c.status === 429) calls.tooMany++;
          if (c.path.startsWith('/api/v1/apps')) calls.apps++;
          else if (c.path === '/api/v1/logs') calls.logs++;
          else calls.other++;
        },
      },
    },
  );
  const times: number[] = [];
  try {
    const campaign = await Campaign.begin(fleet.deps({ maxConcurrentOrgs: h.defaultConcurrency }), fleet.orgs, 0);
    const phase = async (name: Parameters<Campaign['run']>[0]): Promise<void> => {
      const report = await campaign.run(name);
      const failed = report.ends.filter((e) => !e.end.ok);
      if (failed.length > 0) throw new Error(`${name}: ${JSON.stringify(failed[0])}`);
    };
    h.log(`watch: bringing ${ORGS} orgs to their watch`);
    await phase('check');
    await phase('create');
    for (let round = 0; round < 2; round++) await confirmPersonSteps(campaign);
    await phase('verify');
    await phase('deactivate');
    for (let r = 0; r < h.runs; r++) {
      counting = r === 0;
      const started = performance.now();
      await phase('watch');
      times.push(performance.now() - started);
      counting = false;
      if (!campaign.rows().every((row) => row.state === 'watching'))
        throw new Error('watch: every org should still be watching');
    }
  } finally {
    await fleet.close();
    await stop(child);
  }
  rows.push({
    area: 'Watch',
    measure: `one look of the watch of the old secret across ${ORGS} orgs at 150 ms latency, ${h.defaultConcurrency} at a time: wall time, and its calls`,
    ours: h.ms(h.median(times)),
    other: `${calls.apps} list-secrets + ${calls.logs} System Log reads${calls.other ? ` + ${calls.other} other` : ''}, ${calls.tooMany} answered 429`,
    ratio: '',
    goal: '2 calls per org',
  });
}
