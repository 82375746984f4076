// A campaign's own small journal: which orgs, their pairing and their rotations, and the choices made when it
// began. Everything else (each org's steps, secrets, acknowledgements) is in that org's rotation journal, so a
// campaign resumed after a reload, and any row opened as its checklist, read the same state.
import * as z from 'zod/mini';
import { RotationIdSchema } from '../../rotation/model/shapes.ts';

export const CAMPAIGN_JOURNAL_VERSION = 1;

const Id = RotationIdSchema;

const CampaignOrgSchema = z.lazy(() =>
  z.strictObject({
    key: z.string().check(z.minLength(1), z.maxLength(300)),
    label: z.string().check(z.minLength(1), z.maxLength(200)),
    environment: z.enum(['preview', 'production']),
    /** The key of the preview org this production org waits for. */
    previewOrg: z.optional(z.string()),
    /** Its rotation, once the campaign started one (or adopted one already running). */
    rotationId: z.optional(Id),
  }),
);
export type CampaignOrg = z.infer<typeof CampaignOrgSchema>;

const CampaignJournalSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(CAMPAIGN_JOURNAL_VERSION),
    campaignId: Id,
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Set when the person ended the campaign (its rotations go on as single checklists). */
    endedAt: z.optional(z.string()),
    /** The soak of a paired production org after its preview org's rotation, as set when the campaign began. */
    soakHours: z.number().check(z.minimum(0)),
    orgs: z.array(CampaignOrgSchema),
  }),
);
export type CampaignJournal = z.infer<typeof CampaignJournalSchema>;

export function parseCampaignJournal(data: unknown): CampaignJournal {
  return CampaignJournalSchema.parse(data);
}

/** Where the campaign in progress is kept (one at a time): globalState in VS Code, memory in tests. */
export interface CampaignStore {
  load(): Promise<CampaignJournal | undefined>;
  save(journal: CampaignJournal): Promise<void>;
  /** Forgets the campaign (its rotations' journals stay). */
  clear(): Promise<void>;
}

export class MemoryCampaignStore implements CampaignStore {
  #text: string | undefined;

  async load(): Promise<CampaignJournal | undefined> {
    return this.#text === undefined ? undefined : parseCampaignJournal(JSON.parse(this.#text));
  }

  async save(journal: CampaignJournal): Promise<void> {
    this.#text = JSON.stringify(parseCampaignJournal(journal));
  }

  async clear(): Promise<void> {
    this.#text = undefined;
  }
}
