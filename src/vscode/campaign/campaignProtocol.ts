// The campaign page's message protocol, both directions. The page is untrusted: every message from it is parsed
// here (zod), anything unknown or malformed is dropped and logged. A request names an org by key and an action by
// kind; the host then checks it is one the org's row offers. No secret crosses in either direction.
import * as z from 'zod/mini';
import { parseWebviewMessage, type ParseResult } from '../platform/webviewMessage.ts';
import type { CampaignView } from '../../presentation/campaign/view.ts';
import { RotationIdSchema } from '../../rotation/model/shapes.ts';
import { PHASES } from '../../rotation/model/phases.ts';

const OrgKey = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(300)));

const RowActionSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('run'), phase: z.enum(PHASES) }),
    z.strictObject({ kind: z.literal('connection'), mode: z.enum(['newConnection', 'reauthorize']) }),
    z.strictObject({ kind: z.literal('confirm'), step: z.enum(['moveFlows', 'deleteOldConnection']) }),
    z.strictObject({ kind: z.literal('acknowledge'), guard: z.enum(['productionWithoutPreview', 'previewSoak']) }),
    z.strictObject({ kind: z.literal('copyNewSecret') }),
    z.strictObject({ kind: z.literal('copy'), field: z.enum(['domain', 'clientId']) }),
    z.strictObject({ kind: z.literal('setCredential') }),
    z.strictObject({ kind: z.literal('openChecklist') }),
  ]),
);
export type RowActionRequest = z.infer<typeof RowActionSchema>;

const RequestSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('bulk'), phase: z.enum(PHASES), orgs: z.array(OrgKey).check(z.maxLength(1000)) }),
    z.strictObject({ kind: z.literal('row'), org: OrgKey, action: RowActionSchema }),
    z.strictObject({ kind: z.literal('end') }),
  ]),
);
export type CampaignRequest = z.infer<typeof RequestSchema>;

const PageMessageSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    z.strictObject({
      type: z.literal('request'),
      seq: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
      request: RequestSchema,
    }),
  ]),
);
export type PageMessage = z.infer<typeof PageMessageSchema>;

export type HostMessage =
  { type: 'state'; view: CampaignView } | { type: 'reply'; seq: number; ok: boolean; message?: string };

/** What the page keeps with setState, and what the serializer reads back after a reload. */
/** The campaign view's webview type (VS Code restores it after a reload by it). */
export const CAMPAIGN_VIEW_TYPE = 'oktaWorkflows.campaign';

export const CampaignPageStateSchema = z.lazy(() => z.looseObject({ campaignId: RotationIdSchema }));

/** Parses a message from the page (at most 100 000 characters). */
export function parseCampaignMessage(data: unknown): ParseResult<PageMessage> {
  return parseWebviewMessage(PageMessageSchema, data, 100_000);
}
