// The checklist page's message protocol, both directions, as zod schemas. The page is untrusted input: every
// message from it is parsed here, and anything unknown or malformed is dropped (and logged by the panel).
// Handshake: the page sends `ready` once its script runs; the host buffers until then. Requests carry a
// sequence number and get exactly one `reply` with the same number.
// No secret crosses this boundary in either direction: the new secret is copied in the host, and the value of
// the secret in use (when two are active) is asked by the host in a password input, never typed in the page.
// Every schema is wrapped in z.lazy: built on the first message, not when the extension activates (building zod
// schemas was most of activation's time).
import * as z from 'zod/mini';
import { parseWebviewMessage, type ParseResult } from '../platform/webviewMessage.ts';
import { ValuelessActionSchema } from '../../rotation/model/actions.ts';
import { RotationIdSchema } from '../../rotation/model/shapes.ts';
import type { ChecklistView, PageRequest } from '../../presentation/checklist/viewModel.ts';

// Typed as the view model's PageRequest: the page's requests and what the host parses cannot drift apart.
const PageRequestSchema: z.ZodMiniType<PageRequest> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('action'), action: ValuelessActionSchema }),
    /** Ask the host to prompt (password input) for the value of the secret in use, then identify it. */
    z.strictObject({ kind: z.literal('identifyInUse') }),
    z.strictObject({ kind: z.literal('copyNewSecret') }),
    /** Copy a value the page shows (the error id: the current step's last Okta error). */
    z.strictObject({ kind: z.literal('copyText'), field: z.enum(['domain', 'clientId', 'errorId']) }),
    z.strictObject({ kind: z.literal('openConsole') }),
    z.strictObject({ kind: z.literal('cancel') }),
  ]),
);

const PageMessageSchema = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    z.strictObject({
      type: z.literal('request'),
      seq: z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
      request: PageRequestSchema,
    }),
  ]),
);
export type PageMessage = z.infer<typeof PageMessageSchema>;

/** The page renders the view alone (busy state included); a reply is said in its live region. */
export type HostMessage =
  { type: 'view'; view: ChecklistView } | { type: 'reply'; seq: number; ok: boolean; message?: string };

/** What the page keeps with setState, and what the serializer reads back after a reload. */
/** The checklist panels' webview type (VS Code restores them after a reload by it). */
export const CHECKLIST_VIEW_TYPE = 'oktaWorkflows.rotationChecklist';

export const PageStateSchema = z.lazy(() => z.looseObject({ rotationId: RotationIdSchema }));

/** Parses a message from the page (at most 10 000 characters). */
export function parsePageMessage(data: unknown): ParseResult<PageMessage> {
  return parseWebviewMessage(PageMessageSchema, data, 10_000);
}
