// Preview before production, per pair: an org entry may name its preview org by label (`previewOrg`). Resolved
// here to org keys; what cannot be paired is said in words and the org stays unpaired (the any-preview recency
// rule then guards it, as for any production org).
import type { Environment } from '../../rotation/model/journal.ts';

export interface FleetOrg {
  /** The org's host: its key everywhere. */
  readonly key: string;
  readonly label: string;
  readonly environment: Environment;
  /** The label of the preview org this production org is rotated after. */
  readonly previewOrg?: string;
  /** A practice org (the bundled simulator): never the preview org of a real one, nor paired with one. */
  readonly practice?: boolean;
}

export interface Pairs {
  /** Production org key → its preview org's key. */
  readonly previewOf: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

export function resolvePairs(orgs: readonly FleetOrg[]): Pairs {
  const previewOf = new Map<string, string>();
  const problems: string[] = [];
  for (const org of orgs) {
    const wanted = org.previewOrg?.trim();
    if (!wanted) continue;
    if (org.environment !== 'production') {
      problems.push(`${org.label}: previewOrg is for production orgs; it is ignored on a preview org.`);
      continue;
    }
    const exact = orgs.filter((o) => o.label === wanted);
    const named = exact.length > 0 ? exact : orgs.filter((o) => o.label.toLowerCase() === wanted.toLowerCase());
    const target = named[0];
    if (named.length > 1 || target === undefined) {
      problems.push(
        `${org.label}: previewOrg "${wanted}" ${named.length > 1 ? 'names several orgs' : 'names no configured org'}; it is rotated unpaired.`,
      );
    } else if (target.environment !== 'preview') {
      problems.push(`${org.label}: previewOrg "${wanted}" is a production org; it is rotated unpaired.`);
    } else if ((target.practice === true) !== (org.practice === true)) {
      // A rehearsal on the simulator proves nothing about a real org (and the other way round).
      problems.push(
        `${org.label}: previewOrg "${wanted}" is ${target.practice === true ? 'a practice org' : 'a real org'} and ${org.label} is not; it is rotated unpaired.`,
      );
    } else {
      previewOf.set(org.key, target.key);
    }
  }
  return { previewOf, problems };
}
