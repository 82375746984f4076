// Practice orgs as data: what the bundled simulator is seeded with, the setting entries and tokens built from what
// it reports, and the edits of the `oktaWorkflows.orgs` list that add or remove them. Pure: no `vscode` import,
// tested in Node.
import type { OrgSeed, SimulatedOrgInfo } from '../simulator/index.ts';
import { parseOrgSettings, type OrgSetting } from './orgConfig.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The labels people see in the tree: "practice" in the name itself, so no screenshot can pass for a real org. */
export const PRACTICE_LABELS = { preview: 'Practice Preview', production: 'Practice Production' } as const;

/** The secrets' ages of a practice fleet's pairs (preview, production): most due, some not, to pick from. */
const FLEET_AGES: ReadonlyArray<readonly [number, number]> = [
  [97, 123],
  [140, 101],
  [95, 180],
  [20, 45],
  [130, 96],
  [35, 70],
  [150, 160],
  [25, 50],
];

/** The fleet's org with a forgotten flow: a Workflows connection nobody moved, so the watch has something to catch. */
const FORGOTTEN_FLOW_ORG = 'practice-preview-2';
/** How often its flow refreshes its token: often enough that a practice watch (two minutes at most) sees it fail. */
const FORGOTTEN_FLOW_INTERVAL_MS = 20_000;

/**
 * One Preview and one Production org, each with a single ACTIVE secret older than the default maximum age (90 d),
 * so the tree shows the age warning a real org due for rotation shows. Few decoy apps: discovery still pages.
 * With a larger `count` (an even number up to 16), a fleet of preview/production pairs (practice-preview-N and
 * practice-N) of varied ages, for trying Rotate Due Secrets; practice-preview-2 has a forgotten flow (a connection
 * still on its secret, refreshing every 20 s), which the watch of the old secret catches after the deactivation.
 */
export function practiceSeeds(now: Date, count = 2): OrgSeed[] {
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS).toISOString();
  if (count > 2) {
    return FLEET_AGES.slice(0, Math.min(8, Math.floor(count / 2))).flatMap(
      ([previewAge, productionAge], i): OrgSeed[] => [
        {
          name: `practice-preview-${i + 1}`,
          environment: 'preview',
          secrets: [{ status: 'ACTIVE', created: daysAgo(previewAge) }],
          decoyApps: 1,
          ...(`practice-preview-${i + 1}` === FORGOTTEN_FLOW_ORG
            ? { forgottenFlow: { intervalMs: FORGOTTEN_FLOW_INTERVAL_MS } }
            : {}),
        },
        {
          name: `practice-${i + 1}`,
          environment: 'production',
          secrets: [{ status: 'ACTIVE', created: daysAgo(productionAge) }],
          decoyApps: 1,
        },
      ],
    );
  }
  return [
    {
      name: 'practice-preview',
      environment: 'preview',
      secrets: [{ status: 'ACTIVE', created: daysAgo(97) }],
      decoyApps: 3,
    },
    {
      name: 'practice',
      environment: 'production',
      secrets: [{ status: 'ACTIVE', created: daysAgo(123) }],
      decoyApps: 3,
    },
  ];
}

export interface PracticeOrg {
  /** The org's key everywhere (tokens, clients, journals): its host, 127.0.0.1:PORT. */
  key: string;
  setting: OrgSetting;
  /** The simulator's full-rights API token, for SecretStorage. */
  apiToken: string;
}

/**
 * The setting entries and tokens of the simulator's orgs, Preview first; a fleet's production orgs paired. An org with
 * a forgotten flow says so in its label, so a person knows which rehearsal the watch will stop.
 */
export function practiceOrgsFrom(infos: readonly SimulatedOrgInfo[]): PracticeOrg[] {
  const labelOf = (info: SimulatedOrgInfo): string => {
    const pair = /-(\d+)$/.exec(info.name)?.[1];
    const label = pair ? `${PRACTICE_LABELS[info.environment]} ${pair}` : PRACTICE_LABELS[info.environment];
    return info.forgottenFlow ? `${label} (forgotten flow)` : label;
  };
  const previewLabel = (pair: string): string => {
    const preview = infos.find((i) => i.environment === 'preview' && i.name.endsWith(`-${pair}`));
    return preview ? labelOf(preview) : `${PRACTICE_LABELS.preview} ${pair}`;
  };
  return [...infos]
    .sort((a, b) => (a.environment === b.environment ? 0 : a.environment === 'preview' ? -1 : 1))
    .map((info) => {
      const url = new URL(info.baseUrl);
      if (url.hostname !== '127.0.0.1' || url.protocol !== 'http:') {
        throw new Error(`A practice org must listen on http://127.0.0.1, not ${info.baseUrl}.`);
      }
      const pair = /-(\d+)$/.exec(info.name)?.[1];
      return {
        key: url.host,
        apiToken: info.apiToken,
        setting: {
          label: labelOf(info),
          domain: info.baseUrl,
          environment: info.environment,
          practice: true,
          ...(pair && info.environment === 'production' ? { previewOrg: previewLabel(pair) } : {}),
        },
      };
    });
}

/** True for a setting entry that parses as a practice org (a hand-written one included, when on loopback). */
export function isPracticeEntry(entry: unknown): boolean {
  return parseOrgSettings([entry]).orgs[0]?.practice === true;
}

/** The keys (hosts) of the practice orgs in a raw settings list. */
export function practiceKeys(raw: readonly unknown[]): string[] {
  return parseOrgSettings([...raw])
    .orgs.filter((o) => o.practice)
    .map((o) => o.key);
}

/** The list with every practice entry removed; anything else (even entries we cannot parse) kept as written. */
export function withoutPracticeOrgs(raw: readonly unknown[]): unknown[] {
  return raw.filter((entry) => !isPracticeEntry(entry));
}

/** The list with earlier practice entries replaced by these; real orgs first, as the person ordered them. */
export function withPracticeOrgs(raw: readonly unknown[], orgs: readonly PracticeOrg[]): unknown[] {
  const keys = new Set(orgs.map((o) => o.key));
  // An entry already at one of the new hosts (a stale one by hand) would make the new one a duplicate.
  const kept = withoutPracticeOrgs(raw).filter((entry) => !keys.has(parseOrgSettings([entry]).orgs[0]?.key ?? ''));
  return [...kept, ...orgs.map((o) => o.setting)];
}
