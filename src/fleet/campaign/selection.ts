// Which orgs a campaign starts with: every org whose active secret is older than maxSecretAgeDays, preview orgs
// first, and the preview org of every due production org (its rotation must come first). The person adds or drops
// orgs from this list before the campaign starts.
import type { KnownOrg } from '../knownOrgs.ts';
import { oldestActiveAgeDays } from '../knownOrgs.ts';
import type { FleetOrg, Pairs } from './pairing.ts';

export interface Candidate {
  readonly org: FleetOrg;
  /** Picked at first: due, or the preview org of a due production org. */
  readonly picked: boolean;
  /** Why, in a few words: "secret 123 d old", "preview of Acme", "secret 20 d old", "not loaded yet". */
  readonly why: string;
}

export function campaignCandidates(
  orgs: readonly FleetOrg[],
  known: (key: string) => KnownOrg | undefined,
  pairs: Pairs,
  maxAgeDays: number,
  now: Date,
): Candidate[] {
  const age = new Map(orgs.map((o) => [o.key, ageOf(known(o.key), now)]));
  const due = new Set(orgs.filter((o) => (age.get(o.key) ?? -1) > maxAgeDays).map((o) => o.key));
  const previewOfDue = new Map<string, string>();
  for (const o of orgs) {
    const preview = pairs.previewOf.get(o.key);
    if (preview && due.has(o.key) && !previewOfDue.has(preview)) previewOfDue.set(preview, o.label);
  }
  const candidates = orgs.map((org): Candidate => {
    const days = age.get(org.key);
    const ageText =
      days === undefined ? 'not loaded yet: refresh to see its age' : `active secret ${Math.floor(days)} d old`;
    const pairedWith = previewOfDue.get(org.key);
    if (due.has(org.key)) return { org, picked: true, why: `${ageText} (over ${maxAgeDays} d)` };
    if (pairedWith) return { org, picked: true, why: `preview org of ${pairedWith}, rotated first; ${ageText}` };
    return { org, picked: false, why: ageText };
  });
  return candidates.sort(
    (a, b) =>
      Number(a.org.environment === 'production') - Number(b.org.environment === 'production') ||
      a.org.label.localeCompare(b.org.label),
  );
}

function ageOf(org: KnownOrg | undefined, now: Date): number | undefined {
  return org ? oldestActiveAgeDays(org, now) : undefined;
}
