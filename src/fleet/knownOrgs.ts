// What is remembered of each org between refreshes and sessions: its Workflows app (so a refresh is one call) and
// its secrets as last listed, with when. Ids, dates, statuses and masked values only, never a secret value: the
// schema is strict and a masked value shows at most four characters. The tree shows this at once, with its age,
// while the refresh runs; the campaign picks the orgs that are due from it.
import * as z from 'zod/mini';
import { MaskedSecretSchema } from '../rotation/model/shapes.ts';
import type { ClientSecret, WorkflowsApp } from '../okta/schemas.ts';
import { listedSecretOf } from './listedSecret.ts';
import { ageInDays } from './secretDue.ts';

const KnownSecretSchema = z.lazy(() =>
  z.strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    status: z.enum(['ACTIVE', 'INACTIVE']),
    created: z.string(),
    masked: MaskedSecretSchema,
  }),
);

const KnownOrgSchema = z.lazy(() =>
  z.strictObject({
    app: z.strictObject({
      id: z.string().check(z.regex(/^0oa[A-Za-z0-9]{17}$/)),
      name: z.string(),
      label: z.string(),
      clientId: z.string(),
      tokenEndpointAuthMethod: z.string(),
      redirectUris: z.array(z.string()),
    }),
    secrets: z.array(KnownSecretSchema),
    /** When Okta listed these secrets (ISO 8601). */
    listedAt: z.string(),
  }),
);
export type KnownOrg = z.infer<typeof KnownOrgSchema>;

/** What to remember of a refresh: the app as found, the secrets without their values. */
export function knownOrgOf(app: WorkflowsApp, secrets: readonly ClientSecret[], listedAt: Date): KnownOrg {
  return {
    app: { ...app, redirectUris: [...app.redirectUris] },
    secrets: secrets.map(listedSecretOf),
    listedAt: listedAt.toISOString(),
  };
}

/** Every entry that parses (keyed by org host); a broken one is named in `problems` and left out, never fatal. */
export function parseKnownOrgs(raw: unknown): { orgs: Map<string, KnownOrg>; problems: string[] } {
  const orgs = new Map<string, KnownOrg>();
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { orgs, problems };
  for (const [key, value] of Object.entries(raw)) {
    const parsed = KnownOrgSchema.safeParse(value);
    if (parsed.success) orgs.set(key, parsed.data);
    else problems.push(`The remembered state of ${key} cannot be read and is ignored (it is refreshed from Okta).`);
  }
  return { orgs, problems };
}

/** Age in days of the oldest ACTIVE secret, or undefined when none is known. */
export function oldestActiveAgeDays(org: Pick<KnownOrg, 'secrets'>, now: Date): number | undefined {
  let oldest: number | undefined;
  for (const s of org.secrets) {
    const age = ageInDays(s.created, now);
    if (s.status === 'ACTIVE' && age !== undefined && (oldest === undefined || age > oldest)) oldest = age;
  }
  return oldest;
}
