// The `oktaWorkflows.orgs` setting as data: parsed with zod (settings are outside input, hand-edited JSON), keyed
// by the org's host. Pure: no `vscode` import, tested in Node.
// The schema is wrapped in z.lazy: built on first use, not at module load (activation time).
import * as z from 'zod/mini';
import { parseOrgInput, type OrgAddress } from '../okta/orgInput.ts';

const OrgSettingSchema = z.lazy(() =>
  z.object({
    label: z
      .string('is missing or not text')
      .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'is longer than 200 characters')),
    domain: z
      .string('is missing or not text')
      .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(300, 'is longer than 300 characters')),
    environment: z.enum(['preview', 'production'], 'must be "preview" or "production"'),
    appId: z.optional(
      z.union([
        z.string().check(z.regex(/^0oa[A-Za-z0-9]{17}$/, 'must be an app id (0oa followed by 17 letters or digits)')),
        z.literal(''),
      ]),
    ),
    /** Written by Start Practice Orgs only: the org is the bundled simulator on loopback, not a real Okta org. */
    practice: z.optional(z.boolean('must be true or false')),
    /** A production org's preview org, by label: its new secret waits for that org's rotation to soak. */
    previewOrg: z.optional(
      z
        .string('must be text')
        .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'is longer than 200 characters')),
    ),
  }),
);
export type OrgSetting = z.infer<typeof OrgSettingSchema>;

/** One configured org, resolved: `key` (its host) names it everywhere (tokens, clients, journals, tree). */
export interface OrgConfig {
  readonly key: string;
  readonly label: string;
  readonly environment: 'preview' | 'production';
  readonly address: OrgAddress;
  readonly appId?: string;
  /** A practice org (the bundled simulator): marked in the tree, removed by Stop Practice Orgs. Loopback only. */
  readonly practice?: boolean;
  /** The label of the preview org this production org is rotated after (campaign/pairing.ts resolves it). */
  readonly previewOrg?: string;
}

export interface ParsedOrgs {
  orgs: OrgConfig[];
  /** Entries we could not use, with why: shown in the log and as warning items. */
  problems: string[];
}

export function parseOrgSettings(raw: unknown): ParsedOrgs {
  const orgs: OrgConfig[] = [];
  const problems: string[] = [];
  const list = Array.isArray(raw) ? raw : [];
  if (!Array.isArray(raw) && raw !== undefined)
    problems.push('The setting oktaWorkflows.orgs is not a list; it is ignored.');
  list.forEach((entry, i) => {
    const parsed = OrgSettingSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(
        `oktaWorkflows.orgs[${i}] is not {label, domain, environment, appId?, previewOrg?}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
      return;
    }
    try {
      const address = parseOrgInput(parsed.data.domain, { allowLoopback: true });
      const key = address.host;
      if (orgs.some((o) => o.key === key)) {
        problems.push(`oktaWorkflows.orgs[${i}]: ${key} is listed twice; only the first entry is used.`);
        return;
      }
      const appId = parsed.data.appId || address.appId;
      // A real org must never pass for a practice one (Stop Practice Orgs would remove it and its token).
      const practice = parsed.data.practice === true && address.isLoopback;
      if (parsed.data.practice === true && !practice) {
        problems.push(
          `oktaWorkflows.orgs[${i}] (${key}): "practice": true is only for the bundled simulator on 127.0.0.1; the flag is ignored.`,
        );
      }
      orgs.push({
        key,
        label: parsed.data.label,
        environment: parsed.data.environment,
        address,
        ...(appId ? { appId } : {}),
        ...(practice ? { practice } : {}),
        ...(parsed.data.previewOrg ? { previewOrg: parsed.data.previewOrg } : {}),
      });
    } catch (e) {
      problems.push(`oktaWorkflows.orgs[${i}] (${parsed.data.domain}): ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { orgs, problems };
}

/** The setting entry written by Add Org (and Import Orgs): the domain as the host (loopback keeps its http://). */
export function orgSettingFor(
  address: OrgAddress,
  label: string,
  environment: 'preview' | 'production',
  previewOrg?: string,
): OrgSetting {
  const domain = address.isLoopback ? address.baseUrl : address.host;
  return {
    label,
    domain,
    environment,
    ...(address.appId ? { appId: address.appId } : {}),
    ...(previewOrg ? { previewOrg } : {}),
  };
}
