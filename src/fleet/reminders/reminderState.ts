// What the reminders remember in globalState (shared by every window, kept across reloads): each org's secrets as
// last listed (ids, statuses, creation times, masked values: never a value), which due secrets were notified, and
// which the person snoozed until when. Parsed strictly on read: a state that does not parse starts afresh.
// Pure: no `vscode` import (globalState is read through what it shares with a Memento), tested in Node.
import * as z from 'zod/mini';
import type { OrgSeen } from './dueSecrets.ts';

const KEY = 'oktaWorkflows.reminders';

/** What the reminders need of VS Code's Memento (globalState). */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const Masked = z.lazy(() => z.string().check(z.regex(/^••••[\s\S]{0,4}$/)));
const Short = z.lazy(() => z.string().check(z.maxLength(300)));

const StateSchema = z.lazy(() =>
  z.strictObject({
    version: z.literal(1),
    orgs: z.record(
      Short,
      z.strictObject({
        appId: Short,
        appLabel: Short,
        seenAt: Short,
        secrets: z.array(
          z.strictObject({ id: Short, status: z.enum(['ACTIVE', 'INACTIVE']), created: Short, masked: Masked }),
        ),
      }),
    ),
    notified: z.record(Short, Short),
    snoozedUntil: z.record(Short, Short),
  }),
);
export type ReminderState = z.infer<typeof StateSchema>;

function emptyState(): ReminderState {
  return { version: 1, orgs: {}, notified: {}, snoozedUntil: {} };
}

export function readReminderState(memento: StateMemento, onProblem: (m: string) => void): ReminderState {
  const raw = memento.get<unknown>(KEY);
  if (raw === undefined) return emptyState();
  const parsed = StateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  onProblem('The reminders kept in globalState cannot be read; they start afresh.');
  return emptyState();
}

export async function writeReminderState(memento: StateMemento, state: ReminderState): Promise<void> {
  await memento.update(KEY, StateSchema.parse(state));
}

/**
 * The state with `seen` recorded for its org, and the notes on secrets that no longer exist there (deleted by a
 * rotation) forgotten, so the state stays as small as the orgs' secrets.
 */
export function withOrgSeen(state: ReminderState, orgKey: string, seen: OrgSeen): ReminderState {
  const alive = new Set(seen.secrets.map((s) => `${orgKey}/${s.id}`));
  const keep = (notes: Record<string, string>) =>
    Object.fromEntries(Object.entries(notes).filter(([k]) => !k.startsWith(`${orgKey}/`) || alive.has(k)));
  return {
    ...state,
    orgs: { ...state.orgs, [orgKey]: seen },
    notified: keep(state.notified),
    snoozedUntil: keep(state.snoozedUntil),
  };
}

/** The state without the orgs that are no longer configured (and their notes). */
export function onlyOrgs(state: ReminderState, orgKeys: ReadonlySet<string>): ReminderState {
  const inOrg = (k: string) => orgKeys.has(k.slice(0, k.lastIndexOf('/')));
  const filter = (notes: Record<string, string>) => Object.fromEntries(Object.entries(notes).filter(([k]) => inOrg(k)));
  return {
    ...state,
    orgs: Object.fromEntries(Object.entries(state.orgs).filter(([k]) => orgKeys.has(k))),
    notified: filter(state.notified),
    snoozedUntil: filter(state.snoozedUntil),
  };
}
